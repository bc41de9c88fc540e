import fc from 'fast-check';
import { RE2JS } from 're2js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors';
import {
  applyRules,
  compilePattern,
  compileRules,
  MAX_PROGRAM_SIZE,
  regexProblem,
  RULE_LIMITS,
  ruleProblems,
  validateRule,
  type Rule,
  type RuleSubject,
} from '../../../../shared/domain/rules';

/** A compile of the classes that give a pattern's case-insensitive letters their other cases (see pattern.ts). */
const isFoldProbe = (pattern: unknown) => String(pattern).startsWith('[\\x{0}');

afterEach(() => {
  vi.restoreAllMocks();
});

function rule(id: string, fields: Partial<Rule> = {}): Rule {
  return { id, name: `Rule ${id}`, priority: 100, conditions: { descriptionContains: 'coffee' }, actions: { categoryId: 'food.coffee' }, enabled: true, ...fields };
}

const coffee: RuleSubject = { description: 'SQ *BLUE BOTTLE COFFEE San Francisco', amount: 675, currency: 'USD', type: 'expense', accountId: 'card' };

describe('applyRules', () => {
  it('sets the category of the first matching rule in priority order, then by id', () => {
    // Prepare
    const rules = [
      rule('b', { priority: 10, actions: { categoryId: 'food.restaurants' } }),
      rule('a', { priority: 10, actions: { categoryId: 'food.coffee' } }),
      rule('c', { priority: 1, conditions: { descriptionContains: 'tea' }, actions: { categoryId: 'food.tea' } }),
      rule('d', { priority: 50, actions: { categoryId: 'other.misc' } }),
    ];
    // Act
    const outcome = applyRules(coffee, rules);
    // Assess
    expect(outcome).toEqual({ categoryId: 'food.coffee', tags: [], changed: ['categoryId'], appliedRuleIds: ['a'], matchedRuleIds: ['a', 'b', 'd'], categoryRuleId: 'a' });
  });

  it('adds the tags of every matching rule, normalised and without duplicates, after the existing ones', () => {
    const rules = [
      rule('r1', { priority: 1, actions: { tags: ['Treats', 'coffee'] } }),
      rule('r2', { priority: 2, actions: { categoryId: 'food.coffee', tags: ['#Coffee', 'work'] } }),
    ];
    const outcome = applyRules({ ...coffee, tags: ['Work'] }, rules);
    expect(outcome.tags).toEqual(['work', 'treats', 'coffee']);
    expect(outcome.categoryId).toBe('food.coffee');
    expect(outcome.appliedRuleIds).toEqual(['r1', 'r2']);
    expect(outcome.changed).toEqual(['categoryId', 'tags']);
  });

  it('never overwrites what the user set by hand', () => {
    const rules = [rule('r1', { actions: { categoryId: 'food.coffee', tags: ['coffee'] } })];
    const tx = { ...coffee, categoryId: 'business.expenses', tags: ['client'] };
    expect(applyRules(tx, rules, ['categoryId'])).toMatchObject({ categoryId: 'business.expenses', tags: ['client', 'coffee'], changed: ['tags'], appliedRuleIds: ['r1'] });
    expect(applyRules(tx, rules, ['tags'])).toMatchObject({ categoryId: 'food.coffee', tags: ['client'], changed: ['categoryId'] });
    expect(applyRules(tx, rules, new Set(['categoryId', 'tags'] as const))).toEqual({
      categoryId: 'business.expenses',
      tags: ['client'],
      changed: [],
      appliedRuleIds: [],
      matchedRuleIds: ['r1'],
    });
  });

  it('replaces a category a rule set before (not by hand), and reports no change when it is already right', () => {
    const rules = [rule('r1')];
    expect(applyRules({ ...coffee, categoryId: 'other.misc' }, rules)).toMatchObject({ categoryId: 'food.coffee', changed: ['categoryId'], appliedRuleIds: ['r1'] });
    expect(applyRules({ ...coffee, categoryId: 'food.coffee' }, rules)).toMatchObject({ categoryId: 'food.coffee', changed: [], appliedRuleIds: [], matchedRuleIds: ['r1'], categoryRuleId: 'r1' });
  });

  it('gives no category to transfers or split transactions, but still tags them', () => {
    const rules = [rule('r1', { conditions: { descriptionContains: 'savings' }, actions: { categoryId: 'other.misc', tags: ['savings'] } })];
    const transfer = { description: 'To savings', amount: 100, type: 'transfer' as const, accountId: 'a', toAccountId: 'b' };
    expect(applyRules(transfer, rules)).toMatchObject({ categoryId: undefined, tags: ['savings'] });
    expect(applyRules({ ...transfer, type: 'expense', splits: [{}] }, rules)).toMatchObject({ categoryId: undefined, tags: ['savings'] });
  });

  it('skips disabled rules and rules that are not valid', () => {
    const rules = [rule('off', { enabled: false, priority: 1 }), rule('bad', { priority: 2, conditions: { descriptionRegex: '(a+)\\1' } }), rule('on', { priority: 3 })];
    const compiled = compileRules(rules);
    expect(compiled.rules.map((r) => r.rule.id)).toEqual(['on']);
    expect(compiled.invalid).toEqual([{ id: 'bad', problems: [{ path: 'conditions.descriptionRegex', message: expect.stringContaining('back-references') }] }]);
    expect(applyRules(coffee, compiled).categoryRuleId).toBe('on');
  });

  it.each<[string, Rule['conditions'], boolean]>([
    ['contains, ignoring case, accents and spacing', { descriptionContains: 'blue   BOTTLE' }, true],
    ['contains with accents', { descriptionContains: 'café' }, false],
    ['regex, case-insensitive', { descriptionRegex: '^sq \\*blue' }, true],
    ['regex not matching', { descriptionRegex: '^blue' }, false],
    ['amount within bounds (inclusive)', { amountMin: 675, amountMax: 675 }, true],
    ['amount below the minimum', { amountMin: 676 }, false],
    ['amount above the maximum', { amountMax: 674 }, false],
    ['account', { accountId: 'card' }, true],
    ['other account', { accountId: 'checking' }, false],
    ['type', { type: 'expense' }, true],
    ['other type', { type: 'income' }, false],
    ['currency', { currency: 'USD' }, true],
    ['other currency', { currency: 'EUR' }, false],
    ['all together', { descriptionContains: 'coffee', descriptionRegex: 'bottle', amountMin: 100, amountMax: 1000, accountId: 'card', type: 'expense', currency: 'USD' }, true],
  ])('matches on %s: %s', (_label, conditions, expected) => {
    expect(applyRules(coffee, [rule('r', { conditions })]).matchedRuleIds).toEqual(expected ? ['r'] : []);
  });

  it('compares amounts by absolute value and matches either side of a transfer by account', () => {
    const refund = { ...coffee, amount: -675 };
    expect(applyRules(refund, [rule('r', { conditions: { amountMin: 600, amountMax: 700 } })]).matchedRuleIds).toEqual(['r']);
    const transfer = { description: 'x', amount: 1, type: 'transfer' as const, accountId: 'a', toAccountId: 'b' };
    expect(applyRules(transfer, [rule('r', { conditions: { accountId: 'b' }, actions: { tags: ['in'] } })]).tags).toEqual(['in']);
  });

  it('matches accents in descriptions to plain text in rules', () => {
    expect(applyRules({ ...coffee, description: 'Café Königsbäck' }, [rule('r', { conditions: { descriptionContains: 'cafe konigsback' } })]).matchedRuleIds).toEqual(['r']);
  });

  it('stops adding tags at 20', () => {
    const many = Array.from({ length: 15 }, (_, i) => `t${i}`);
    const outcome = applyRules({ ...coffee, tags: many }, [rule('r', { actions: { tags: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] } })]);
    expect(outcome.tags).toHaveLength(20);
    expect(outcome.tags.slice(-5)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('compiles a plain array once and reuses it, and a pattern shared by rules once', () => {
    // Prepare
    const rules = [rule('r', { conditions: { descriptionRegex: 'coffee' } }), rule('s', { conditions: { descriptionRegex: 'coffee' }, actions: { tags: ['x'] } })];
    const compile = vi.spyOn(RE2JS, 'compile');
    // Act
    for (let i = 0; i < 100; i++) applyRules(coffee, rules);
    // Assess: one compile for both rules, none for the 99 later calls (plus at most one of the classes that give
    // the pattern's letters their other cases, which the stored program holds)
    expect(compile.mock.calls.filter(([p]) => !isFoldProbe(p)).map(([p]) => p)).toEqual(['coffee']);
    expect(compile.mock.calls.length).toBeLessThanOrEqual(2);
    expect(applyRules(coffee, rules)).toMatchObject({ categoryId: 'food.coffee', tags: ['x'], matchedRuleIds: ['r', 's'] });
  });

  it('prepares the description once per transaction, not once per rule', () => {
    // Prepare: 200 contains-rules and 20 patterns, compiled beforehand as a request does
    const rules = compileRules([
      ...Array.from({ length: 200 }, (_, i) => rule(`c${i}`, { conditions: { descriptionContains: `shop ${i}` }, actions: { tags: [`t${i}`] } })),
      ...Array.from({ length: 20 }, (_, i) => rule(`p${i}`, { conditions: { descriptionRegex: `shop\\s+${i}\\b` }, actions: { tags: [`p${i}`] } })),
    ]);
    const normalize = vi.spyOn(String.prototype, 'normalize');
    const replace = vi.spyOn(String.prototype, 'replace');
    // Act
    const outcome = applyRules({ ...coffee, description: 'Café  SHOP 7 Berlin' }, rules);
    // Assess: folded once (for the contains-rules), spaced once (for the patterns)
    expect(outcome.matchedRuleIds).toEqual(['c7', 'p7']);
    expect(normalize).toHaveBeenCalledTimes(1);
    expect(replace.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('keeps to priority order and never lets a later rule change the category (1,000 runs)', () => {
    const arbitraryRule = fc.record({
      id: fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/),
      priority: fc.integer({ min: -5, max: 5 }),
      enabled: fc.boolean(),
      word: fc.constantFrom('coffee', 'bottle', 'tea', 'blue'),
      category: fc.option(fc.constantFrom('food.coffee', 'food.restaurants', 'other.misc'), { nil: undefined }),
      tags: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbitraryRule, { selector: (r) => r.id, maxLength: 8 }), fc.subarray(['categoryId', 'tags'] as const), (specs, manual) => {
        const rules = specs
          .filter((s) => s.category !== undefined || s.tags.length > 0)
          .map((s) => rule(s.id, { priority: s.priority, enabled: s.enabled, conditions: { descriptionContains: s.word }, actions: s.category ? { categoryId: s.category, tags: s.tags } : { tags: s.tags } }));
        const tx = { ...coffee, categoryId: 'manual.cat', tags: ['mine'] };
        const outcome = applyRules(tx, rules, manual);
        const expectedOrder = rules
          .filter((r) => r.enabled && coffee.description.toLowerCase().includes(r.conditions.descriptionContains ?? ''))
          .sort((x, y) => x.priority - y.priority || (x.id < y.id ? -1 : 1));
        const firstCategory = expectedOrder.find((r) => r.actions.categoryId !== undefined);
        const category = manual.includes('categoryId') ? 'manual.cat' : (firstCategory?.actions.categoryId ?? 'manual.cat');
        return (
          JSON.stringify(outcome.matchedRuleIds) === JSON.stringify(expectedOrder.map((r) => r.id)) &&
          outcome.categoryId === category &&
          (manual.includes('tags') ? JSON.stringify(outcome.tags) === '["mine"]' : outcome.tags[0] === 'mine')
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe('rule validation', () => {
  it('accepts and normalises a good rule', () => {
    expect(validateRule(rule('r1', { name: '  Coffee  ', actions: { tags: ['#Treats', 'treats'] }, conditions: { descriptionContains: 'coffee', amountMax: undefined } }))).toEqual({
      id: 'r1',
      name: 'Coffee',
      priority: 100,
      conditions: { descriptionContains: 'coffee' },
      actions: { tags: ['treats'] },
      enabled: true,
    });
  });

  it.each<[string, Partial<Rule>, string]>([
    ['id', { id: 'has space' }, 'must be an id'],
    ['name', { name: ' ' }, '1 to 100'],
    ['priority', { priority: 1.5 }, 'whole number'],
    ['enabled', { enabled: 'yes' as unknown as boolean }, 'true or false'],
    ['conditions', { conditions: {} }, 'at least one condition'],
    ['conditions.descriptionContains', { conditions: { descriptionContains: '   ' } }, '1 to 200'],
    ['conditions.descriptionRegex', { conditions: { descriptionRegex: '(' } }, 'not a valid regular expression'],
    ['conditions.descriptionRegex', { conditions: { descriptionRegex: 'x'.repeat(201) } }, 'at most 200'],
    ['conditions.amountMin', { conditions: { amountMin: -1 } }, 'non-negative'],
    ['conditions.amountMax', { conditions: { amountMin: 10, amountMax: 5 } }, 'not be less than amountMin'],
    ['conditions.currency', { conditions: { currency: 'usd' } }, 'ISO 4217'],
    ['conditions.type', { conditions: { type: 'refund' as 'income' } }, 'one of expense'],
    ['actions', { actions: {} }, 'set a category or add at least one tag'],
    ['actions.categoryId', { actions: { categoryId: 'bad id' } }, 'category id'],
    ['actions.tags[0]', { actions: { tags: [' '] } }, 'blank'],
  ])('names %s when it is wrong', (path, fields, message) => {
    expect(ruleProblems(rule('r', fields))).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(() => validateRule(rule('r', fields))).toThrow(ValidationError);
  });
});

/** 200 characters of shop names: a long alternation of literals compiles small. */
const SHOPS = 'rewe|lidl|edeka|aldi süd|whole foods|trader joe|kaufland|netto|penny|real|globus|tegut|norma|famila|combi|marktkauf|hit|bünting|sky|konsum|nahkauf|denns|alnatura|basic|bio company|superbiomarkt';
describe('regexProblem (RE2 syntax)', () => {
  it.each(['starbucks|coffee', '^AMZN\\s+Mktp', '(foo|bar)+', '\\d+\\d+', '(?:uber|lyft)\\s*\\*?trip', '(\\p{L}+)?', '[(]+', '\\\\1', 'a{2,50}', '(?P<store>#\\d+)', '(?<store>#\\d+)', 'caf[eé]', '(a+)+$', '(a|ab)+', '\\bnetflix\\b', 'x'.repeat(200), SHOPS])(
    'accepts %j',
    (pattern) => {
      expect(regexProblem(pattern)).toBeUndefined();
    },
  );

  it.each([
    ['(a*)\\1', 'back-references (\\1)'],
    ['(?<x>a)\\k<x>', 'back-references (\\k<name>)'],
    ['foo(?=bar)', 'lookahead or lookbehind'],
    ['foo(?!bar)', 'lookahead or lookbehind'],
    ['(?<=foo)bar', 'lookahead or lookbehind'],
    ['(?<!foo)bar', 'lookahead or lookbehind'],
    ['a{1001}', 'repetition counts go up to 1000'],
    ['\\d{1,150}', `at most ${MAX_PROGRAM_SIZE}`],
    ['.{300}', `at most ${MAX_PROGRAM_SIZE}`],
    ['[\\p{L}\\d]{1,30}!', 'ranges'],
    ['(', 'not a valid regular expression in RE2 syntax (missing closing ): `(`)'],
    ['\\', 'not a valid regular expression in RE2 syntax (trailing backslash'],
    ['a**', 'not a valid regular expression in RE2 syntax'],
    ['\\u00e9', 'not a valid regular expression in RE2 syntax (invalid escape sequence'],
    ['x'.repeat(201), 'at most 200 characters'],
    ['', 'must not be empty'],
    [42, 'must be text'],
  ])('refuses %j, saying why', (pattern, message) => {
    expect(regexProblem(pattern)).toContain(message);
  });

  it('is case-insensitive and Unicode-aware, like the patterns it replaces', () => {
    const test = (pattern: string, text: string) => {
      const c = compilePattern(pattern);
      if (!c.ok) throw new Error(c.problem);
      return c.pattern.test(text);
    };
    expect(test('^aldi süd', 'ALDI SÜD Berlin')).toBe(true);
    expect(test('café', 'CAFÉ')).toBe(true);
    expect(test('^sq \\*blue', 'SQ *BLUE BOTTLE')).toBe(true);
    expect(test('^blue', 'SQ *BLUE BOTTLE')).toBe(false);
    expect(test('\\p{Greek}+', 'Ταβέρνα')).toBe(true);
    expect(test('netflix$', 'NETFLIX.COM 866-579-7172 CA')).toBe(false);
  });
});

describe('catastrophic patterns run in linear time on RE2', () => {
  const word = (n: number) => 'a'.repeat(n);
  // [pattern, subject, whether it matches]: each takes a backtracking engine longer than the age of the universe.
  it.each<[string, string, boolean]>([
    ['(a+)+$', `${word(5000)}!`, false],
    ['(a+)+$', word(5000), true],
    ['(a|\\w)+$', `${word(5000)}!`, false],
    ['(a|\\w)+$', word(5000), true],
    ['(a|aa)+$', `${word(5000)}!`, false],
    ['a*a*a*a*a*b', word(5000), false],
    ['a*a*a*a*a*b', `${word(5000)}b`, true],
    ['(x+x+)+y', 'x'.repeat(5000), false],
    ['(x+x+)+y', `${'x'.repeat(5000)}y`, true],
    ['(\\w*)*!', `${'ab'.repeat(2500)}?`, false],
    ['(.*a){12}', `${word(11)}${'b'.repeat(5000)}`, false],
    ['(.*a){12}', `${'ba'.repeat(2500)}`, true],
    ['^(\\s*\\S+\\s*)+$', `${'x '.repeat(2500)}`, true],
  ])('%j on %#', (pattern, subject, matches) => {
    const c = compilePattern(pattern);
    expect(c.ok).toBe(true);
    if (c.ok) expect(c.pattern.test(subject)).toBe(matches);
  });

  it('apply as rules to the longest descriptions (and what is stored longer is cut at the limit)', () => {
    const rules = compileRules([
      rule('evil', { conditions: { descriptionRegex: '(a|\\w)+$' }, actions: { categoryId: 'food.coffee' } }),
      rule('also', { conditions: { descriptionRegex: '(x+x+)+y' }, actions: { tags: ['y'] } }),
    ]);
    expect(rules.invalid).toEqual([]);
    expect(applyRules({ ...coffee, description: `${'a'.repeat(499)}!` }, rules)).toMatchObject({ categoryId: undefined, matchedRuleIds: [] });
    expect(applyRules({ ...coffee, description: 'a'.repeat(500) }, rules)).toMatchObject({ categoryId: 'food.coffee', matchedRuleIds: ['evil'] });
    expect(applyRules({ ...coffee, description: `${'x'.repeat(480)}y!` }, rules)).toMatchObject({ categoryId: undefined, tags: ['y'] });
    // Beyond 500 characters nothing is looked at: a 'y' at 5,001 does not count.
    expect(applyRules({ ...coffee, description: `${'x'.repeat(5000)}y` }, rules).tags).toEqual([]);
  });
});

describe('stored rules that cannot run', () => {
  it('are reported, never thrown, and the others still apply', () => {
    // Prepare: patterns saved before rules ran on RE2 (the old checker let lookarounds and \u escapes through)
    const stored = [
      rule('ahead', { priority: 1, conditions: { descriptionRegex: 'coffee(?= san)' } }),
      rule('behind', { priority: 2, conditions: { descriptionRegex: '(?<=blue )bottle' } }),
      rule('escape', { priority: 3, conditions: { descriptionRegex: 'caf\\u00e9' } }),
      rule('huge', { priority: 4, conditions: { descriptionRegex: '\\w{1,300}' } }),
      rule('long', { priority: 5, conditions: { descriptionRegex: 'x'.repeat(500) } }),
      rule('typed', { priority: 6, conditions: { descriptionRegex: 12 as unknown as string } }),
      rule('good', { priority: 7, conditions: { descriptionRegex: 'bottle coffee' }, actions: { categoryId: 'food.coffee' } }),
    ];
    // Act
    const compiled = compileRules(stored);
    // Assess
    expect(compiled.rules.map((r) => r.rule.id)).toEqual(['good']);
    expect(Object.fromEntries(compiled.invalid.map((i) => [i.id, i.problems.map((p) => `${p.path} ${p.message}`).join('; ')]))).toEqual({
      ahead: expect.stringContaining('conditions.descriptionRegex must not use lookahead or lookbehind'),
      behind: expect.stringContaining('conditions.descriptionRegex must not use lookahead or lookbehind'),
      escape: expect.stringContaining('conditions.descriptionRegex is not a valid regular expression in RE2 syntax'),
      huge: expect.stringContaining('conditions.descriptionRegex is too complex'),
      long: 'conditions.descriptionRegex must be at most 200 characters',
      typed: 'conditions.descriptionRegex must be text',
    });
    expect(applyRules(coffee, compiled)).toMatchObject({ categoryId: 'food.coffee', appliedRuleIds: ['good'] });
    expect(() => applyRules(coffee, stored)).not.toThrow();
  });

  it(`run patterns in rule order up to ${RULE_LIMITS.maxPatternSteps} steps in all, compiling none beyond; contains-rules are not counted`, () => {
    // Prepare: 40 patterns of 30 steps each (the budget fits 20), in reverse priority, mixed with contains-rules
    const pattern = (i: number) => `bottle|x{27}${String.fromCharCode(65 + (i % 26))}${i}`;
    const size = (i: number) => (compilePattern(pattern(i)) as { pattern: { programSize: number } }).pattern.programSize;
    const fit = Math.floor(RULE_LIMITS.maxPatternSteps / size(10));
    const n = fit + 20;
    const id = (i: number) => `p${String(i).padStart(3, '0')}`;
    const stored = [
      ...Array.from({ length: n }, (_, i) => rule(id(i), { priority: n - i, conditions: { descriptionRegex: pattern(i) }, actions: { tags: [`p${i}`] } })),
      ...Array.from({ length: 50 }, (_, i) => rule(`c${i}`, { priority: 1000, conditions: { descriptionContains: 'bottle' }, actions: { tags: ['c'] } })),
    ];
    const compile = vi.spyOn(RE2JS, 'compile');
    // Act
    const compiled = compileRules(stored);
    // Assess: the lowest priorities run (the highest ids); the first that does not fit and all after it are
    // reported; one compile more than those that run
    const ran = compiled.rules.filter((r) => r.regex).map((r) => r.rule.id);
    expect(ran).toEqual(Array.from({ length: fit }, (_, k) => id(n - 1 - k)));
    expect(compiled.rules.reduce((sum, r) => sum + (r.regex?.programSize ?? 0), 0)).toBeLessThanOrEqual(RULE_LIMITS.maxPatternSteps);
    expect(compiled.invalid.map((i) => i.id)).toEqual(Array.from({ length: n - fit }, (_, k) => id(n - 1 - fit - k)));
    expect(compiled.invalid[0]?.problems[0]?.message).toMatch(new RegExp(`add up to ${RULE_LIMITS.maxPatternSteps} steps; this one needs \\d+ and the rules before it in order use \\d+`));
    expect(compiled.invalid[1]?.problems[0]?.message).toContain('use them up');
    expect(compiled.rules.filter((r) => r.contains)).toHaveLength(50);
    expect(compile.mock.calls.filter(([p]) => !isFoldProbe(p))).toHaveLength(fit + 1);
    expect(compile.mock.calls.length).toBeLessThanOrEqual(2 * (fit + 1));
    expect(applyRules(coffee, compiled).tags).toEqual([...ran.map((r) => `p${Number(r.slice(1))}`), 'c']);
  });

  it('compile no pattern of a disabled rule', () => {
    const compile = vi.spyOn(RE2JS, 'compile');
    const compiled = compileRules([rule('off', { enabled: false, conditions: { descriptionRegex: 'coffee' } })]);
    expect(compiled).toEqual({ rules: [], invalid: [] });
    expect(compile).not.toHaveBeenCalled();
  });
});
