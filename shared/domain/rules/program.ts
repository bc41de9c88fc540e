/**
 * Rule patterns as stored programs, and the matcher that runs them on transaction writes and imports.
 *
 * A pattern is parsed and compiled by RE2 (`./pattern.ts`, the `re2js` port, ~147 KB minified) once, when its rule
 * is saved; the compiled program is stored with the rule in the compact text form below. The functions that apply
 * rules to transactions load that text and run it here, as RE2 does: a simulation of the automaton that keeps at
 * most one thread per instruction, its sets of threads cached as the states of a lazily built DFA (bounded; past the
 * bound it starts again). Each character costs at most the program's size, so matching takes time linear in the
 * text for any program, whatever was stored, and nothing backtracks. These functions carry neither RE2's parser nor
 * its Unicode tables (~147 KB of re2js).
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

/** A state of the lazily built DFA: the threads carried into a position, and what the previous character was. */
interface DfaState {
  /** Instruction indexes carried over from the previous character, sorted. */
  readonly pcs: Int32Array;
  /** The previous character's class: bit 1 a word character, bit 2 `\n`, bit 4 none yet (start of text). */
  readonly prev: number;
  /** Next state per ASCII character seen so far (MATCHED when the pattern matches at or before it). */
  readonly ascii: (DfaState | typeof MATCHED | undefined)[];
  /** The same for other characters. */
  readonly next: Map<number, DfaState | typeof MATCHED>;
  /** Whether the pattern matches at the end of the text from here (undefined until asked). */
  atEnd?: boolean;
  /** The cache generation the state belongs to (see Machine.reset). */
  readonly epoch: number;
}

const MATCHED = 1;
const PREV_WORD = 1;
const PREV_NEWLINE = 2;
const PREV_NONE = 4;
/**
 * Bound of one pattern's DFA cache, in cells (an instruction index of a state, 40 per state, 2 per cached
 * transition) per instruction of its program: `.{240}x` needs ~60,000 to keep every state its texts meet. Past it
 * the cache starts again empty: each character then costs one state's construction, at most the program's size,
 * so matching stays linear whatever the text.
 */
const DFA_CELLS_PER_INSTRUCTION = 1024;
/**
 * Bound of all patterns' DFA caches in the process (~10 bytes a cell): past it every cache starts again empty (each
 * the next time it runs), so memory stays bounded whatever patterns the users of a warm function store.
 */
const DFA_CELLS_IN_ALL = 3_000_000;
let cellsInAll = 0;
/** Raised when every cache must start again (see DFA_CELLS_IN_ALL). */
let flushes = 0;

/**
 * The automaton: RE2's program simulated as a set of threads (instruction indexes) per position, advanced one code
 * point at a time; a thread enters a set at most once per position, so a step costs at most the program's size.
 * The sets met are remembered as DFA states with their transitions (built lazily, as RE2's DFA does), so the usual
 * step is one map lookup per character.
 */
class Machine {
  private readonly stack: Int32Array;
  private readonly seen: Int32Array;
  private readonly set: Int32Array;
  private generation = 0;
  private states = new Map<string, DfaState>();
  private cells = 0;
  private epoch = 0;
  private flushed = flushes;
  private readonly maxCells: number;
  private initial!: DfaState;

  constructor(
    private readonly insts: readonly Inst[],
    private readonly start: number,
  ) {
    const n = insts.length;
    // One push per edge followed at a position: at most two per instruction, plus the first.
    this.stack = new Int32Array(2 * n + 1);
    this.seen = new Int32Array(n);
    this.set = new Int32Array(n);
    this.maxCells = DFA_CELLS_PER_INSTRUCTION * Math.max(n, 16);
    this.reset();
  }

  /** Starts the DFA cache again empty; states of the old one stay correct, they are only no longer cached. */
  private reset(): void {
    if (this.flushed === flushes) cellsInAll -= this.cells;
    this.flushed = flushes;
    this.epoch++;
    this.states = new Map();
    this.cells = 0;
    this.initial = this.intern(new Int32Array(0), PREV_NONE);
  }

