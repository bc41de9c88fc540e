import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors';
import { applyRules, compileRules, regexProblem, ruleProblems, validateRule, type Rule, type RuleSubject } from '../../../../shared/domain/rules';

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
    const rules = [rule('off', { enabled: false, priority: 1 }), rule('bad', { priority: 2, conditions: { descriptionRegex: '(a+)+' } }), rule('on', { priority: 3 })];
    const compiled = compileRules(rules);
    expect(compiled.rules.map((r) => r.rule.id)).toEqual(['on']);
    expect(compiled.invalid).toEqual([{ id: 'bad', problems: [{ path: 'conditions.descriptionRegex', message: expect.stringContaining('exponential') }] }]);
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

  it('compiles a plain array once and reuses it', () => {
    // Prepare
    const rules = [rule('r', { conditions: { descriptionRegex: 'coffee' } })];
    const seen: RegExp[] = [];
    const original = RegExp;
    let constructed = 0;
    globalThis.RegExp = new Proxy(original, {
      construct(target, args: [string, string]) {
        constructed++;
        const re = new target(...args);
        seen.push(re);
        return re;
      },
    });
    try {
      // Act
      for (let i = 0; i < 100; i++) applyRules(coffee, rules);
    } finally {
      globalThis.RegExp = original;
    }
    // Assess: one compile to check the pattern, one for the rule, none for the 99 later calls
    expect(constructed).toBe(2);
    expect(seen.every((re) => re.source === 'coffee')).toBe(true);
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

describe('regexProblem', () => {
  it.each(['starbucks|coffee', '^AMZN\\s+Mktp', '(foo|bar)+', '\\d+\\d+', '(?:uber|lyft)\\s*\\*?trip', '(\\p{L}+)?', '[(]+', '\\\\1', 'a{2,100}', '(?<store>#\\d+)', 'caf[eé]'])('accepts %j', (pattern) => {
    expect(regexProblem(pattern)).toBeUndefined();
  });

  it.each([
    ['(a+)+', 'repeat a group that itself repeats'],
    ['(\\w*)*', 'repeat a group that itself repeats'],
    ['(a{1,5})+', 'repeat a group that itself repeats'],
    ['(a?){20}', 'repeat a group that itself repeats'],
    ['([a-z]+\\s?)+', 'repeat a group that itself repeats'],
    ['(x+x+)+y', 'repeat a group that itself repeats'],
    ['(.*a){3}', 'repeat a group that itself repeats'],
    ['((a)+)*', 'repeat a group that itself repeats'],
    ['(a|a)*', 'options overlap'],
    ['(a|ab)+', 'options overlap'],
    ['(|a)*', 'options overlap'],
    ['(\\d|\\w)+', 'options overlap'],
    ['(a*)\\1', 'back-references'],
    ['(?<x>a)\\k<x>', 'back-references'],
    ['a{1000}', 'more than 100 times'],
    ['(', 'not a valid regular expression'],
    ['\\', 'not a valid regular expression'],
    ['', 'must not be empty'],
  ])('refuses %j', (pattern, message) => {
    expect(regexProblem(pattern)).toContain(message);
  });

  it('keeps accepted patterns fast on hostile descriptions', () => {
    const hostile = 'a'.repeat(500) + '!';
    for (const pattern of ['(foo|bar)+', '\\d+\\d+', '(?:a|b)+c', 'a+b', '(\\p{L}+)?x']) {
      expect(regexProblem(pattern)).toBeUndefined();
      const started = performance.now();
      new RegExp(pattern, 'iu').test(hostile);
      expect(performance.now() - started).toBeLessThan(50);
    }
  });
});
