/**
 * Rule patterns as stored programs, and the matcher that runs them on transaction writes and imports.
 *
 * A pattern is parsed and compiled by RE2 (`./pattern.ts`, the `re2js` port, ~147 KB minified) once, when its rule
 * is saved; the compiled program is stored with the rule in the compact text form below. The functions that apply
 * rules to transactions load that text and run it here, on a Thompson/Pike automaton simulation: every step keeps
 * at most one thread per instruction, so matching takes time linear in the text (characters × instructions) for
 * any program, whatever was stored, and nothing backtracks. They carry neither RE2's parser nor its Unicode tables.
 *
 * Program text, version 1: `1:<start>:<instruction> <instruction> …`, numbers in base 36, instructions in order:
 * `F` fail · `M` match · `N<out>` no-op (also RE2's captures) · `A<out>,<other>` either branch ·
 * `E<flags>,<out>` empty-width assertion (RE2's flags: 1 line start, 2 line end, 4 text start, 8 text end,
 * 16 word boundary, 32 not a word boundary) · `D<out>` any character · `L<out>` any character but `\n` ·
 * `R<out>,<lo>,<len>,<gap>,<len>,…` a character in sorted code-point ranges: first low end, each range's length
 * minus one, and before each further range its distance from the previous high end (at least 1). Case-insensitive
 * literals are already expanded to their case-folding orbit (`k` → `K`, `k`, `K` for Kelvin), so the matcher needs
 * no Unicode table.
 */

/** The longest pattern a rule may hold, in characters. */
export const MAX_PATTERN_LENGTH = 200;
/**
 * The largest compiled program (RE2's instruction count, `programSize()`): about one per character, plus the
 * copies counted repetitions make. `coffee` is 8, a 190-character list of shop names about 200 (so any pattern of
 * plain words fits), `\d{1,100}` 201, `\w{1,150}` 301. Per character of a description the matcher does work up to
 * this size, so it bounds the cost of one rule on one transaction.
 */
export const MAX_PROGRAM_SIZE = 250;
/**
 * The most character ranges in the compiled program's classes. A Unicode class such as `\p{L}` is ~700 ranges;
 * repeating one (`[\p{L}\d]{1,100}` is 68,600) makes compiling and the automaton's first steps slow, so it is bounded.
 */
export const MAX_CLASS_RANGES = 3000;
/**
 * The most ranges a stored program may hold: the classes' ranges plus the case-folding orbits of literals (at most
 * 4 code points each, one per instruction).
 */
export const MAX_STORED_RANGES = MAX_CLASS_RANGES + 4 * MAX_PROGRAM_SIZE;
/** Version of the program text this module reads and `./pattern.ts` writes. */
export const PROGRAM_VERSION = 1;

const MAX_RUNE = 0x10ffff;

/** A compiled rule pattern. */
export interface RulePattern {
  /** Whether the pattern matches anywhere in `text` (linear time). */
  test(text: string): boolean;
  /** The program's instruction count (RE2's `programSize()`), for bounding and measuring. */
  readonly programSize: number;
}

const enum Op {
  Fail,
  Match,
  Nop,
  Alt,
  Empty,
  Any,
  AnyNotNl,
  Rune,
}

interface Inst {
  op: Op;
  out: number;
  /** Alt: the other branch. Empty: the flags required. */
  arg: number;
  /** Rune: [lo, hi, lo, hi, …], sorted, disjoint. */
  ranges: Int32Array;
}

const EMPTY_RANGES = new Int32Array(0);
const INST = /^([FMNAEDLR])([0-9a-z,]*)$/;
const NUMBER = /^[0-9a-z]{1,7}$/;

function num(text: string | undefined): number {
  if (text === undefined || !NUMBER.test(text)) return NaN;
  return parseInt(text, 36);
}