  /** Counts `cells` more in the cache, starting it (or every cache) again when over its bound. */
  private grow(cells: number): void {
    this.cells += cells;
    cellsInAll += cells;
    if (cellsInAll > DFA_CELLS_IN_ALL) {
      flushes++;
      cellsInAll = 0;
      this.reset();
    } else if (this.cells > this.maxCells) this.reset();
  }

  test(text: string): boolean {
    const len = text.length;
    if (this.flushed !== flushes) this.reset();
    let state = this.initial;
    for (let at = 0; at < len; ) {
      const cp = text.codePointAt(at) as number;
      let next = cp < 128 ? state.ascii[cp] : state.next.get(cp);
      if (next === undefined) {
        next = this.step(state, cp);
        // A reset while stepping left `state` out of the cache: its transitions are no longer kept.
        if (state.epoch === this.epoch) {
          if (cp < 128) state.ascii[cp] = next;
          else state.next.set(cp, next);
          this.grow(2);
        }
      }
      if (next === MATCHED) return true;
      state = next;
      at += cp > 0xffff ? 2 : 1;
    }
    if (state.atEnd === undefined) state.atEnd = this.closure(state, -1) < 0;
    return state.atEnd;
  }

  /** The state after `cp`, or MATCHED when the pattern matches before it or at it. */
  private step(state: DfaState, cp: number): DfaState | typeof MATCHED {
    const size = this.closure(state, cp);
    if (size < 0) return MATCHED;
    // The instructions reached, deduplicated and sorted: the key of the next state.
    this.nextGeneration();
    const targets: number[] = [];
    for (let i = 0; i < size; i++) {
      const inst = this.insts[this.set[i] as number] as Inst;
      if (inst.op === Op.Any || (inst.op === Op.AnyNotNl && cp !== 10) || (inst.op === Op.Rune && inRanges(inst.ranges, cp))) {
        if (this.seen[inst.out] !== this.generation) {
          this.seen[inst.out] = this.generation;
          targets.push(inst.out);
        }
      }
    }
    targets.sort((a, b) => a - b);
    return this.intern(Int32Array.from(targets), (isWordRune(cp) ? PREV_WORD : 0) | (cp === 10 ? PREV_NEWLINE : 0));
  }

  /**
   * The character-consuming instructions live at a position, into `set`: the state's threads and a new one from
   * the start, followed through empty transitions under the position's flags (`cp` is the next character, -1 at the
   * end). Returns how many, or -1 when a match is reached.
   */
  private closure(state: DfaState, cp: number): number {
    const flags = emptyFlags(state.prev, cp);
    this.nextGeneration();
    let size = 0;
    for (let i = 0; i < state.pcs.length; i++) {
      size = this.add(state.pcs[i] as number, flags, size);
      if (size < 0) return -1;
    }
    return this.add(this.start, flags, size);
  }

  private intern(pcs: Int32Array, prev: number): DfaState {
    const key = `${prev}:${pcs.join(',')}`;
    const known = this.states.get(key);
    if (known) return known;
    const state: DfaState = { pcs, prev, ascii: [], next: new Map(), epoch: this.epoch };
    this.states.set(key, state);
    // The instruction indexes, and the state's own objects (its ASCII transition table up to 128 slots).
    this.grow(pcs.length + 40);
    return state;
  }

  private nextGeneration(): void {
    if (++this.generation > 0x3fffffff) {
      this.seen.fill(0);
      this.generation = 1;
    }
  }

  /**
   * Follows the empty transitions from `pc` at one position, appending the character-consuming instructions reached
   * to `set` from `size`; returns the new size, or -1 when a match is reached.
   */
  private add(pc: number, flags: number, size: number): number {
    const { insts, stack, seen, set, generation } = this;
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
          set[size++] = at;
      }
    }
    return size;
  }
}

/** RE2's empty-width flags that hold after a character of class `prev` and before `cp` (-1 at the end). */
function emptyFlags(prev: number, cp: number): number {
  let flags = 0;
  if (prev & PREV_NONE) flags |= 4 | 1;
  else if (prev & PREV_NEWLINE) flags |= 1;
  if (cp < 0) flags |= 8 | 2;
  else if (cp === 10) flags |= 2;
  flags |= (prev & PREV_WORD) !== 0 !== isWordRune(cp) ? 16 : 32;
  return flags;
}
