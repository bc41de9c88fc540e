import { PROGRAM_VERSION } from './program';
import {
  ALTERNATE,
  ANY_CHAR,
  ANY_CHAR_NOT_NL,
  BEGIN_LINE,
  BEGIN_TEXT,
  CAPTURE,
  CHAR_CLASS,
  CONCAT,
  EMPTY_MATCH,
  END_LINE,
  END_TEXT,
  FOLD_CASE,
  LITERAL,
  NO_MATCH,
  NO_WORD_BOUNDARY,
  node,
  NON_GREEDY,
  parseRe2,
  PLUS,
  QUEST,
  type Re,
  REPEAT,
  STAR,
  WORD_BOUNDARY,
} from './re2-parse';
import { canonical, foldOrbit, MAX_RUNE, simpleFold } from './re2-unicode';

/**
 * RE2's compiler for rule patterns (re2js 2.10.0's Simplify and Compiler, from Go's regexp/syntax, MIT-licensed):
 * counted repetitions expanded, then the same instructions in the same order, so the program has RE2's size
 * (`programSize()`) and matches the same texts. It is written in the stored text form of `./program.ts`, with
 * case-insensitive literals expanded to their case-folding orbits.
 */

/** One instruction: F fail, M match, N no-op (RE2's captures too), A either branch, E empty-width, R a character. */
interface Inst {
  op: 'F' | 'M' | 'N' | 'A' | 'E' | 'R';
  out: number;
  arg: number;
  runes: readonly number[];
  fold: boolean;
}

/** Unpatched exits of a fragment: a list threaded through the out (even) or arg (odd) fields, as RE2's PatchList. */
interface Patch {
  head: number;
  tail: number;
}

interface Frag {
  i: number;
  out: Patch;
  nullable: boolean;
}

const NONE: Patch = { head: 0, tail: 0 };
const ANY_RUNE = [0, MAX_RUNE];
const ANY_RUNE_NOT_NL = [0, 9, 11, MAX_RUNE];

/** Rewrites RE2's tree as RE2's Simplify does: counted repetitions become copies, empty pieces drop out. */
function simplify(re: Re): Re {
  switch (re.op) {
    case CHAR_CLASS: {
      const r = re.runes;
      if (r.length === 0) return node(NO_MATCH);
      if (r.length === 2 && r[0] === 0 && r[1] === MAX_RUNE) return node(ANY_CHAR);
      if (r.length === 4 && r[0] === 0 && r[1] === 9 && r[2] === 11 && r[3] === MAX_RUNE) return node(ANY_CHAR_NOT_NL);
      return re;
    }
    case CAPTURE:
      return re.subs.length === 0 ? re : { ...re, subs: [simplify(re.subs[0] as Re)] };
    case STAR:
    case PLUS:
    case QUEST:
      return re.subs.length === 0 ? re : simplify1(re.op, re.flags, simplify(re.subs[0] as Re));
    case REPEAT:
      if (re.min === 0 && re.max === 0) return node(EMPTY_MATCH);
      return simplifyRepeat(re, simplify(re.subs[0] as Re));
    case CONCAT:
    case ALTERNATE:
      return re.subs.length === 0 ? re : simplifyList(re);
    default:
      return re;
  }
}

function simplifyList(re: Re): Re {
  const subs: Re[] = [];
  for (const sub of re.subs) {
    const s = simplify(sub);
    if (re.op === CONCAT) {
      if (s.op === NO_MATCH) return node(NO_MATCH);
      if (s.op === EMPTY_MATCH) continue;
    } else if (s.op === NO_MATCH) continue;
    if (s.op === re.op) subs.push(...s.subs);
    else subs.push(s);
  }
  if (subs.length === 0) return node(re.op === CONCAT ? EMPTY_MATCH : NO_MATCH);
  if (subs.length === 1) return subs[0] as Re;
  return { ...re, subs };
}

function simplify1(op: number, flags: number, sub: Re): Re {
  if (sub.op === EMPTY_MATCH) return sub;
  if (sub.op === NO_MATCH) return op === PLUS ? sub : node(EMPTY_MATCH);
  if (op === sub.op && (flags & NON_GREEDY) === (sub.flags & NON_GREEDY)) return sub;
  const re = node(op, flags);
  re.subs = [sub];
  return re;
}

function simplifyRepeat(re: Re, sub: Re): Re {
  if (re.max === -1) {
    if (re.min === 0) return simplify1(STAR, re.flags, sub);
    if (re.min === 1) return simplify1(PLUS, re.flags, sub);
    return concatOf([...Array<Re>(re.min - 1).fill(sub), simplify1(PLUS, re.flags, sub)]);
  }
  if (re.min === 1 && re.max === 1) return sub;
  const prefix: Re[] = Array<Re>(re.min).fill(sub);
  if (re.max > re.min) {
    let suffix = simplify1(QUEST, re.flags, sub);
    for (let i = re.min + 1; i < re.max; i++) suffix = simplify1(QUEST, re.flags, concatOf([sub, suffix]));
    prefix.push(suffix);
  }
  return prefix.length > 0 ? concatOf(prefix) : node(NO_MATCH);
}