/** One instruction of the program text, or a reason it is unreadable. */
function parseInst(token: string, size: number, budget: { ranges: number }): Inst | string {
  const m = INST.exec(token);
  if (!m) return `instruction "${token.slice(0, 20)}" is not one of F, M, N, A, E, D, L, R`;
  const code = m[1] as string;
  const fields = (m[2] ?? '') === '' ? [] : (m[2] as string).split(',').map(num);
  if (fields.some((n) => !Number.isSafeInteger(n))) return `instruction "${token.slice(0, 20)}" holds a malformed number`;
  const target = (n: number | undefined) => n !== undefined && n < size;
  const want = (count: number) => fields.length === count;
  switch (code) {
    case 'F':
    case 'M':
      return want(0) ? { op: code === 'F' ? Op.Fail : Op.Match, out: 0, arg: 0, ranges: EMPTY_RANGES } : `${code} takes no operand`;
    case 'N':
    case 'D':
    case 'L':
      if (!want(1) || !target(fields[0])) return `${code} needs one instruction to go to`;
      return { op: code === 'N' ? Op.Nop : code === 'D' ? Op.Any : Op.AnyNotNl, out: fields[0] as number, arg: 0, ranges: EMPTY_RANGES };
    case 'A':
      if (!want(2) || !target(fields[0]) || !target(fields[1])) return 'A needs two instructions to go to';
      return { op: Op.Alt, out: fields[0] as number, arg: fields[1] as number, ranges: EMPTY_RANGES };
    case 'E':
      if (!want(2) || (fields[0] as number) > 63 || !target(fields[1])) return 'E needs flags (at most 63) and an instruction to go to';
      return { op: Op.Empty, out: fields[1] as number, arg: fields[0] as number, ranges: EMPTY_RANGES };
    default: {
      // R<out>,<lo>,<len>[,<gap>,<len>]…
      if (fields.length < 3 || fields.length % 2 === 0 || !target(fields[0])) return 'R needs an instruction to go to and at least one range';
      const count = (fields.length - 1) / 2;
      budget.ranges -= count;
      if (budget.ranges < 0) return `its classes hold more than ${MAX_STORED_RANGES} ranges`;
      const ranges = new Int32Array(count * 2);
      let at = -1;
      for (let i = 0; i < count; i++) {
        const gap = fields[1 + 2 * i] as number;
        if (i > 0 && gap < 1) return 'R ranges must be sorted and apart';
        const lo = i === 0 ? gap : at + gap;
        const hi = lo + (fields[2 + 2 * i] as number);
        if (hi > MAX_RUNE) return 'R ranges must lie within Unicode';
        ranges[2 * i] = lo;
        ranges[2 * i + 1] = hi;
        at = hi;
      }
      return { op: Op.Rune, out: fields[0] as number, arg: 0, ranges };
    }
  }
}

/** Result of {@link loadProgram}: a pattern ready to run, or why the stored text cannot be used. */
export type LoadedProgram = { ok: true; pattern: RulePattern } | { ok: false; problem: string };

/**
 * Reads a stored program (see the module comment) and checks it completely: version, every instruction, every
 * jump inside the program, ranges sorted and within Unicode, and the size bounds above. Never throws.
 */
export function loadProgram(text: unknown): LoadedProgram {
  if (typeof text !== 'string') return readProgram(text);
  const cached = loadedPrograms.get(text);
  if (cached) return cached;
  const loaded = readProgram(text);
  loadedPrograms.set(text, loaded);
  // Oldest first out: enough for the patterns of the users a warm function serves, bounded whatever they store.
  if (loadedPrograms.size > PROGRAM_CACHE_SIZE) loadedPrograms.delete(loadedPrograms.keys().next().value as string);
  return loaded;
}

const loadedPrograms = new Map<string, LoadedProgram>();
const PROGRAM_CACHE_SIZE = 1000;

/** Empties the cache of loaded programs (to measure a cold function's first request). */
export function clearProgramCache(): void {
  loadedPrograms.clear();
}

function readProgram(text: unknown): LoadedProgram {
  const unreadable = (why: string): LoadedProgram => ({ ok: false, problem: `has an unreadable stored program (${why}): save the rule again` });
  if (typeof text !== 'string') return unreadable('not text');
  // Longest honest text: every instruction a class; far above what RE2's bounds let a pattern compile to.
  if (text.length > 64 * 1024) return unreadable('too long');
  const parts = text.split(':');
  if (parts.length !== 3 || parts[0] !== String(PROGRAM_VERSION)) return unreadable(`not version ${PROGRAM_VERSION}`);
  const tokens = (parts[2] as string).split(' ');
  if (tokens.length > MAX_PROGRAM_SIZE) return unreadable(`more than ${MAX_PROGRAM_SIZE} instructions`);
  const start = num(parts[1]);
  if (!(start < tokens.length)) return unreadable('its start is outside the program');
  const budget = { ranges: MAX_STORED_RANGES };
  const insts: Inst[] = [];
  for (const token of tokens) {
    const inst = parseInst(token, tokens.length, budget);
    if (typeof inst === 'string') return unreadable(inst);
    insts.push(inst);
  }
  const machine = new Machine(insts, start);
  return { ok: true, pattern: { test: (t: string) => machine.test(t), programSize: insts.length } };
}

function isWordRune(r: number): boolean {
  // RE2's \b: ASCII letters, digits and underscore only.
  return (r >= 48 && r <= 57) || (r >= 65 && r <= 90) || (r >= 97 && r <= 122) || r === 95;
}

