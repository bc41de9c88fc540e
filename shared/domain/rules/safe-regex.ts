/**
 * Checks that a user's regular expression is safe to run on every transaction: short, valid, and free of the
 * constructs that make a backtracking engine take exponential time — a repeated group that itself repeats
 * (`(a+)+`, `(\w*)*`, `(a{1,5})+`, `(a?){20}`), a repeated alternation whose branches overlap (`(a|a)*`, `(a|ab)+`, `(|a)*`),
 * back-references (`(a*)\1`), and very large counted repetitions. Descriptions are short (at most 500
 * characters), so the polynomial cases that remain (`\d+\d+`) stay fast.
 */

/** The longest pattern a rule may hold. */
export const MAX_PATTERN_LENGTH = 200;
/** The largest count in `{n}`/`{n,m}`. */
const MAX_COUNT = 100;

/** Flags every rule regex is compiled with: case-insensitive, Unicode. */
export const RULE_REGEX_FLAGS = 'iu';

interface Frame {
  /** Something inside is quantified (an atom or a group with `*`, `+`, `?` or `{n,m}`). */
  repeats: boolean;
  /** Start index of each alternative (after `(` or `|`). */
  branches: number[];
  /** Where the group's content starts. */
  start: number;
}

/**
 * What is wrong with `pattern` as a rule regex, or `undefined` when it is safe to compile and run.
 */
export function regexProblem(pattern: string): string | undefined {
  if (typeof pattern !== 'string') return 'must be text';
  if (pattern.length === 0) return 'must not be empty';
  if (pattern.length > MAX_PATTERN_LENGTH) return `must be at most ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, RULE_REGEX_FLAGS);
  } catch (e) {
    return `is not a valid regular expression (${e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : 'syntax error'})`;
  }

  const root: Frame = { repeats: false, branches: [0], start: 0 };
  const stack: Frame[] = [root];
  let i = 0;
  // Reads a quantifier at `at`: how far it reaches, whether it repeats (max > 1), and whether its count is too big.
  const quantifier = (at: number): { end: number; repeating: boolean; tooBig: boolean } | undefined => {
    const c = pattern[at];
    let end = at + 1;
    let repeating: boolean;
    let tooBig = false;
    if (c === '*' || c === '+') repeating = true;
    else if (c === '?') repeating = false;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
      if (!m) return undefined;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      repeating = max > 1;
      tooBig = min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT);
      end = at + m[0].length;
    } else return undefined;
    if (pattern[end] === '?') end++; // lazy
    return { end, repeating, tooBig };
  };

  while (i < pattern.length) {
    const c = pattern[i];
    const frame = stack[stack.length - 1] ?? root;
    let atomEnd: number;
    let groupRepeats = false;
    let group: Frame | undefined;
    if (c === '\\') {
      if (/[1-9k]/.test(pattern[i + 1] ?? '')) return 'must not use back-references (\\1, \\k<name>): they can make matching take exponential time';
      atomEnd = i + 2;
      // \p{…}, \u{…}, \x.., \u.... are one atom.
      if (/[pPu]/.test(pattern[i + 1] ?? '') && pattern[i + 2] === '{') atomEnd = pattern.indexOf('}', i) + 1;
    } else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      atomEnd = j + 1;
    } else if (c === '(') {
      let j = i + 1;
      const m = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(pattern.slice(j));
      if (m) j += m[0].length;
      stack.push({ repeats: false, branches: [j], start: j });
      i = j;
      continue;
    } else if (c === '|') {
      frame.branches.push(i + 1);
      i++;
      continue;
    } else if (c === ')') {
      group = stack.pop();
      if (!group || stack.length === 0) return 'has an unbalanced parenthesis';
      groupRepeats = group.repeats;
      atomEnd = i + 1;
    } else {
      atomEnd = i + 1;
    }
    const parent = stack[stack.length - 1] ?? root;
    const q = quantifier(atomEnd);
    if (q?.tooBig) return `must not repeat more than ${MAX_COUNT} times in {n,m}`;
    if (q?.repeating) {
      if (groupRepeats) return 'must not repeat a group that itself repeats, like (a+)+: it can make matching take exponential time';
      if (group && overlappingBranches(pattern, group, atomEnd - 1)) {
        return 'must not repeat a choice whose options overlap, like (a|ab)*: it can make matching take exponential time';
      }
    }
    // Any quantifier counts inside a repeated group, `?` too: (a?){20} backtracks like (a+)+.
    if (q) parent.repeats = true;
    if (groupRepeats) parent.repeats = true;
    i = q ? q.end : atomEnd;
  }
  if (stack.length !== 1) return 'has an unbalanced parenthesis';
  return undefined;
}

/** Whether a group's alternatives can match the same text: one is empty, or one is a prefix of another. */
function overlappingBranches(pattern: string, group: Frame, close: number): boolean {
  if (group.branches.length < 2) return false;
  const texts = group.branches.map((start, k) => pattern.slice(start, (group.branches[k + 1] ?? close + 1) - 1));
  for (let a = 0; a < texts.length; a++) {
    for (let b = 0; b < texts.length; b++) {
      if (a === b) continue;
      const x = (texts[a] ?? '').toLowerCase();
      const y = (texts[b] ?? '').toLowerCase();
      if (x === '' || y.startsWith(x)) return true;
      // Branches starting with a class or wildcard can overlap with almost anything.
      if (/^(?:\.|\\[wWdDsS.]|\[)/.test(x) && /^(?:\.|\\[wWdDsS.]|\[)/.test(y)) return true;
    }
  }
  return false;
}
