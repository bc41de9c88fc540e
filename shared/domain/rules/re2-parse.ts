import { canonical, foldingRunes, foldOrbit, MAX_FOLD, MAX_RUNE, MIN_FOLD, simpleFold, unicodeClass } from './re2-unicode';

/**
 * RE2's parser for rule patterns: the syntax tree RE2 builds (re2js 2.10.0's Parser, itself Go's regexp/syntax,
 * MIT-licensed), with the same simplifications (literal strings merged, alternations factored, single characters
 * of an alternation merged into one class) so that the program compiled from it has RE2's size, and the same errors
 * with the same messages (`error parsing regexp: <what>: \`<where>\``). Only what RE2JS.compile with
 * CASE_INSENSITIVE uses: Perl syntax, Unicode classes, no lookbehind. It reads the pattern once from left to right
 * without backtracking; a step looks ahead at most over the rest of the pattern (`\Q…\E`, `(?P<name>`, `[:name:]`).
 * Made for rule patterns (at most MAX_PATTERN_LENGTH characters): RE2's nesting limit (1000 levels) cannot be reached
 * at that length and is not checked; its size limit ("expression too large") is, computed afresh where RE2 caches.
 */

/** Node kinds, numbered as RE2's (the order decides which side of a merged class is kept). */
export const NO_MATCH = 0, EMPTY_MATCH = 1, LITERAL = 2, CHAR_CLASS = 3, ANY_CHAR_NOT_NL = 4, ANY_CHAR = 5;
export const BEGIN_LINE = 6, END_LINE = 7, BEGIN_TEXT = 8, END_TEXT = 9, WORD_BOUNDARY = 10, NO_WORD_BOUNDARY = 11;
export const CAPTURE = 12, STAR = 13, PLUS = 14, QUEST = 15, REPEAT = 16, CONCAT = 17, ALTERNATE = 18;
const LEFT_PAREN = 21, VERTICAL_BAR = 22;
/** Flags, as RE2's. */
export const FOLD_CASE = 1, DOT_NL = 8, ONE_LINE = 16, NON_GREEDY = 32;
const WAS_DOLLAR = 256;

/** A node of the syntax tree. */
export interface Re {
  op: number;
  flags: number;
  runes: number[];
  subs: Re[];
  min: number;
  max: number;
  cap: number;
  name?: string;
}