function concatOf(subs: Re[]): Re {
  const out: Re[] = [];
  for (const sub of subs) {
    if (sub.op === NO_MATCH) return node(NO_MATCH);
    if (sub.op === EMPTY_MATCH) continue;
    if (sub.op === CONCAT) out.push(...sub.subs);
    else out.push(sub);
  }
  if (out.length === 0) return node(EMPTY_MATCH);
  if (out.length === 1) return out[0] as Re;
  const re = node(CONCAT);
  re.subs = out;
  return re;
}

/** RE2's compiler, instruction for instruction (index 0 is the fail instruction, as in RE2). */
class Compiler {
  readonly insts: Inst[] = [];

  constructor() {
    this.#inst('F');
  }

  #inst(op: Inst['op']): Frag {
    this.insts.push({ op, out: 0, arg: 0, runes: [], fold: false });
    return { i: this.insts.length - 1, out: NONE, nullable: true };
  }

  patch(l: Patch, val: number): void {
    let head = l.head;
    while (head !== 0) {
      const i = this.insts[head >> 1] as Inst;
      if ((head & 1) === 0) [head, i.out] = [i.out, val];
      else [head, i.arg] = [i.arg, val];
    }
  }

  #append(l1: Patch, l2: Patch): Patch {
    if (l1.head === 0) return l2;
    if (l2.head === 0) return l1;
    const i = this.insts[l1.tail >> 1] as Inst;
    if ((l1.tail & 1) === 0) i.out = l2.head;
    else i.arg = l2.head;
    return { head: l1.head, tail: l2.tail };
  }

  /** A one-instruction fragment whose exit is its out (0) or arg (1) field. */
  single(op: Inst['op'], field = 0): Frag {
    const f = this.#inst(op);
    const p = (f.i << 1) | field;
    f.out = { head: p, tail: p };
    return f;
  }

  #cat(f1: Frag, f2: Frag): Frag {
    if (f1.i === 0 || f2.i === 0) {
      this.patch(f1.out, 0);
      this.patch(f2.out, 0);
      return { i: 0, out: NONE, nullable: false };
    }
    this.patch(f1.out, f2.i);
    return { i: f1.i, out: f2.out, nullable: f1.nullable && f2.nullable };
  }

  #alt(f1: Frag, f2: Frag): Frag {
    if (f1.i === 0) return f2;
    if (f2.i === 0) return f1;
    const f = this.#inst('A');
    const i = this.insts[f.i] as Inst;
    i.out = f1.i;
    i.arg = f2.i;
    f.out = this.#append(f1.out, f2.out);
    f.nullable = f1.nullable || f2.nullable;
    return f;
  }

  /** An Alt looping to (or, non-greedy, first leaving) `f1`; its exit is the other branch. */
  #loopAlt(f1: Frag, nongreedy: boolean): Frag {
    const f = this.single('A', nongreedy ? 0 : 1);
    const i = this.insts[f.i] as Inst;
    if (nongreedy) i.arg = f1.i;
    else i.out = f1.i;
    return f;
  }

  #loop(f1: Frag, nongreedy: boolean): Frag {
    const f = this.#loopAlt(f1, nongreedy);
    this.patch(f1.out, f.i);
    return f;
  }

  #quest(f1: Frag, nongreedy: boolean): Frag {
    if (f1.i === 0) return this.single('N');
    const f = this.#loopAlt(f1, nongreedy);
    f.out = this.#append(f.out, f1.out);
    return f;
  }

  #star(f1: Frag, nongreedy: boolean): Frag {
    if (f1.i === 0) return this.single('N');
    if (f1.nullable) return this.#quest(this.#plus(f1, nongreedy), nongreedy);
    return this.#loop(f1, nongreedy);
  }

  #plus(f1: Frag, nongreedy: boolean): Frag {
    if (f1.i === 0) return { i: 0, out: NONE, nullable: false };
    return { i: f1.i, out: this.#loop(f1, nongreedy).out, nullable: f1.nullable };
  }

  #empty(flag: number): Frag {
    const f = this.single('E');
    (this.insts[f.i] as Inst).arg = flag;
    return f;
  }

  #rune(runes: readonly number[], flags: number): Frag {
    const f = this.single('R');
    f.nullable = false;
    const i = this.insts[f.i] as Inst;
    i.runes = runes;
    i.fold = (flags & FOLD_CASE) !== 0 && runes.length === 1 && simpleFold(runes[0] as number) !== runes[0];
    return f;
  }

  compile(re: Re): Frag {
    if (re.subs.length === 0) return this.#leaf(re);
    const nongreedy = (re.flags & NON_GREEDY) !== 0;
    switch (re.op) {
      case CAPTURE: {
        const bra = this.single('N');
        const sub = this.compile(re.subs[0] as Re);
        return this.#cat(this.#cat(bra, sub), this.single('N'));
      }
      case STAR:
        return this.#star(this.compile(re.subs[0] as Re), nongreedy);
      case PLUS:
        return this.#plus(this.compile(re.subs[0] as Re), nongreedy);
      case QUEST:
        return this.#quest(this.compile(re.subs[0] as Re), nongreedy);
      default: {
        let f: Frag | null = null;
        for (const sub of re.subs) {
          const f1 = this.compile(sub);
          f = f === null ? f1 : re.op === CONCAT ? this.#cat(f, f1) : this.#alt(f, f1);
        }
        return f as Frag;
      }
    }
  }

  #leaf(re: Re): Frag {
    const flag = [BEGIN_LINE, END_LINE, BEGIN_TEXT, END_TEXT, WORD_BOUNDARY, NO_WORD_BOUNDARY].indexOf(re.op);
    if (flag >= 0) return this.#empty(1 << flag);
    switch (re.op) {
      case NO_MATCH:
        return { i: 0, out: NONE, nullable: false };
      case LITERAL: {
        let f: Frag | null = null;
        for (const r of re.runes) {
          const f1 = this.#rune([r], re.flags);
          f = f === null ? f1 : this.#cat(f, f1);
        }
        return f ?? this.single('N');
      }
      case CHAR_CLASS:
        return this.#rune(re.runes, re.flags);
      case ANY_CHAR_NOT_NL:
        return this.#rune(ANY_RUNE_NOT_NL, 0);
      case ANY_CHAR:
        return this.#rune(ANY_RUNE, 0);
      default:
        // EMPTY_MATCH, and a concatenation or alternation of nothing.
        return this.single('N');
    }
  }
}

