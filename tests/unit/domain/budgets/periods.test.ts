import { describe, expect, it } from 'vitest';
import { carryInto, monthsOf, paceAt, periodContaining, periodDays, periodsBetween, project, scopeOf, shiftPeriod, spendOf, addPending, validateBudget } from '../../../../shared/domain/budgets';

describe('periods', () => {
  it('weekly periods are ISO weeks from Monday, across month and year ends', () => {
    expect(periodContaining('weekly', '2024-01-01')).toEqual({ from: '2024-01-01', to: '2024-01-07' }); // a Monday
    expect(periodContaining('weekly', '2024-12-31')).toEqual({ from: '2024-12-30', to: '2025-01-05' });
    expect(periodContaining('weekly', '2023-01-01')).toEqual({ from: '2022-12-26', to: '2023-01-01' }); // a Sunday
  });
  it('monthly and yearly periods are calendar ones', () => {
    expect(periodContaining('monthly', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodContaining('yearly', '2024-02-10')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(periodDays(periodContaining('yearly', '2024-02-10'))).toBe(366);
  });
  it('shifts and counts periods', () => {
    expect(shiftPeriod('monthly', periodContaining('monthly', '2024-01-15'), -1)).toEqual({ from: '2023-12-01', to: '2023-12-31' });
    expect(shiftPeriod('monthly', periodContaining('monthly', '2024-11-15'), 3)).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(shiftPeriod('weekly', periodContaining('weekly', '2024-01-03'), -1)).toEqual({ from: '2023-12-25', to: '2023-12-31' });
    expect(periodsBetween('monthly', '2023-11-30', '2024-02-01')).toBe(3);
    expect(periodsBetween('weekly', '2024-01-07', '2024-01-08')).toBe(1);
    expect(periodsBetween('yearly', '2021-06-01', '2024-01-01')).toBe(3);
    expect(monthsOf({ from: '2024-12-30', to: '2025-01-05' })).toEqual(['2024-12', '2025-01']);
  });
});

describe('rollover chain', () => {
  it('none carries nothing, positive carries what was left, full carries overspends too', () => {
    const spent = [80n, 130n, 90n]; // amount 100
    expect(carryInto('none', 100n, spent)).toBe(0n);
    // positive: 20 left → 120 available, 130 spent → 0 → 100 available, 90 spent → 10
    expect(carryInto('positive', 100n, spent)).toBe(10n);
    // full: 20 → 120 − 130 = −10 → 90 − 90 = 0
    expect(carryInto('full', 100n, spent)).toBe(0n);
    expect(carryInto('full', 100n, [150n])).toBe(-50n);
  });
});

describe('scope', () => {
  const categories = [
    { id: 'food', name: 'Food', parentId: null, kind: 'expense' as const },
    { id: 'food.groceries', name: 'Groceries', parentId: 'food', kind: 'expense' as const },
    { id: 'rent', name: 'Rent', parentId: null, kind: 'expense' as const },
    { id: 'salary', name: 'Salary', parentId: null, kind: 'income' as const },
  ];
  const fields = { 'ce:food': 100, 'ce:food.groceries': 50, 'ci:food.groceries': 20, 'ce:rent': 1000, 'ci:salary': 5000, 'ce:_uncategorised': 7, 'pce:USD:food.groceries': 300, 'pcen:USD:food.groceries': 2, 'pce:JPY:rent': 900, 'pcen:JPY:rent': 1 };
  it('a parent covers its children; refunds in covered expense categories lower spending', () => {
    expect(spendOf(fields, scopeOf('food', categories))).toBe(130n);
    expect(spendOf(fields, scopeOf('food.groceries', categories))).toBe(30n);
  });
  it('overall covers every category but never counts income as a refund', () => {
    expect(spendOf(fields, scopeOf(null, categories))).toBe(100n + 50n - 20n + 1000n + 7n);
  });
  it('pending expenses are counted apart, natively, per currency', () => {
    const p = addPending({ count: 0, byCurrency: new Map() }, fields, scopeOf('food', categories));
    expect(p.count).toBe(2);
    expect([...p.byCurrency]).toEqual([['USD', 300n]]);
    const all = addPending({ count: 0, byCurrency: new Map() }, fields, scopeOf(null, categories));
    expect(all.count).toBe(3);
  });
});

describe('pace', () => {
  const steady = Array.from({ length: 30 }, () => 10n);
  it('linear without history', () => {
    const p = paceAt([], 15, 30);
    expect(p.method).toBe('linear');
    expect(p.share).toBe(0.5);
    expect(project(150n, p)).toBe(300n);
  });
  it('spending that follows the usual pattern projects the usual total', () => {
    const rentFirst = [600n, ...Array.from({ length: 29 }, () => 10n)];
    const p = paceAt([rentFirst, rentFirst], 1, 30);
    expect(p.method).toBe('pattern');
    expect(p.usualTotal).toBe(890n);
    expect(project(600n, p)).toBe(890n);
    expect(project(150n, paceAt([steady], 15, 30))).toBe(300n);
  });
  it('spending faster than usual projects more', () => {
    expect(project(40n, paceAt([steady], 2, 30))).toBeGreaterThan(300n);
  });
  it('periods with nothing spent teach nothing', () => {
    expect(paceAt([Array.from({ length: 30 }, () => 0n)], 3, 30).method).toBe('linear');
  });
});

describe('validateBudget', () => {
  it('sorts and dedupes thresholds, defaults them', () => {
    const base = { id: 'b', name: 'x', categoryId: null, period: 'monthly' as const, amount: 100, rollover: 'none' as const };
    expect(validateBudget({ ...base, thresholds: [100, 50, 50] }).thresholds).toEqual([50, 100]);
    expect(validateBudget(base).thresholds).toEqual([50, 80, 100]);
    expect(() => validateBudget({ ...base, amount: 0 })).toThrow(/amount/);
    expect(() => validateBudget({ ...base, startDate: '2024-02-30' })).toThrow(/startDate/);
  });
});
