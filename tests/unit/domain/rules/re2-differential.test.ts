import { describe, expect, it } from 'vitest';
import { loadProgram, MAX_PATTERN_LENGTH } from '../../../../shared/domain/rules/program';
import { compileRe2 } from '../../../../shared/domain/rules/re2-compile';
import { foldOrbit } from '../../../../shared/domain/rules/re2-unicode';
import { re2jsCompile, re2Orbits } from './re2js-reference';

/**
 * The RE2 parser and compiler of shared/domain/rules against re2js 2.10.0 (which stays a dev-time reference only):
 * the same patterns refused with the same message, the same program text for the others (so the same size, class
 * ranges and instructions), and the same match results on texts in several scripts.
 */

/** A seeded generator (mulberry32), so a failure repeats. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LITERALS = ['a', 'b', 'k', 's', 'x', '\uD83D', '\uDC00', 'é', 'σ', 'ς', 'ß', 'ſ', '\u212A', 'Ω', 'д', 'Ж', '😀', '1', ' ', '-', ',', 'ǅ', 'ı', 'İ', 'ϑ', 'ẞ', 'µ', 'Å'];
const ESCAPES = [
  '\\d', '\\D', '\\s', '\\S', '\\w', '\\W', '\\b', '\\B', '\\A', '\\z', '\\x41', '\\x{1F600}', '\\x{212A}', '\\x{17f}', '\\101', '\\0', '\\07', '\\n', '\\t',
  '\\a', '\\f', '\\v', '\\r', '\\.', '\\*', '\\[', '\\-', '\\Qa.b\\E', '\\Q*+', '\\pL', '\\p{Greek}', '\\PL', '\\p{^Greek}', '\\P{^Lu}', '\\pN', '\\p{Lu}',
  '\\p{Ll}', '\\p{Cyrillic}', '\\p{Latin}', '\\p{Common}', '\\p{Any}', '\\p{Ascii}', '\\p{Assigned}', '\\p{Lc}', '\\_', '\\x{10FFFF}', '\\x{d800}',
];
/** Escapes RE2 refuses (back-references, unknown classes, Perl and PCRE escapes RE2 lacks, malformed hex). */
const BAD_ESCAPES = [
  '\\p{Zzzz}', '\\p{Grek}', '\\1', '\\k<a>', '\\C', '\\x', '\\x{', '\\x{110000}', '\\x{}', '\\xg1', '\\p', '\\p{', '\\8', '\\e', '\\Z', '\\G',
  '\\X', '\\R', '\\h', '\\N{x}', '\\o{1}', '\\u0041', '\\',
];
const CLASS_ITEMS = [
  'a', 'z', 'a-z', 'A-Z', 'α-ω', 'k', 'ſ', '0-9', '\\d', '\\W', '\\s', '\\pL', '\\p{Greek}', '\\P{Lu}', '[:alpha:]', '[:^digit:]', '[:word:]', '[:upper:]',
  '[:foo:]', '[:lower:]', '-', '\\-', '^', '.', '\\]', '[', 'z-a', '\\x{0}-\\x{10FFFF}', '\\n', '😀-😂', 'é', '\\Q', 'ÿ', 'A-\\x{212A}', '\\x00-\\x09',
];
const GROUP_OPENS = ['(', '(', '(?:', '(?:', '(?i)', '(?-i:', '(?-i)', '(?s:', '(?m)', '(?U)', '(?sm-iU:', '(?P<name>', '(?<n2>', '(?i:', '(?-s)'];
const BAD_GROUP_OPENS = ['(?P<1a', '(?=', '(?!', '(?<=', '(?<!', '(?P=', '(?-)', '(?', '(?i-:', '(?<>', '(?#', '(?P<name>'];
const QUANTIFIERS = ['*', '+', '?', '*', '+', '?', '*?', '+?', '??', '{2}', '{1,3}', '{2,}', '{0}', '{0,1}', '{1001}', '{3,2}', '{,5}', '{', '{1000}', '{2}?', '{100}', '{01}', '{1,1000}'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** Blocks with many cased letters and folding specials, where random code points are drawn from. */
const BLOCKS: [number, number][] = [
  [0x41, 0x24f], [0x370, 0x52f], [0x10a0, 0x10ff], [0x13a0, 0x13ff], [0x1c80, 0x1cbf], [0x1e00, 0x1fff], [0x2100, 0x218f], [0x24b6, 0x24e9], [0x2c00, 0x2d2f],
  [0xa640, 0xa7ff], [0xab70, 0xabbf], [0xfb00, 0xfb06], [0xff21, 0xff5a], [0x10400, 0x1044f], [0x104b0, 0x104fb], [0x10c80, 0x10cff], [0x118a0, 0x118df], [0x1e900, 0x1e943],
];

function randomRune(random: () => number): number {
  const [lo, hi] = pick(random, BLOCKS);
  return lo + Math.floor(random() * (hi - lo + 1));
}

/** A random code point written as itself or as \x{…}. */
function runeLiteral(random: () => number, r = randomRune(random)): string {
  return random() < 0.5 ? String.fromCodePoint(r) : `\\x{${r.toString(16)}}`;
}

function randomClass(random: () => number): string {
  let s = random() < 0.3 ? '[^' : '[';
  const n = 1 + Math.floor(random() * 4);
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.65) s += pick(random, CLASS_ITEMS);
    else if (r < 0.8) s += pick(random, LITERALS);
    else if (r < 0.9) s += runeLiteral(random);
    else {
      // A range between two random code points, wide ones too (folded range by range)
      const a = randomRune(random);
      const b = random() < 0.5 ? a + Math.floor(random() * 80) : randomRune(random);
      s += `${runeLiteral(random, Math.min(a, b))}-${runeLiteral(random, Math.max(a, b))}`;
    }
  }
  return random() < 0.95 ? `${s}]` : s;
}

