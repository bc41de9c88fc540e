import { RE2JS } from 're2js';
import { clearProgramCache, loadProgram, MAX_CLASS_RANGES, MAX_PATTERN_LENGTH, MAX_PROGRAM_SIZE, PROGRAM_VERSION, type RulePattern } from './program';

/**
 * Rule patterns (`conditions.descriptionRegex`) are RE2 patterns, parsed and compiled by the `re2js` port when a
 * rule is saved (this module, so only the functions that save or preview rules carry re2js); the program RE2
 * compiles is stored with the rule and runs on the automaton of `./program.ts`, without backtracking, so matching
 * takes time linear in the text whatever the pattern — `(a+)+$` or `(a|\w)+$` cost no more than `coffee`.
 * RE2 has no back-references and no lookaround (they are what need backtracking), so those are refused.
 *
 * Linear is not free: the work per character grows with the size of the compiled program, and compiling and
 * warming up a pattern costs time once per request, both in proportion to the program size. That is bounded here
 * per pattern (length, program size, character-class ranges), and per user by `RULE_LIMITS.maxPatternSteps`.
 */

/** Flags every rule pattern runs with: case-insensitive (RE2 is always Unicode-aware). */
// Marked pure so that a bundle which never compiles a pattern leaves re2js (~147 KB minified) out: a bare property
// read of an import counts as a side effect and would keep the whole library in every function that imports rules.
export const RULE_PATTERN_FLAGS: number = /* @__PURE__ */ (() => RE2JS.CASE_INSENSITIVE)();

/** Result of {@link compilePattern}: the compiled pattern and its program text to store, or what is wrong with it. */
export type CompiledPattern = { ok: true; pattern: RulePattern; program: string } | { ok: false; problem: string };

/** Explains an RE2 syntax error in the user's terms. */
function syntaxProblem(pattern: string, message: string): string {
  const detail = message.replace(/^error parsing regexp: /, '').replace(/`\(\?i\)/g, '`');
  if (/\\[1-9]/.test(pattern) && /invalid escape sequence: `\\[1-9]/.test(detail)) {
    return 'must not use back-references (\\1): they are not supported (patterns run on RE2, which matches in linear time)';
  }
  if (/\\k<|\\k\{/.test(pattern) && /invalid escape sequence: `\\k/.test(detail)) {
    return 'must not use back-references (\\k<name>): they are not supported (patterns run on RE2, which matches in linear time)';
  }
  if (/\(\?<?[=!]/.test(pattern) && /(unsupported Perl syntax|invalid named capture)/.test(detail)) {
    return 'must not use lookahead or lookbehind ((?=…), (?!…), (?<=…), (?<!…)): they are not supported (patterns run on RE2, which matches in linear time)';
  }
  if (/expression too large|invalid repeat count/.test(detail)) return `is too large (${detail}); repetition counts go up to 1000`;
  return `is not a valid regular expression in RE2 syntax (${detail})`;
}

function classRanges(re: RE2JS): number {
  // Instructions of the compiled program; a RUNE instruction holds its class as [lo, hi, lo, hi, …].
  const insts = (re.re2().prog as { inst?: { runes?: ArrayLike<number> }[] } | undefined)?.inst ?? [];
  let ranges = 0;
  for (const inst of insts) if (inst.runes && inst.runes.length > 1) ranges += inst.runes.length / 2;
  return ranges;
}

/**
 * Compiles a rule pattern, case-insensitive. Never throws: an unusable pattern (wrong type, empty, too long, not
 * RE2 syntax, too large once compiled) comes back with a message saying why, phrased to follow a field name
 * ("must be at most 200 characters").
 */
export function compilePattern(pattern: unknown): CompiledPattern {
  if (typeof pattern !== 'string') return { ok: false, problem: 'must be text' };
  const cached = compiledPatterns.get(pattern);
  if (cached) {
    // Refresh its place: the cache drops the least recently used pattern first.
    compiledPatterns.delete(pattern);
    compiledPatterns.set(pattern, cached);
    return cached;
  }
  const compiled = compileUncached(pattern);
  compiledPatterns.set(pattern, compiled);
  if (compiledPatterns.size > PATTERN_CACHE_SIZE) compiledPatterns.delete(compiledPatterns.keys().next().value as string);
  return compiled;
}

/**
 * Compiled patterns of this process, most recently used last. A warm function compiles a user's patterns once,
 * not on every request (compiling is most of a rule's cost); the size bounds the memory whatever users store.
 */
const compiledPatterns = new Map<string, CompiledPattern>();
const PATTERN_CACHE_SIZE = 2000;

/** Empties the caches of compiled patterns and loaded programs (to measure a cold function's first request). */
export function clearPatternCache(): void {
  compiledPatterns.clear();
  clearProgramCache();
}

function compileUncached(pattern: string): CompiledPattern {
  if (pattern.length === 0) return { ok: false, problem: 'must not be empty' };
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, problem: `must be at most ${MAX_PATTERN_LENGTH} characters` };
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, RULE_PATTERN_FLAGS);
  } catch (e) {
    return { ok: false, problem: syntaxProblem(pattern, e instanceof Error ? e.message : String(e)) };
  }
  const programSize = re.programSize();
  if (programSize > MAX_PROGRAM_SIZE) {
    return { ok: false, problem: `is too complex (it compiles to ${programSize} steps, at most ${MAX_PROGRAM_SIZE}): use + or * instead of large counts like {1,100}` };
  }
  const ranges = classRanges(re);
  if (ranges > MAX_CLASS_RANGES) {
    return { ok: false, problem: `is too complex (its character classes hold ${ranges} ranges, at most ${MAX_CLASS_RANGES}): repeat a Unicode class like \\p{L} with + or * rather than a count` };
  }
  let program: string;
  try {
    program = encodeProgram(re);
  } catch (e) {
    return { ok: false, problem: `could not be prepared to run (${e instanceof Error ? e.message : String(e)})` };
  }
  const loaded = loadProgram(program);
  if (!loaded.ok) return { ok: false, problem: `could not be prepared to run (${loaded.problem})` };
  return { ok: true, pattern: loaded.pattern, program };
}