function inRanges(ranges: Int32Array, r: number): boolean {
  const n = ranges.length;
  if (n <= 8) {
    for (let j = 0; j < n; j += 2) {
      if (r < (ranges[j] as number)) return false;
      if (r <= (ranges[j + 1] as number)) return true;
    }
    return false;
  }
  let lo = 0;
  let hi = n / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (r > (ranges[2 * mid + 1] as number)) lo = mid + 1;
    else hi = mid;
  }
  return lo < n / 2 && r >= (ranges[2 * lo] as number);
}

/**
 * The automaton: a set of threads (instruction indexes) per position, advanced one code point at a time. A thread
 * enters a set at most once per position, so a step costs at most the program's size.
 */
class Machine {
  private readonly stack: Int32Array;
  private readonly seen: Int32Array;
  private current: Int32Array;
  private next: Int32Array;
  private generation = 0;
  /** The start's closure per set of empty-width flags (null: it matches there), computed when first needed. */
  private readonly startSets = new Map<number, Int32Array | null>();

  constructor(
    private readonly insts: readonly Inst[],
    private readonly start: number,
  ) {
    const n = insts.length;
    // One push per edge followed at a position: at most two per instruction, plus the first.
    this.stack = new Int32Array(2 * n + 1);
    this.seen = new Int32Array(n);
    this.current = new Int32Array(n);
    this.next = new Int32Array(n);
  }

  test(text: string): boolean {
    const len = text.length;
    let count = 0;
    let prev = -1;
    for (let at = 0; ; ) {
      const cp = at < len ? (text.codePointAt(at) as number) : -1;
      const flags = emptyFlags(prev, cp, at === 0, at === len);
      let size: number;
      if (count === 0) {
        // No thread alive: this position's set is the start's closure, the same at every position with these flags.
        let set = this.startSets.get(flags);
        if (set === undefined) {
          this.nextGeneration();
          const added = this.add(this.start, flags, 0);
          set = added < 0 ? null : this.next.slice(0, added);
          this.startSets.set(flags, set);
        }
        if (set === null) return true;
        this.next.set(set);
        size = set.length;
      } else {
        // Threads carried over from the previous character and a new one starting here share this position's set.
        this.nextGeneration();
        size = 0;
        for (let i = 0; i < count; i++) {
          const added = this.add(this.current[i] as number, flags, size);
          if (added < 0) return true;
          size = added;
        }
        const added = this.add(this.start, flags, size);
        if (added < 0) return true;
        size = added;
      }
      if (cp < 0) return false;
      count = 0;
      for (let i = 0; i < size; i++) {
        const inst = this.insts[this.next[i] as number] as Inst;
        if (inst.op === Op.Any || (inst.op === Op.AnyNotNl && cp !== 10) || (inst.op === Op.Rune && inRanges(inst.ranges, cp))) {
          this.current[count++] = inst.out;
        }
      }
      prev = cp;
      at += cp > 0xffff ? 2 : 1;
    }
  }

  private nextGeneration(): void {
    if (++this.generation > 0x3fffffff) {
      this.seen.fill(0);
      this.generation = 1;
    }
  }

  /**
   * Follows the empty transitions from `pc` at one position, appending the character-consuming instructions reached
   * to `next` from `size`; returns the new size, or -1 when a match is reached.
   */
  private add(pc: number, flags: number, size: number): number {
    const { insts, stack, seen, next, generation } = this;
    let top = 0;
    stack[top++] = pc;
    while (top > 0) {
      const at = stack[--top] as number;
      if (seen[at] === generation) continue;
      seen[at] = generation;
      const inst = insts[at] as Inst;
      switch (inst.op) {
        case Op.Match:
          return -1;
        case Op.Nop:
          stack[top++] = inst.out;
          break;
        case Op.Alt:
          stack[top++] = inst.arg;
          stack[top++] = inst.out;
          break;
        case Op.Empty:
          if ((inst.arg & ~flags) === 0) stack[top++] = inst.out;
          break;
        case Op.Fail:
          break;
        default:
          next[size++] = at;
      }
    }
    return size;
  }
}

/** RE2's empty-width flags that hold between `prev` and `cp` (-1 at either end of the text). */
function emptyFlags(prev: number, cp: number, atStart: boolean, atEnd: boolean): number {
  let flags = 0;
  if (atStart) flags |= 4 | 1;
  else if (prev === 10) flags |= 1;
  if (atEnd) flags |= 8 | 2;
  else if (cp === 10) flags |= 2;
  flags |= isWordRune(prev) !== isWordRune(cp) ? 16 : 32;
  return flags;
}