function randomAtom(random: () => number, depth: number): string {
  const r = random();
  if (r < 0.27) return pick(random, LITERALS);
  if (r < 0.35) return runeLiteral(random);
  if (r < 0.55) return random() < 0.06 ? pick(random, BAD_ESCAPES) : pick(random, ESCAPES);
  if (r < 0.7) return randomClass(random);
  if (r < 0.78) return random() < 0.1 ? ')' : pick(random, ['^', '$', '.', '|', '.']);
  if (depth > 3) return pick(random, LITERALS);
  const open = random() < 0.05 ? pick(random, BAD_GROUP_OPENS) : pick(random, GROUP_OPENS);
  const body = randomPattern(random, depth + 1);
  return random() < 0.97 ? `${open}${body})` : `${open}${body}`;
}

function randomPattern(random: () => number, depth = 0): string {
  const n = 1 + Math.floor(random() * (depth === 0 ? 8 : 4));
  let s = '';
  for (let i = 0; i < n; i++) {
    s += randomAtom(random, depth);
    if (random() < 0.3) s += pick(random, QUANTIFIERS);
    if (random() < 0.01) s += pick(random, QUANTIFIERS);
    if (random() < 0.12) s += '|';
  }
  return s;
}

const TEXT_ALPHABET = [
  'a', 'A', 'b', 'B', 'k', 'K', 's', 'S', 'x', 'z', '1', '9', '_', ' ', '\n', '\t', '.', '-', ',', '*', '[', 'é', 'É', 'ü', 'ÿ', 'ß', 'µ', 'Å', 'å', 'σ', 'Σ', 'ς',
  'α', 'Ω', 'ω', 'ϑ', 'θ', 'д', 'Д', 'ж', 'Ж', '\u212A', '\u212B', 'ſ', 'ẞ', 'İ', 'ı', 'ǅ', 'ǆ', '😀', '😁', '😂', '\u{10400}', '\u{10428}', '\uD83D', '\0',
];

/** Generated patterns in the differential run. */
const PATTERNS = 12_000;

/** A random text: the alphabet above, and random code points of the blocks with their other cases. */
function randomText(random: () => number): string {
  const rune = () => {
    const c = String.fromCodePoint(randomRune(random));
    return pick(random, [c, c.toUpperCase(), c.toLowerCase()]);
  };
  return Array.from({ length: Math.floor(random() * 10) }, () => (random() < 0.75 ? pick(random, TEXT_ALPHABET) : rune())).join('');
}

/** Programs up to this size are compared instruction by instruction; larger ones by size and class ranges. */
const COMPARED_SIZE = 1200;

/** Texts made of the pattern's own characters, in either case, so that its literals and classes meet what they match. */
function textsFrom(random: () => number, pattern: string): string[] {
  const chars = [...pattern].flatMap((c) => [c, c.toUpperCase(), c.toLowerCase()]).filter((c) => [...c].length === 1);
  return Array.from({ length: 5 }, () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(random, chars)).join(''));
}

/** How one pattern came out of both compilers, as a comparable line. */
function outcome(pattern: string): { mine: string; theirs: string; load?: ReturnType<typeof loadProgram>; re2?: Extract<ReturnType<typeof re2jsCompile>, { ok: true }> } {
  const ref = re2jsCompile(pattern, COMPARED_SIZE);
  const theirs = ref.ok ? `ok ${ref.programSize} ${ref.classRanges} ${ref.program}` : `refused ${ref.message}`;
  let mine: string;
  try {
    const c = compileRe2(pattern, COMPARED_SIZE);
    mine = `ok ${c.programSize} ${c.classRanges} ${c.program}`;
    if (ref.ok && mine === theirs) return { mine, theirs, load: loadProgram(c.program), re2: ref };
  } catch (e) {
    mine = `refused ${e instanceof Error ? e.message : String(e)}`;
  }
  return { mine, theirs };
}