interface Re2Inst {
  op: number;
  out: number;
  arg: number;
  runes: ArrayLike<number>;
}

// re2js's instruction codes (its Inst class) and the FOLD_CASE flag of a rune instruction.
const ALT = 1, ALT_MATCH = 2, CAPTURE = 3, EMPTY_WIDTH = 4, FAIL = 5, MATCH = 6, NOP = 7, RUNE = 8, RUNE1 = 9, RUNE_ANY = 10, RUNE_ANY_NOT_NL = 11;
const FOLD_CASE = 1;

/**
 * The simple case-folding orbits of `runes` (the code points each equals ignoring case: `k` → K, k and the Kelvin
 * sign), as RE2's own fold tables give them, as flat [lo, hi, …] ranges; remembered for the process. RE2 keeps a
 * case-insensitive literal as one code point and folds while matching; the stored program holds the orbit instead.
 */
function foldOrbits(runes: Iterable<number>): Map<number, number[]> {
  // No code point below `A` has another case.
  const wanted = [...new Set(runes)].filter((r) => r >= 0x41 && !orbits.has(r));
  if (wanted.length > 0) {
    // One compile for all of them: a sequence of classes, each of NUL and one rune (a class of one folded rune
    // alone would be turned back into a literal), compiles to one class instruction per rune, in order.
    const re = RE2JS.compile(wanted.map((r) => `[\\x{0}\\x{${r.toString(16)}}]`).join(''), RULE_PATTERN_FLAGS);
    const classes = (re.re2().prog as { inst: Re2Inst[] }).inst.filter((i) => i.op === RUNE || i.op === RUNE1);
    if (classes.length !== wanted.length) throw new Error('case folding of the pattern\'s letters could not be read');
    wanted.forEach((r, k) => {
      const flat = Array.from((classes[k] as Re2Inst).runes);
      const orbit = flat.length >= 2 && flat[0] === 0 && flat[1] === 0 && r !== 0 ? flat.slice(2) : flat;
      orbits.set(r, orbit.length > 0 ? orbit : [r, r]);
    });
    if (orbits.size > 20_000) orbits.clear();
  }
  return new Map([...new Set(runes)].map((r) => [r, orbits.get(r) ?? [r, r]]));
}

const orbits = new Map<number, number[]>();

/** Sorted, merged ranges as the program text writes them: low end, length - 1, then gap and length - 1 per range. */
function encodeRanges(flat: readonly number[]): string {
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i] as number, flat[i + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [lo, hi] of pairs) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  const out: string[] = [];
  let prev = -1;
  for (const [lo, hi] of merged) {
    out.push((prev < 0 ? lo : lo - prev).toString(36), (hi - lo).toString(36));
    prev = hi;
  }
  return out.join(',');
}

/** RE2's compiled program in the stored text form `./program.ts` reads. */
function encodeProgram(re: RE2JS): string {
  const prog = re.re2().prog as { inst: Re2Inst[]; start: number };
  const b = (n: number) => n.toString(36);
  const folded = (inst: Re2Inst) => inst.op === RUNE && inst.runes.length === 1 && (inst.arg & FOLD_CASE) !== 0;
  const folds = foldOrbits(prog.inst.filter(folded).map((inst) => inst.runes[0] as number));
  const insts = prog.inst.map((inst): string => {
    switch (inst.op) {
      case ALT:
      case ALT_MATCH:
        return `A${b(inst.out)},${b(inst.arg)}`;
      case CAPTURE:
      case NOP:
        return `N${b(inst.out)}`;
      case EMPTY_WIDTH:
        return `E${b(inst.arg)},${b(inst.out)}`;
      case FAIL:
        return 'F';
      case MATCH:
        return 'M';
      case RUNE_ANY:
        return `D${b(inst.out)}`;
      case RUNE_ANY_NOT_NL:
        return `L${b(inst.out)}`;
      case RUNE:
      case RUNE1: {
        const runes = Array.from(inst.runes);
        if (runes.length === 0) return 'F';
        if (runes.length === 1) {
          const rune = runes[0] as number;
          return `R${b(inst.out)},${encodeRanges(folded(inst) ? (folds.get(rune) ?? [rune, rune]) : [rune, rune])}`;
        }
        return `R${b(inst.out)},${encodeRanges(runes)}`;
      }
      default:
        // Lookbehind instructions: the parser refuses lookbehind with the flags rules use, so none is compiled.
        throw new Error(`RE2 instruction ${inst.op} has no stored form`);
    }
  });
  return `${PROGRAM_VERSION}:${b(prog.start)}:${insts.join(' ')}`;
}

/** What is wrong with `pattern` as a rule pattern, or `undefined` when it can be used. */
export function regexProblem(pattern: unknown): string | undefined {
  const compiled = compilePattern(pattern);
  return compiled.ok ? undefined : compiled.problem;
}
