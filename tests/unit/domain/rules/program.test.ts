import { RE2JS } from 're2js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applyCompiledRules,
  compilePattern,
  compileStoredRules,
  loadProgram,
  MAX_PROGRAM_SIZE,
  validateRule,
  type Rule,
} from '../../../../shared/domain/rules';

afterEach(() => {
  vi.restoreAllMocks();
});

const PATTERNS = [
  'coffee', '^a.b$', '\\bcafé\\b', '[a-z]+\\d{2}', '\\p{L}+', '\\p{Greek}', 'x*?y', '(a+)+$', '(a|\\w)+$', 'k', 'ſ', 'É', '^$', '(?m)^b$',
  '\\Bfoo', 'a{2,5}b', '[^a-z]', '.', '(?s).', '\\x{1F600}', '[😀-😂]x', 'starbucks|coffee', '\\d+[.,]\\d{2}\\s*eur', 'ü', 'σ', 'ß', '\\W+',
  '\\z', '\\A[a]', '(?U)a+', '[[:alpha:]]+\\s', 'θ', 'µ', 'å', '(?i:ABC)|(?-i:xyz)', 'a|b|c|', '[^\\n]$', 'x{0}', '\\Qa.b\\E', 'rewe\\s+(markt|city)',
];
const TEXTS = [
  '', 'coffee', 'COFFEE shop', 'axb', 'a\nb', 'Café', 'cafe', 'CAFÉ!', 'abc12', 'ab1', 'xxxy', 'aaaa!', 'aaaa', 'KELVIN', '\u212A', 'ſ', 'S', 'é', 'É', 'b',
  'x\nb\ny', 'foofoo', 'aaab', 'ab', '😀x', '😁X', '\uD83D', 'Starbucks #12', '12,50 EUR', 'Ü', 'Σ', 'ς', 'ẞ', 'ss', '\n', ' - ', 'ϑ', 'ϴ', 'Μ', 'Å', 'Ω',
  'ABC', 'abc', 'XYZ', 'xyz', 'a.b', 'REWE  City', 'rewe markt', 'αβγ', 'end\n',
];

describe('stored programs run as RE2 matches', () => {
  it('agree with re2js on every pattern and text of the corpus (case-insensitive, Unicode, anchors, word boundaries)', () => {
    // Prepare
    const mismatches: string[] = [];
    // Act
    for (const source of PATTERNS) {
      const compiled = compilePattern(source);
      if (!compiled.ok) throw new Error(`${source}: ${compiled.problem}`);
      const loaded = loadProgram(compiled.program);
      if (!loaded.ok) throw new Error(`${source}: ${loaded.problem}`);
      const re2 = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
      for (const text of TEXTS) if (re2.test(text) !== loaded.pattern.test(text)) mismatches.push(`${source} on ${JSON.stringify(text)}`);
    }
    // Assess
    expect(mismatches).toEqual([]);
  });

  it('agree with re2js on random texts over the alphabet the patterns care about', () => {
    // Prepare: a seeded generator, so a failure repeats
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ['a', 'A', 'b', 'x', 'y', 'k', 'K', '\u212A', 's', 'ſ', 'é', 'É', '1', '2', '.', ',', ' ', '\n', '_', '😀', 'σ', 'Σ', 'ς', 'ß'];
    const mismatches: string[] = [];
    // Act
    for (const source of PATTERNS) {
      const compiled = compilePattern(source);
      if (!compiled.ok) continue;
      const re2 = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
      for (let n = 0; n < 60; n++) {
        const text = Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
        if (re2.test(text) !== compiled.pattern.test(text)) mismatches.push(`${source} on ${JSON.stringify(text)}`);
      }
    }
    // Assess
    expect(mismatches).toEqual([]);
  });

  it('match a catastrophic-backtracking pattern on 5,000 characters in linear time', () => {
    // Prepare
    const compiled = compilePattern('(a|\\w)+$');
    if (!compiled.ok) throw new Error(compiled.problem);
    const text = `${'a'.repeat(5000)}!`;
    // Act
    const started = performance.now();
    const matched = compiled.pattern.test(text);
    const ms = performance.now() - started;
    // Assess: a backtracking engine takes longer than the age of the universe here
    expect(matched).toBe(false);
    expect(ms).toBeLessThan(1000);
  });
});

describe('loadProgram', () => {
  const good = (compilePattern('ab|c') as { program: string }).program;

  it.each([
    ['another version', good.replace(/^1:/, '2:')],
    ['a jump outside the program', good.replace(/ M$/, ' N99')],
    ['a start outside the program', good.replace(/^1:[0-9a-z]+:/, '1:zz:')],
    ['an unknown instruction', `${good} Q1`],
    ['unsorted ranges', '1:1:F R2,z,0,0,0 M'],
    ['ranges beyond Unicode', '1:1:F R2,0,zzzzz M'],
    ['more instructions than allowed', `1:1:F ${Array.from({ length: MAX_PROGRAM_SIZE }, () => 'M').join(' ')}`],
    ['not text', 42],
  ])('refuses %s, asking to save the rule again', (_, program) => {
    // Act
    const loaded = loadProgram(program);
    // Assess
    expect(loaded.ok).toBe(false);
    expect((loaded as { problem: string }).problem).toContain('save the rule again');
  });
});

describe('compileStoredRules', () => {
  const rule = (id: string, fields: Partial<Rule> = {}): Rule => ({ id, name: id, priority: 1, enabled: true, conditions: { descriptionRegex: 'coff?ee' }, actions: { categoryId: 'food.coffee' }, ...fields });
  const coffee = { description: 'COFEE house', amount: 450, currency: 'EUR', type: 'expense' as const };

  it('runs the program stored when the rule was saved, compiling nothing', () => {
    // Prepare: saving compiles the pattern and keeps its program
    const saved = validateRule(rule('r'));
    const compile = vi.spyOn(RE2JS, 'compile');
    // Act
    const compiled = compileStoredRules([saved]);
    // Assess
    expect(saved.patternProgram).toMatch(/^1:/);
    expect(compile).not.toHaveBeenCalled();
    expect(compiled.invalid).toEqual([]);
    expect(applyCompiledRules(coffee, compiled)).toMatchObject({ categoryId: 'food.coffee', appliedRuleIds: ['r'] });
  });

  it('does not run a pattern stored without a program or with a damaged one, and says to save the rule again', () => {
    // Prepare
    const saved = validateRule(rule('r'));
    // Act
    const compiled = compileStoredRules([rule('old'), { ...saved, id: 'bad', patternProgram: '1:0:R9' }, { ...rule('plain', { conditions: { descriptionContains: 'cofee' } }) }]);
    // Assess
    expect(compiled.rules.map((r) => r.rule.id)).toEqual(['plain']);
    expect(compiled.invalid.map((i) => i.id)).toEqual(['bad', 'old']);
    for (const i of compiled.invalid) expect(i.problems[0]?.message).toContain('save the rule again');
  });

  it('validateRule replaces a program it was given by the one its pattern compiles to, and drops it without a pattern', () => {
    // Act
    const forged = validateRule({ ...rule('r'), patternProgram: '1:1:F M' });
    const plain = validateRule({ ...rule('p', { conditions: { descriptionContains: 'tea' } }), patternProgram: '1:1:F M' });
    // Assess
    expect(forged.patternProgram).toBe((compilePattern('coff?ee') as { program: string }).program);
    expect(plain).not.toHaveProperty('patternProgram');
  });
});