/** A pattern RE2 refuses, with RE2's message. */
export class Re2SyntaxError extends Error {
  constructor(
    readonly code: string,
    input?: string,
  ) {
    super(`error parsing regexp: ${code}${input ? `: \`${input}\`` : ''}`);
  }
}

const ERR_INVALID_CHAR_RANGE = 'invalid character class range';
const ERR_INVALID_ESCAPE = 'invalid escape sequence';
const ERR_INVALID_NAMED_CAPTURE = 'invalid named capture';
const ERR_INVALID_PERL_OP = 'invalid or unsupported Perl syntax';
const ERR_INVALID_REPEAT_OP = 'invalid nested repetition operator';
const ERR_INVALID_REPEAT_SIZE = 'invalid repeat count';
const ERR_MISSING_BRACKET = 'missing closing ]';
const ERR_MISSING_PAREN = 'missing closing )';
const ERR_MISSING_REPEAT_ARGUMENT = 'missing argument to repetition operator';
const ERR_TRAILING_BACKSLASH = 'trailing backslash at end of expression';
const ERR_DUPLICATE_NAMED_CAPTURE = 'duplicate capture group name';
const ERR_UNEXPECTED_PAREN = 'unexpected )';
const ERR_LARGE = 'expression too large';
const MAX_SIZE = 1398101;

/** A fresh node of kind `op`. */
export function node(op: number, flags = 0): Re {
  return { op, flags, runes: [], subs: [], min: 0, max: 0, cap: 0 };
}

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const unhex = (c: number) => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1);
const minFoldRune = (r: number) => (r < MIN_FOLD || r > MAX_FOLD ? r : (foldOrbit(r)[0] as number));

/** A position in the pattern (UTF-16 units), read by code point. */
class Cursor {
  pos = 0;
  constructor(readonly s: string) {}
  more(): boolean {
    return this.pos < this.s.length;
  }
  peek(): number {
    return this.s.codePointAt(this.pos) as number;
  }
  pop(): number {
    const r = this.peek();
    this.pos += r > 0xffff ? 2 : 1;
    return r;
  }
  at(s: string): boolean {
    return this.s.startsWith(s, this.pos);
  }
  rest(): string {
    return this.s.substring(this.pos);
  }
  from(start: number): string {
    return this.s.substring(start, this.pos);
  }
}

/** RE2's character-class builder: flat [lo, hi, …] ranges, merged as they are appended, sorted by `clean`. */
class Ranges {
  constructor(public r: number[] = []) {}
  add(lo: number, hi: number): this {
    const r = this.r;
    const n = r.length;
    for (let i = 2; i <= 4 && i <= n; i += 2) {
      const rlo = r[n - i] as number;
      const rhi = r[n - i + 1] as number;
      if (lo <= rhi + 1 && rlo <= hi + 1) {
        if (lo < rlo) r[n - i] = lo;
        if (hi > rhi) r[n - i + 1] = hi;
        return this;
      }
    }
    r.push(lo, hi);
    return this;
  }
  addFolded(lo: number, hi: number): this {
    if (hi < MIN_FOLD || lo > MAX_FOLD || hi - lo > 64) {
      this.add(lo, hi);
      // The same set as RE2's loop over every code point (the class is cleaned after): the range, and the other
      // cases of the letters in it that lie outside it.
      if (hi >= MIN_FOLD && lo <= MAX_FOLD) for (const c of foldingRunes()) if (c >= lo && c <= hi) for (const f of foldOrbit(c)) if (f < lo || f > hi) this.add(f, f);
      return this;
    }
    for (let c = lo; c <= hi; c++) {
      this.add(c, c);
      for (let f = simpleFold(c); f !== c; f = simpleFold(f)) this.add(f, f);
    }
    return this;
  }
  addLiteral(c: number, flags: number): this {
    return flags & FOLD_CASE ? this.addFolded(c, c) : this.add(c, c);
  }
  addClass(x: readonly number[], sign = 1): this {
    if (sign < 0) return this.addNegated(x);
    for (let i = 0; i < x.length; i += 2) this.add(x[i] as number, x[i + 1] as number);
    return this;
  }
  addNegated(x: readonly number[]): this {
    let next = 0;
    for (let i = 0; i < x.length; i += 2) {
      if (next <= (x[i] as number) - 1) this.add(next, (x[i] as number) - 1);
      next = (x[i + 1] as number) + 1;
    }
    if (next <= MAX_RUNE) this.add(next, MAX_RUNE);
    return this;
  }
  clean(): this {
    if (this.r.length >= 4) this.r = canonical(this.r);
    return this;
  }
  negate(): this {
    const x = this.r;
    this.r = [];
    let next = 0;
    for (let i = 0; i < x.length; i += 2) {
      if (next <= (x[i] as number) - 1) this.r.push(next, (x[i] as number) - 1);
      next = (x[i + 1] as number) + 1;
    }
    if (next <= MAX_RUNE) this.r.push(next, MAX_RUNE);
    return this;
  }
  group(g: Group, fold: boolean): this {
    return this.addClass(fold ? new Ranges().addFoldedClass(g.cls).clean().r : g.cls, g.sign);
  }
  addFoldedClass(x: readonly number[]): this {
    for (let i = 0; i < x.length; i += 2) this.addFolded(x[i] as number, x[i + 1] as number);
    return this;
  }
}

interface Group {
  sign: number;
  cls: readonly number[];
}

const PERL_GROUPS: Record<string, readonly number[]> = { d: [48, 57], s: [9, 10, 12, 13, 32, 32], w: [48, 57, 65, 90, 95, 95, 97, 122] };
const POSIX_GROUPS: Record<string, readonly number[]> = {
  alnum: [48, 57, 65, 90, 97, 122],
  alpha: [65, 90, 97, 122],
  ascii: [0, 127],
  blank: [9, 9, 32, 32],
  cntrl: [0, 31, 127, 127],
  digit: [48, 57],
  graph: [33, 126],
  lower: [97, 122],
  print: [32, 126],
  punct: [33, 47, 58, 64, 91, 96, 123, 126],
  space: [9, 13, 32, 32],
  upper: [65, 90],
  word: [48, 57, 65, 90, 95, 95, 97, 122],
  xdigit: [48, 57, 65, 70, 97, 102],
};

/** Whether `re` matches exactly one character (RE2 merges such alternatives into one class). */
function isCharClass(re: Re): boolean {
  return (re.op === LITERAL && re.runes.length === 1) || re.op === CHAR_CLASS || re.op === ANY_CHAR_NOT_NL || re.op === ANY_CHAR;
}

function matchRune(re: Re, r: number): boolean {
  if (re.op === LITERAL) return re.runes.length === 1 && re.runes[0] === r;
  if (re.op === CHAR_CLASS) {
    for (let i = 0; i < re.runes.length; i += 2) if ((re.runes[i] as number) <= r && r <= (re.runes[i + 1] as number)) return true;
    return false;
  }
  return re.op === ANY_CHAR || (re.op === ANY_CHAR_NOT_NL && r !== 10);
}

function mergeCharClass(dst: Re, src: Re): void {
  if (dst.op === ANY_CHAR_NOT_NL) {
    if (matchRune(src, 10)) dst.op = ANY_CHAR;
  } else if (dst.op === CHAR_CLASS) {
    const cc = new Ranges(dst.runes);
    if (src.op === LITERAL) cc.addLiteral(src.runes[0] as number, src.flags);
    else cc.addClass(src.runes);
    dst.runes = cc.r;
  } else if (dst.op === LITERAL) {
    if (src.runes[0] === dst.runes[0] && src.flags === dst.flags) return;
    dst.op = CHAR_CLASS;
    dst.runes = new Ranges().addLiteral(dst.runes[0] as number, dst.flags).addLiteral(src.runes[0] as number, src.flags).r;
  }
}

/**
 * RE2's structural equality of two nodes, for the only ones factoring compares: single characters, classes and
 * counted repetitions of them (other kinds are never factored out, whatever this answers).
 */
function equal(a: Re | null, b: Re | null): boolean {
  if (!a || !b || a.op !== b.op) return false;
  if (a.op === LITERAL || a.op === CHAR_CLASS) return (a.flags & FOLD_CASE) === (b.flags & FOLD_CASE) && a.runes.length === b.runes.length && a.runes.every((v, i) => v === b.runes[i]);
  if (a.op === REPEAT) return (a.flags & NON_GREEDY) === (b.flags & NON_GREEDY) && a.min === b.min && a.max === b.max && equal(a.subs[0] as Re, b.subs[0] as Re);
  return a.op === ANY_CHAR || a.op === ANY_CHAR_NOT_NL;
}

function parseEscape(t: Cursor): number {
  const start = t.pos;
  t.pos++;
  if (!t.more()) throw new Re2SyntaxError(ERR_TRAILING_BACKSLASH);
  const c = t.pop();
  const octal = () => t.more() && t.peek() >= 48 && t.peek() <= 55;
  if (c === 48 || (c >= 49 && c <= 55 && octal())) {
    let r = c - 48;
    for (let i = 1; i < 3 && octal(); i++) r = r * 8 + t.pop() - 48;
    return r;
  }
  if (c === 120) {
    const r = parseHex(t);
    if (r >= 0) return r;
  } else {
    const simple = 'a\x07f\fn\nr\rt\tv\v'.indexOf(String.fromCodePoint(c));
    if (simple >= 0 && simple % 2 === 0) return 'a\x07f\fn\nr\rt\tv\v'.charCodeAt(simple + 1);
    if (c <= 0x7f && !isAlnum(c) && !(c >= 49 && c <= 55)) return c;
  }
  throw new Re2SyntaxError(ERR_INVALID_ESCAPE, t.from(start));
}

/** After `\x`: `{hex…}` or two hex digits; -1 when malformed. */
function parseHex(t: Cursor): number {
  if (!t.more()) return -1;
  let c = t.pop();
  if (c === 123) {
    let digits = 0;
    let r = 0;
    for (;;) {
      if (!t.more()) return -1;
      c = t.pop();
      if (c === 125) break;
      const v = unhex(c);
      if (v < 0) return -1;
      r = r * 16 + v;
      if (r > MAX_RUNE) return -1;
      digits++;
    }
    return digits === 0 ? -1 : r;
  }
  const x = unhex(c);
  if (!t.more()) return -1;
  const y = unhex(t.pop());
  return x < 0 || y < 0 ? -1 : x * 16 + y;
}

/** `{n}`, `{n,}` or `{n,m}` at the cursor as [min, max (-1 for none)], or undefined when it is not one (then literal). */
function parseRepeat(t: Cursor): [number, number] | undefined {
  const start = t.pos;
  if (!t.at('{')) return undefined;
  t.pos++;
  const min = parseCount(t);
  if (min === -1 || !t.more()) return undefined;
  let max = min;
  if (t.at(',')) {
    t.pos++;
    if (!t.more()) return undefined;
    if (t.at('}')) max = -1;
    else if ((max = parseCount(t)) === -1) return undefined;
  }
  if (!t.at('}')) return undefined;
  t.pos++;
  if (min < 0 || min > 1000 || max === -2 || max > 1000 || (max >= 0 && min > max)) throw new Re2SyntaxError(ERR_INVALID_REPEAT_SIZE, t.from(start));
  return [min, max];
}

function parseCount(t: Cursor): number {
  const start = t.pos;
  while (t.more() && t.peek() >= 48 && t.peek() <= 57) t.pos++;
  const n = t.from(start);
  if (n.length === 0 || (n.length > 1 && n[0] === '0')) return -1;
  return n.length > 8 ? -2 : parseInt(n, 10);
}

/** Parses `pattern` as RE2 does with its Perl flags (RE2JS.compile); throws {@link Re2SyntaxError}. */
export function parseRe2(pattern: string): Re {
  return new Parser(pattern).parse();
}

class Parser {
  #flags = ONE_LINE;
  #stack: Re[] = [];
  #numCap = 0;
  #names = new Set<string>();
  #created = 0;
  #repeats = 1;
  #sizing = false;
  readonly #t: Cursor;

  constructor(readonly whole: string) {
    this.#t = new Cursor(whole);
  }

  #newRe(op: number, flags = 0): Re {
    this.#created++;
    return node(op, flags);
  }

  /** RE2's bound on the size of the expanded expression ("expression too large"), checked as RE2 does. */
  #checkSize(re: Re): void {
    if (!this.#sizing) {
      if (re.op === REPEAT) {
        const n = re.max === -1 ? re.min : re.max;
        this.#repeats = n > 0 && n <= Math.floor(MAX_SIZE / this.#repeats) ? this.#repeats * Math.max(n, 1) : n <= 0 ? this.#repeats : MAX_SIZE;
      }
      if (this.#created < Math.floor(MAX_SIZE / this.#repeats)) return;
      this.#sizing = true;
      for (const s of this.#stack) if (calcSize(s) > MAX_SIZE) throw new Re2SyntaxError(ERR_LARGE);
    }
    if (calcSize(re) > MAX_SIZE) throw new Re2SyntaxError(ERR_LARGE);
  }

  #push(re: Re): Re | null {
    const r = re.runes;
    if (re.op === CHAR_CLASS && r.length === 2 && r[0] === r[1]) {
      if (this.#maybeConcat(r[0] as number, this.#flags & ~FOLD_CASE)) return null;
      re.op = LITERAL;
      re.runes = [r[0] as number];
      re.flags = this.#flags & ~FOLD_CASE;
    } else if (re.op === CHAR_CLASS && isFoldPair(r)) {
      if (this.#maybeConcat(r[0] as number, this.#flags | FOLD_CASE)) return null;
      re.op = LITERAL;
      re.runes = [r[0] as number];
      re.flags = this.#flags | FOLD_CASE;
    } else this.#maybeConcat(-1, 0);
    this.#stack.push(re);
    this.#checkSize(re);
    return re;
  }

  #maybeConcat(r: number, flags: number): boolean {
    const n = this.#stack.length;
    if (n < 2) return false;
    const re1 = this.#stack[n - 1] as Re;
    const re2 = this.#stack[n - 2] as Re;
    if (re1.op !== LITERAL || re2.op !== LITERAL || (re1.flags & FOLD_CASE) !== (re2.flags & FOLD_CASE)) return false;
    re2.runes.push(...re1.runes);
    if (r >= 0) {
      re1.runes = [r];
      re1.flags = flags;
      return true;
    }
    this.#stack.pop();
    return false;
  }

  #literal(r: number): void {
    const re = this.#newRe(LITERAL, this.#flags);
    re.runes = [this.#flags & FOLD_CASE ? minFoldRune(r) : r];
    this.#push(re);
  }

  #op(op: number): Re {
    return this.#push(this.#newRe(op, this.#flags)) as Re;
  }

  #repeat(op: number, min: number, max: number, before: number, lastRepeat: number): void {
    const t = this.#t;
    let flags = this.#flags;
    if (t.at('?')) {
      t.pos++;
      flags ^= NON_GREEDY;
    }
    if (lastRepeat !== -1) throw new Re2SyntaxError(ERR_INVALID_REPEAT_OP, t.from(lastRepeat));
    const n = this.#stack.length;
    const sub = this.#stack[n - 1];
    if (!sub || sub.op >= LEFT_PAREN) throw new Re2SyntaxError(ERR_MISSING_REPEAT_ARGUMENT, t.from(before));
    const re = this.#newRe(op, flags);
    re.min = min;
    re.max = max;
    re.subs = [sub];
    this.#stack[n - 1] = re;
    this.#checkSize(re);
    if (op === REPEAT && (min >= 2 || max >= 2) && !repeatIsValid(re, 1000)) throw new Re2SyntaxError(ERR_INVALID_REPEAT_SIZE, t.from(before));
  }

  parse(): Re {
    while (this.#t.more()) this.#step();
    this.#concat();
    if (this.#swapVerticalBar()) this.#stack.pop();
    this.#alternate();
    if (this.#stack.length !== 1) throw new Re2SyntaxError(ERR_MISSING_PAREN, this.whole);
    return this.#stack[0] as Re;
  }

  /** Where the previous piece's repetition operator began, or -1 (a second one right after is refused). */
  #lastRepeat = -1;

  /** Parses one piece at the cursor. */
  #step(): void {
    const t = this.#t;
    const c = t.peek();
    let repeatAt = -1;
    if (c === 40) {
      if (t.at('(?')) this.#parsePerlFlags();
      else {
        this.#op(LEFT_PAREN).cap = ++this.#numCap;
        t.pos++;
      }
    } else if (c === 124) {
      this.#parseVerticalBar();
      t.pos++;
    } else if (c === 41) {
      this.#parseRightParen();
      t.pos++;
    } else if (c === 94) {
      this.#op(this.#flags & ONE_LINE ? BEGIN_TEXT : BEGIN_LINE);
      t.pos++;
    } else if (c === 36) {
      if (this.#flags & ONE_LINE) this.#op(END_TEXT).flags |= WAS_DOLLAR;
      else this.#op(END_LINE);
      t.pos++;
    } else if (c === 46) {
      this.#op(this.#flags & DOT_NL ? ANY_CHAR : ANY_CHAR_NOT_NL);
      t.pos++;
    } else if (c === 91) this.#parseClass();
    else if (c === 42 || c === 43 || c === 63) {
      repeatAt = t.pos;
      t.pos++;
      this.#repeat(c === 42 ? STAR : c === 43 ? PLUS : QUEST, -1, -1, repeatAt, this.#lastRepeat);
    } else if (c === 123) {
      const before = t.pos;
      const minMax = parseRepeat(t);
      if (!minMax) {
        t.pos = before;
        this.#literal(t.pop());
      } else {
        repeatAt = before;
        this.#repeat(REPEAT, minMax[0], minMax[1], before, this.#lastRepeat);
      }
    } else if (c === 92) this.#parseBackslash();
    else this.#literal(t.pop());
    this.#lastRepeat = repeatAt;
  }

  #parseBackslash(): void {
    const t = this.#t;
    const saved = t.pos;
    t.pos++;
    if (t.more()) {
      const c = t.pop();
      const anchor = c === 65 ? BEGIN_TEXT : c === 98 ? WORD_BOUNDARY : c === 66 ? NO_WORD_BOUNDARY : c === 122 ? END_TEXT : -1;
      if (anchor >= 0) {
        this.#op(anchor);
        return;
      }
      if (c === 67) throw new Re2SyntaxError(ERR_INVALID_ESCAPE, '\\C');
      if (c === 81) {
        let lit = t.rest();
        const i = lit.indexOf('\\E');
        if (i >= 0) lit = lit.substring(0, i);
        t.pos += lit.length + (i >= 0 ? 2 : 0);
        for (const ch of lit) this.#literal(ch.codePointAt(0) as number);
        return;
      }
    }
    t.pos = saved;
    const cc = new Ranges();
    if ((t.at('\\p') || t.at('\\P')) && this.#parseUnicodeClass(cc)) return void this.#pushClass(cc.r);
    if (this.#parsePerlClassEscape(cc)) return void this.#pushClass(cc.r);
    t.pos = saved;
    this.#literal(parseEscape(t));
  }

  #pushClass(runes: number[]): void {
    const re = this.#newRe(CHAR_CLASS, this.#flags);
    re.runes = runes;
    this.#push(re);
  }

  #parsePerlFlags(): void {
    const t = this.#t;
    const start = t.pos;
    const s = t.rest();
    if (s.startsWith('(?P<') || s.startsWith('(?<')) return this.#parseNamedGroup(s);
    t.pos += 2;
    let flags = this.#flags;
    let sign = 1;
    let sawFlag = false;
    while (t.more()) {
      const c = t.pop();
      const bit = c === 105 ? FOLD_CASE : c === 115 ? DOT_NL : c === 85 ? NON_GREEDY : c === 109 ? ONE_LINE : 0;
      if (bit) {
        // (?m) clears ONE_LINE; the others set their bit (all inverted while after a `-`).
        flags = bit === ONE_LINE ? flags & ~bit : flags | bit;
        sawFlag = true;
      } else if (c === 45) {
        if (sign < 0) break;
        sign = -1;
        flags = ~flags;
        sawFlag = false;
      } else if (c === 58 || c === 41) {
        if (sign < 0) {
          if (!sawFlag) break;
          flags = ~flags;
        }
        if (c === 58) this.#op(LEFT_PAREN);
        this.#flags = flags;
        return;
      } else break;
    }
    throw new Re2SyntaxError(ERR_INVALID_PERL_OP, t.from(start));
  }

  #parseNamedGroup(s: string): void {
    const t = this.#t;
    const begin = s.charAt(2) === 'P' ? 4 : 3;
    const end = s.indexOf('>');
    if (end < 0) throw new Re2SyntaxError(ERR_INVALID_NAMED_CAPTURE, s);
    const name = s.substring(begin, end);
    t.pos += name.length + begin + 1;
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Re2SyntaxError(ERR_INVALID_NAMED_CAPTURE, s.substring(0, end + 1));
    const re = this.#op(LEFT_PAREN);
    re.cap = ++this.#numCap;
    if (this.#names.has(name)) throw new Re2SyntaxError(ERR_DUPLICATE_NAMED_CAPTURE, name);
    this.#names.add(name);
    re.name = name;
  }

  #parseVerticalBar(): void {
    this.#concat();
    if (!this.#swapVerticalBar()) this.#op(VERTICAL_BAR);
  }

  #swapVerticalBar(): boolean {
    const st = this.#stack;
    const n = st.length;
    if (n >= 3 && st[n - 2]?.op === VERTICAL_BAR && isCharClass(st[n - 1] as Re) && isCharClass(st[n - 3] as Re)) {
      let re1 = st[n - 1] as Re;
      let re3 = st[n - 3] as Re;
      if (re1.op > re3.op) {
        [re1, re3] = [re3, re1];
        st[n - 3] = re3;
      }
      mergeCharClass(re3, re1);
      st.pop();
      return true;
    }
    if (n >= 2 && st[n - 2]?.op === VERTICAL_BAR) {
      if (n >= 3) cleanAlt(st[n - 3] as Re);
      const re1 = st[n - 1] as Re;
      st[n - 1] = st[n - 2] as Re;
      st[n - 2] = re1;
      return true;
    }
    return false;
  }

  #parseRightParen(): void {
    this.#concat();
    if (this.#swapVerticalBar()) this.#stack.pop();
    this.#alternate();
    if (this.#stack.length < 2) throw new Re2SyntaxError(ERR_UNEXPECTED_PAREN, this.whole);
    const re1 = this.#stack.pop() as Re;
    const re2 = this.#stack.pop() as Re;
    if (re2.op !== LEFT_PAREN) throw new Re2SyntaxError(ERR_UNEXPECTED_PAREN, this.whole);
    this.#flags = re2.flags;
    if (re2.cap === 0) this.#push(re1);
    else {
      re2.op = CAPTURE;
      re2.subs = [re1];
      this.#push(re2);
    }
  }

  #popToPseudo(): Re[] {
    let i = this.#stack.length;
    while (i > 0 && (this.#stack[i - 1] as Re).op < LEFT_PAREN) i--;
    return this.#stack.splice(i);
  }

  #concat(): void {
    this.#maybeConcat(-1, 0);
    const subs = this.#popToPseudo();
    this.#push(subs.length === 0 ? this.#newRe(EMPTY_MATCH) : this.#collapse(subs, CONCAT));
  }

  #alternate(): void {
    const subs = this.#popToPseudo();
    if (subs.length > 0) cleanAlt(subs[subs.length - 1] as Re);
    this.#push(subs.length === 0 ? this.#newRe(NO_MATCH) : this.#collapse(subs, ALTERNATE));
  }

  #collapse(subs: Re[], op: number): Re {
    if (subs.length === 1) return subs[0] as Re;
    const re = this.#newRe(op);
    re.subs = subs.flatMap((s) => (s.op === op ? s.subs : [s]));
    if (op === ALTERNATE) {
      re.subs = this.#factor(re.subs);
      if (re.subs.length === 1) return re.subs[0] as Re;
    }
    return re;
  }

  #factor(array: Re[]): Re[] {
    if (array.length < 2) return array;
    return mergeClasses(this.#factorLeading(this.#factorStrings(array)));
  }

  /** Round 1: common leading literal strings (`abc|abd` → `ab(?:c|d)`). */
  #factorStrings(array: Re[]): Re[] {
    const out: Re[] = [];
    let str: number[] = [];
    let strlen = 0;
    let strflags = 0;
    let start = 0;
    for (let i = 0; i <= array.length; i++) {
      let istr: number[] = [];
      let iflags = 0;
      if (i < array.length) {
        let re = array[i] as Re;
        if (re.op === CONCAT && re.subs.length > 0) re = re.subs[0] as Re;
        if (re.op === LITERAL) {
          istr = re.runes;
          iflags = re.flags & FOLD_CASE;
        }
        if (iflags === strflags) {
          let same = 0;
          while (same < strlen && same < istr.length && str[same] === istr[same]) same++;
          if (same > 0) {
            strlen = same;
            continue;
          }
        }
      }
      if (i === start + 1) out.push(array[start] as Re);
      else if (i > start + 1) {
        const prefix = this.#newRe(LITERAL, strflags);
        prefix.runes = str.slice(0, strlen);
        for (let j = start; j < i; j++) {
          array[j] = this.#removeLeadingString(array[j] as Re, strlen);
          this.#checkSize(array[j] as Re);
        }
        out.push(this.#concatOf(prefix, this.#collapse(array.slice(start, i), ALTERNATE)));
      }
      start = i;
      str = istr;
      strlen = istr.length;
      strflags = iflags;
    }
    return out;
  }

  /** Round 2: a common leading class, or fixed repetition of one (`a.|a*` is not; `[ab]x|[ab]y` → `[ab](?:x|y)`). */
  #factorLeading(array: Re[]): Re[] {
    const out: Re[] = [];
    let start = 0;
    let first: Re | null = null;
    for (let i = 0; i <= array.length; i++) {
      let ifirst: Re | null = null;
      if (i < array.length) {
        ifirst = leadingRegexp(array[i] as Re);
        if (first !== null && equal(first, ifirst) && (isCharClass(first) || (first.op === REPEAT && first.min === first.max && isCharClass(first.subs[0] as Re)))) continue;
      }
      if (i === start + 1) out.push(array[start] as Re);
      else if (i > start + 1) {
        for (let j = start; j < i; j++) {
          array[j] = removeLeadingRegexp(array[j] as Re);
          this.#checkSize(array[j] as Re);
        }
        out.push(this.#concatOf(first as Re, this.#collapse(array.slice(start, i), ALTERNATE)));
      }
      start = i;
      first = ifirst;
    }
    return out;
  }

  #concatOf(prefix: Re, suffix: Re): Re {
    const re = this.#newRe(CONCAT);
    re.subs = [prefix, suffix];
    return re;
  }

  #removeLeadingString(re: Re, n: number): Re {
    if (re.op === CONCAT && re.subs.length > 0) {
      const sub = this.#removeLeadingString(re.subs[0] as Re, n);
      re.subs[0] = sub;
      if (sub.op === EMPTY_MATCH) {
        if (re.subs.length <= 1) {
          re.op = EMPTY_MATCH;
          re.subs = [];
        } else if (re.subs.length === 2) return re.subs[1] as Re;
        else re.subs = re.subs.slice(1);
      }
      return re;
    }
    if (re.op === LITERAL) {
      re.runes = re.runes.slice(n);
      if (re.runes.length === 0) re.op = EMPTY_MATCH;
    }
    return re;
  }

  #parseClass(): void {
    const t = this.#t;
    const start = t.pos;
    t.pos++;
    const cc = new Ranges();
    let negated = false;
    if (t.at('^')) {
      negated = true;
      t.pos++;
    }
    let first = true;
    while (!t.more() || t.peek() !== 93 || first) {
      first = false;
      const before = t.pos;
      if (t.at('[:')) {
        if (this.#parseNamedClass(cc)) continue;
        t.pos = before;
      }
      if (this.#parseUnicodeClass(cc) || this.#parsePerlClassEscape(cc)) continue;
      t.pos = before;
      const lo = parseClassChar(t, start);
      let hi = lo;
      if (t.at('-')) {
        t.pos++;
        if (t.at(']')) t.pos--;
        else {
          hi = parseClassChar(t, start);
          if (hi < lo) throw new Re2SyntaxError(ERR_INVALID_CHAR_RANGE, t.from(before));
        }
      }
      if (this.#flags & FOLD_CASE) cc.addFolded(lo, hi);
      else cc.add(lo, hi);
    }
    t.pos++;
    cc.clean();
    if (negated) cc.negate();
    this.#pushClass(cc.r);
  }

  #parseNamedClass(cc: Ranges): boolean {
    const t = this.#t;
    const cls = t.rest();
    const i = cls.indexOf(':]');
    if (i < 0) return false;
    const name = cls.substring(0, i + 2);
    t.pos += name.length;
    const m = /^\[:(\^?)([a-z]+):\]$/.exec(name);
    const g = m ? POSIX_GROUPS[m[2] as string] : undefined;
    if (!m || !g || !Object.hasOwn(POSIX_GROUPS, m[2] as string)) throw new Re2SyntaxError(ERR_INVALID_CHAR_RANGE, name);
    cc.group({ sign: m[1] ? -1 : 1, cls: g }, (this.#flags & FOLD_CASE) !== 0);
    return true;
  }

  #parsePerlClassEscape(cc: Ranges): boolean {
    const t = this.#t;
    if (!t.at('\\') || t.pos + 1 >= t.s.length) return false;
    const c = t.s[t.pos + 1] as string;
    const g = PERL_GROUPS[c.toLowerCase()];
    if (!g || !'dswDSW'.includes(c)) return false;
    t.pos += 2;
    cc.group({ sign: c === c.toLowerCase() ? 1 : -1, cls: g }, (this.#flags & FOLD_CASE) !== 0);
    return true;
  }

  #parseUnicodeClass(cc: Ranges): boolean {
    const t = this.#t;
    const start = t.pos;
    if (!t.at('\\p') && !t.at('\\P')) return false;
    t.pos++;
    let sign = t.pop() === 80 ? -1 : 1;
    if (!t.more()) {
      t.pos = start;
      throw new Re2SyntaxError(ERR_INVALID_CHAR_RANGE, t.rest());
    }
    const c = t.pop();
    let name: string;
    if (c !== 123) name = String.fromCodePoint(c);
    else {
      const rest = t.rest();
      const end = rest.indexOf('}');
      if (end < 0) {
        t.pos = start;
        throw new Re2SyntaxError(ERR_INVALID_CHAR_RANGE, t.rest());
      }
      name = rest.substring(0, end);
      t.pos += end + 1;
    }
    if (name.startsWith('^')) {
      sign = -sign;
      name = name.substring(1);
    }
    const cls = unicodeClass(name);
    if (!cls) throw new Re2SyntaxError(ERR_INVALID_CHAR_RANGE, t.from(start));
    cc.addClass(this.#flags & FOLD_CASE ? cls.folded() : cls.ranges, sign * cls.sign);
    return true;
  }
}

function parseClassChar(t: Cursor, classStart: number): number {
  if (!t.more()) throw new Re2SyntaxError(ERR_MISSING_BRACKET, t.from(classStart));
  return t.at('\\') ? parseEscape(t) : t.pop();
}

function isFoldPair(r: readonly number[]): boolean {
  const [a, b, c, d] = r as [number, number, number, number];
  if (r.length === 4) return a === b && c === d && simpleFold(a) === c && simpleFold(c) === a;
  return r.length === 2 && a + 1 === b && simpleFold(a) === b && simpleFold(b) === a;
}

function repeatIsValid(re: Re, n: number): boolean {
  if (re.op === REPEAT) {
    let m = re.max;
    if (m === 0) return true;
    if (m < 0) m = re.min;
    if (m > n) return false;
    if (m > 0) n = Math.trunc(n / m);
  }
  return re.subs.every((s) => repeatIsValid(s, n));
}

/** RE2's estimate of the expanded expression's size. */
function calcSize(re: Re): number {
  let size = 0;
  const sub = () => calcSize(re.subs[0] as Re);
  if (re.op === LITERAL) size = re.runes.length;
  else if (re.op === CAPTURE || re.op === STAR) size = 2 + sub();
  else if (re.op === PLUS || re.op === QUEST) size = 1 + sub();
  else if (re.op === CONCAT || re.op === ALTERNATE) {
    for (const s of re.subs) size += calcSize(s);
    if (re.op === ALTERNATE && re.subs.length > 1) size += re.subs.length - 1;
  } else if (re.op === REPEAT) {
    const s = sub();
    if (re.max === -1) size = re.min === 0 ? 2 + s : 1 + re.min * s;
    else size = re.max * s + (re.max - re.min);
  }
  return Math.max(1, size);
}

function cleanAlt(re: Re): void {
  if (re.op !== CHAR_CLASS) return;
  re.runes = new Ranges(re.runes).clean().r;
  const r = re.runes;
  if (r.length === 2 && r[0] === 0 && r[1] === MAX_RUNE) {
    re.runes = [];
    re.op = ANY_CHAR;
  } else if (r.length === 4 && r[0] === 0 && r[1] === 9 && r[2] === 11 && r[3] === MAX_RUNE) {
    re.runes = [];
    re.op = ANY_CHAR_NOT_NL;
  }
}

function leadingRegexp(re: Re): Re | null {
  if (re.op === EMPTY_MATCH) return null;
  if (re.op === CONCAT && re.subs.length > 0) {
    const sub = re.subs[0] as Re;
    return sub.op === EMPTY_MATCH ? null : sub;
  }
  return re;
}

function removeLeadingRegexp(re: Re): Re {
  if (re.op === CONCAT && re.subs.length > 0) {
    re.subs = re.subs.slice(1);
    if (re.subs.length === 0) {
      re.op = EMPTY_MATCH;
      re.subs = [];
    } else if (re.subs.length === 1) return re.subs[0] as Re;
    return re;
  }
  return node(EMPTY_MATCH);
}

/** Round 3 of factoring: runs of single characters and classes merged into one class; round 4: repeated empties dropped. */
function mergeClasses(array: Re[]): Re[] {
  const out: Re[] = [];
  let start = 0;
  for (let i = 0; i <= array.length; i++) {
    if (i < array.length && isCharClass(array[i] as Re)) continue;
    if (i === start + 1) out.push(array[start] as Re);
    else if (i > start + 1) {
      let max = start;
      for (let j = start + 1; j < i; j++) {
        const a = array[max] as Re;
        const b = array[j] as Re;
        if (a.op < b.op || (a.op === b.op && a.runes.length < b.runes.length)) max = j;
      }
      [array[start], array[max]] = [array[max] as Re, array[start] as Re];
      for (let j = start + 1; j < i; j++) mergeCharClass(array[start] as Re, array[j] as Re);
      cleanAlt(array[start] as Re);
      out.push(array[start] as Re);
    }
    if (i < array.length) out.push(array[i] as Re);
    start = i + 1;
  }
  return out.filter((re, i) => !(i + 1 < out.length && re.op === EMPTY_MATCH && out[i + 1]?.op === EMPTY_MATCH));
}
