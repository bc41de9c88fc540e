import { clearProgramCache, loadProgram, MAX_CLASS_RANGES, MAX_PATTERN_LENGTH, MAX_PROGRAM_SIZE, type RulePattern } from './program';
import { compileRe2, type Re2Program } from './re2-compile';

/**
 * Rule patterns (`conditions.descriptionRegex`) are RE2 patterns, parsed and compiled as RE2 does when a rule is
 * saved (`./re2-parse.ts` and `./re2-compile.ts`: RE2's syntax, errors and program, checked against the `re2js` port
 * by tests/unit/domain/rules/re2-differential.test.ts, without its ~147 KB of code and tables); the program is
 * stored with the rule and runs on the automaton of `./program.ts`, without backtracking, so matching
 * takes time linear in the text whatever the pattern — `(a+)+$` or `(a|\w)+$` cost no more than `coffee`.
 * RE2 has no back-references and no lookaround (they are what need backtracking), so those are refused.
 *
 * Linear is not free: the work per character grows with the size of the compiled program, and compiling and
 * warming up a pattern costs time once per request, both in proportion to the program size. That is bounded here
 * per pattern (length, program size, character-class ranges), and per user by `RULE_LIMITS.maxPatternSteps`.
 */

/** Flags every rule pattern runs with, as RE2JS names them: CASE_INSENSITIVE (RE2 is always Unicode-aware). */
export const RULE_PATTERN_FLAGS = 1;

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
  let re: Re2Program;
  try {
    // The program text is written only when it fits: a refused pattern like `\\pL{1000}` would take megabytes.
    re = compileRe2(pattern, MAX_PROGRAM_SIZE);
  } catch (e) {
    return { ok: false, problem: syntaxProblem(pattern, e instanceof Error ? e.message : String(e)) };
  }
  if (re.programSize > MAX_PROGRAM_SIZE) {
    return { ok: false, problem: `is too complex (it compiles to ${re.programSize} steps, at most ${MAX_PROGRAM_SIZE}): use + or * instead of large counts like {1,100}` };
  }
  if (re.classRanges > MAX_CLASS_RANGES) {
    return { ok: false, problem: `is too complex (its character classes hold ${re.classRanges} ranges, at most ${MAX_CLASS_RANGES}): repeat a Unicode class like \\p{L} with + or * rather than a count` };
  }
  const loaded = loadProgram(re.program);
  if (!loaded.ok) return { ok: false, problem: `could not be prepared to run (${loaded.problem})` };
  return { ok: true, pattern: loaded.pattern, program: re.program };
}

/** What is wrong with `pattern` as a rule pattern, or `undefined` when it can be used. */
export function regexProblem(pattern: unknown): string | undefined {
  const compiled = compilePattern(pattern);
  return compiled.ok ? undefined : compiled.problem;
}
