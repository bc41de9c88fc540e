import { RE2JS } from 're2js';

/**
 * Rule patterns (`conditions.descriptionRegex`) run on RE2 (the `re2js` port): an automaton without backtracking,
 * so matching takes time linear in the text whatever the pattern — `(a+)+$` or `(a|\w)+$` cost no more than
 * `coffee`. RE2 has no back-references and no lookaround (they are what need backtracking), so those are refused.
 *
 * Linear is not free: the work per character grows with the size of the compiled program, and compiling and
 * warming up a pattern costs time once per request, both in proportion to the program size. That is bounded here
 * per pattern (length, program size, character-class ranges), and per user by `RULE_LIMITS.maxPatternSteps`.
 */

/** The longest pattern a rule may hold, in characters. */
export const MAX_PATTERN_LENGTH = 200;
/**
 * The largest compiled program (RE2's instruction count, `programSize()`): about one per character, plus the
 * copies counted repetitions make. `coffee` is 8, a 190-character list of shop names about 200 (so any pattern of
 * plain words fits), `\d{1,100}` 201, `\w{1,150}` 301. Per character of a description RE2 does work up to this
 * size, so it bounds the cost of one rule on one transaction.
 */
export const MAX_PROGRAM_SIZE = 250;
/**
 * The most character ranges in the compiled program. A Unicode class such as `\p{L}` is ~700 ranges; repeating
 * one (`[\p{L}\d]{1,100}` is 68,600) makes compiling and the automaton's first steps slow, so it is bounded.
 */
export const MAX_CLASS_RANGES = 3000;

/** Flags every rule pattern runs with: case-insensitive (RE2 is always Unicode-aware). */
// Marked pure so that a bundle which never compiles a pattern leaves re2js (~147 KB minified) out: a bare property
// read of an import counts as a side effect and would keep the whole library in every function that imports rules.
export const RULE_PATTERN_FLAGS: number = /* @__PURE__ */ (() => RE2JS.CASE_INSENSITIVE)();

/** A compiled rule pattern. */
export interface RulePattern {
  /** Whether the pattern matches anywhere in `text` (linear time). */
  test(text: string): boolean;
  /** RE2's program size, for bounding and measuring. */
  readonly programSize: number;
}

/** Result of {@link compilePattern}: the compiled pattern, or what is wrong with it. */
export type CompiledPattern = { ok: true; pattern: RulePattern } | { ok: false; problem: string };

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

/** Empties the cache of compiled patterns (to measure a cold function's first request). */
export function clearPatternCache(): void {
  compiledPatterns.clear();
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
  return { ok: true, pattern: { test: (text: string) => re.test(text), programSize } };
}

/** What is wrong with `pattern` as a rule pattern, or `undefined` when it can be used. */
export function regexProblem(pattern: unknown): string | undefined {
  const compiled = compilePattern(pattern);
  return compiled.ok ? undefined : compiled.problem;
}