describe('the RE2 compiler of rule patterns agrees with re2js', () => {
  it('refuses the same generated patterns with the same message, compiles the others to the same program, and matches the same texts', () => {
    // Prepare
    const random = generator(20261126);
    const texts = Array.from({ length: 40 }, () => randomText(random));
    const disagreements: string[] = [];
    let accepted = 0;
    let refused = 0;
    let matched = 0;
    // Act
    for (let n = 0; n < PATTERNS; n++) {
      const pattern = randomPattern(random).slice(0, MAX_PATTERN_LENGTH);
      const { mine, theirs, load, re2 } = outcome(pattern);
      if (mine !== theirs) {
        disagreements.push(`${JSON.stringify(pattern)}: mine ${mine.slice(0, 200)} | re2js ${theirs.slice(0, 200)}`);
        continue;
      }
      if (theirs.startsWith('refused')) refused++;
      if (!load?.ok || !re2) continue;
      accepted++;
      for (const text of [...texts, ...textsFrom(random, pattern)]) {
        const expected = re2.re.matcher(text).find();
        if (load.pattern.test(text) !== expected) disagreements.push(`${JSON.stringify(pattern)} on ${JSON.stringify(text)}: re2js ${expected}`);
        else if (expected) matched++;
      }
    }
    // Assess: a good share of valid patterns and of matches, so the comparison means something
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(accepted).toBeGreaterThan(PATTERNS / 3);
    expect(refused).toBeGreaterThan(PATTERNS / 10);
    expect(matched).toBeGreaterThan(10_000);
  }, 120_000);

  it.each([
    'coffee', '^a.b$', '\\bcafé\\b', '(a+)+$', '(a|\\w)+$', '\\d{1,100}', '\\w{1,150}', '[\\p{L}\\d]{1,100}', '(\\pL{1000}\\pL{1000}){1000}', '((a{2}){3}){200}',
    'x{1000}', '(?:a{10}){100}', '(?i:ABC)|(?-i:xyz)', 'a|b|c|', 'ab|ac|ad|b', '[ab]x|[ab]y|c', 'a{2}x|a{2}y', 'é|É|e', '(?s:.)|\\n', '[^\\n]|\\n', 'k|K|\u212A',
    '(?U)a+?b*', '\\Q\\E', '(?i)', '()', '(|)', '|', 'a||b', '^*', '$+', '\\b*', '(?:)*', '(a*)*', '(a*)+', '(a?)*', 'x**', 'x+*', '\\pL{1000}\\pL{1000}\\pL{1000}\\pL{1000}',
  ])('agrees on %s', (pattern) => {
    // Act
    const { mine, theirs } = outcome(pattern);
    // Assess
    expect(mine).toBe(theirs);
  });

  it('agrees on every Unicode class name re2js knows, plain, negated and inside a class', async () => {
    // Prepare: the names, read from the module that lists them
    const source = (await import('node:fs')).readFileSync(new URL('../../../../shared/domain/rules/re2-unicode.ts', import.meta.url), 'utf8');
    const names = [...source.matchAll(/new Set\('([^']+)'\.split/g)].flatMap((m) => (m[1] as string).split(' '));
    const disagreements: string[] = [];
    // Act
    for (const name of [...names, 'Any', 'Ascii', 'Assigned', 'Lc', 'Zyyy', 'greek', 'IsGreek', 'Script=Greek']) {
      for (const pattern of [`\\p{${name}}`, `\\P{${name}}`, `[^a\\p{^${name}}]`]) {
        const { mine, theirs } = outcome(pattern);
        if (mine !== theirs) disagreements.push(`${pattern}: mine ${mine.slice(0, 120)} | re2js ${theirs.slice(0, 120)}`);
      }
    }
    // Assess
    expect(names.length).toBeGreaterThan(200);
    expect(disagreements).toEqual([]);
  }, 120_000);

  it('folds case with the same orbits as re2js for every code point up to U+1FFFF', () => {
    // Prepare
    const runes = Array.from({ length: 0x20000 }, (_, r) => r);
    // Act
    const theirs = re2Orbits(runes);
    const disagreements = runes.filter((r) => (theirs.get(r) ?? []).join() !== foldOrbit(r).join()).map((r) => `U+${r.toString(16)}: ${theirs.get(r)?.join()} vs ${foldOrbit(r).join()}`);
    // Assess
    expect(disagreements.slice(0, 20)).toEqual([]);
  }, 120_000);
});