/** A pattern compiled as RE2 would: its program text, RE2's program size, and the ranges its classes hold. */
export interface Re2Program {
  program: string;
  programSize: number;
  classRanges: number;
}

/**
 * Parses and compiles `pattern` case-insensitively, as RE2JS.compile(pattern, CASE_INSENSITIVE); throws
 * Re2SyntaxError (RE2's message) when RE2 refuses it. The program is written only when `maxSize` allows it.
 */
export function compileRe2(pattern: string, maxSize = Infinity): Re2Program {
  const c = new Compiler();
  const f = c.compile(simplify(parseRe2(`(?i)${pattern}`)));
  c.patch(f.out, c.single('M').i);
  const programSize = c.insts.length;
  let classRanges = 0;
  for (const inst of c.insts) if (inst.op === 'R' && inst.runes.length > 1) classRanges += inst.runes.length / 2;
  const program = programSize <= maxSize ? encode(c.insts, f.i) : '';
  return { program, programSize, classRanges };
}

/** The stored text form (see `./program.ts`). */
function encode(insts: readonly Inst[], start: number): string {
  const b = (n: number) => n.toString(36);
  const text = insts.map((i): string => {
    switch (i.op) {
      case 'A':
      case 'E':
        return i.op === 'A' ? `A${b(i.out)},${b(i.arg)}` : `E${b(i.arg)},${b(i.out)}`;
      case 'N':
        return `N${b(i.out)}`;
      case 'R': {
        const r = i.runes;
        if (r.length === 0) return 'F';
        if (r.length === 2 && r[0] === 0 && r[1] === MAX_RUNE) return `D${b(i.out)}`;
        if (r.length === 4 && r[0] === 0 && r[1] === 9 && r[2] === 11 && r[3] === MAX_RUNE) return `L${b(i.out)}`;
        if (r.length === 1) return `R${b(i.out)},${encodeRanges(i.fold ? foldOrbit(r[0] as number).flatMap((x) => [x, x]) : [r[0] as number, r[0] as number])}`;
        return `R${b(i.out)},${encodeRanges(r)}`;
      }
      default:
        return i.op;
    }
  });
  return `${PROGRAM_VERSION}:${b(start)}:${text.join(' ')}`;
}

/** Sorted, merged ranges as the program text writes them: low end, length - 1, then gap and length - 1 per range. */
function encodeRanges(flat: readonly number[]): string {
  const merged = canonical([...flat]);
  const out: string[] = [];
  for (let i = 0; i < merged.length; i += 2) {
    const lo = merged[i] as number;
    out.push((i === 0 ? lo : lo - (merged[i - 1] as number)).toString(36), ((merged[i + 1] as number) - lo).toString(36));
  }
  return out.join(',');
}
