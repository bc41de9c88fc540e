import { describe, expect, it } from 'vitest';
import {
  aboveBaseline,
  adviceFor,
  adviceId,
  ADVICE_MODEL_VERSION,
  emergencyFund,
  fxEffect,
  goalFunding,
  monthlyEquivalent,
  priceRises,
  savingsRate,
  subscriptionsTotal,
  suggestedBudgets,
  unusedSubscriptions,
  type AdviceDraft,
  type AdviceInput,
  type MonthFields,
  type RecurringView,
} from '../../../../shared/domain/advice';

const TODAY = '2026-07-20';
/** The one advice a rule gave. */
function only(list: AdviceDraft[]): AdviceDraft {
  expect(list).toHaveLength(1);
  return list[0] as AdviceDraft;
}
const month = (m: string, fields: Record<string, number>): MonthFields => ({ month: m, fields });
const base = (over: Partial<AdviceInput> = {}): AdviceInput => ({
  today: TODAY,
  currency: 'EUR',
  months: [],
  declaredIncome: null,
  budgetedCategories: [],
  recurring: [],
  goals: [],
  liquidBalance: null,
  fx: [],
  ...over,
});
/** Six complete months (Jan–Jun) of the same pattern, then July so far. */
const history = (fields: (i: number) => Record<string, number>, current: Record<string, number> = {}) => [
  ...['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].map((m, i) => month(m, fields(i))),
  month('2026-07', current),
];
const sub = (over: Partial<RecurringView> = {}): RecurringView => ({
  id: 'rec-1',
  merchant: 'streamflix',
  type: 'expense',
  categoryId: 'entertainment.streaming',
  period: 'monthly',
  averageAmount: 1299,
  lastAmount: 1299,
  currency: 'EUR',
  lastDate: '2026-07-03',
  transactionIds: ['t1', 't2', 't3', 't4'],
  status: 'detected',
  ...over,
});

describe('category.above_baseline', () => {
  // Groceries: 300, 310, 290, 305, 900 (one odd month), 295 → median 300.00; July so far 450.00.
  const spend = [30000, 31000, 29000, 30500, 90000, 29500];
  it('advises when this month runs above the median of the previous months, with impact = observed − baseline', () => {
    const a = only(aboveBaseline(base({ months: history((i) => ({ exp: (spend[i] ?? 0), 'ce:food.groceries': (spend[i] ?? 0) }), { exp: 45000, 'ce:food.groceries': 45000 }) })));
    expect(a.kind).toBe('category.above_baseline');
    expect(a.subject).toBe('food.groceries');
    expect(a.impact).toEqual({ monthly: 15000, currency: 'EUR' });
    expect(a.evidence).toMatchObject({ window: { from: '2026-01', to: '2026-07' }, baseline: 30000, observed: 45000, threshold: 39000, modelVersion: ADVICE_MODEL_VERSION });
    expect(a.id).toBe(adviceId('category.above_baseline', 'food.groceries', '2026-07'));
  });
  it('gives none at the threshold (the median ignores the one odd month)', () => {
    expect(aboveBaseline(base({ months: history((i) => ({ 'ce:food.groceries': (spend[i] ?? 0) }), { 'ce:food.groceries': 39000 }) }))).toEqual([]);
    expect(aboveBaseline(base({ months: history((i) => ({ 'ce:food.groceries': (spend[i] ?? 0) }), { 'ce:food.groceries': 39001 }) }))).toHaveLength(1);
  });
  it('needs three months of history', () => {
    const months = [month('2026-05', { 'ce:x': 100 }), month('2026-06', { 'ce:x': 100 }), month('2026-07', { 'ce:x': 90000 })];
    expect(aboveBaseline(base({ months }))).toEqual([]);
  });
  it('keeps the same id for the month while the amount changes (a dismissal holds), another id next month', () => {
    const a = aboveBaseline(base({ months: history(() => ({ 'ce:x': 10000 }), { 'ce:x': 20000 }) })).at(0) as AdviceDraft;
    const b = aboveBaseline(base({ months: history(() => ({ 'ce:x': 10000 }), { 'ce:x': 25000 }) })).at(0) as AdviceDraft;
    expect(b.id).toBe(a.id);
    expect(b.evidence.observed).toBe(25000);
    const next = aboveBaseline(base({ today: '2026-08-02', months: [...history(() => ({ 'ce:x': 10000 }), { 'ce:x': 10000 }), month('2026-08', { 'ce:x': 30000 })] })).at(0) as AdviceDraft;
    expect(next.id).not.toBe(a.id);
  });
});

describe('subscriptions', () => {
  it('total: Σ monthly equivalents, with the subscriptions in the evidence', () => {
    const recurring = [sub(), sub({ id: 'rec-2', merchant: 'gym', averageAmount: 3000, period: 'monthly' }), sub({ id: 'rec-3', merchant: 'cloud', averageAmount: 12000, period: 'yearly' }), sub({ id: 'rec-4', merchant: 'ignored', status: 'ignored' })];
    const a = only(subscriptionsTotal(base({ recurring })));
    expect(a.impact).toEqual({ monthly: 1299 + 3000 + 1000, currency: 'EUR' });
    expect(a.evidence.observed).toBe(5299);
    expect(a.evidence.transactionIds).toContain('t4');
    expect((a.evidence.details as { subscriptions: { id: string }[] }).subscriptions.map((s) => s.id)).toEqual(['rec-1', 'rec-2', 'rec-3']);
  });
  it('total: none for a single subscription', () => {
    expect(subscriptionsTotal(base({ recurring: [sub()] }))).toEqual([]);
  });
  it('monthly equivalents', () => {
    expect(monthlyEquivalent(1200, 'weekly')).toBe(5200);
    expect(monthlyEquivalent(3000, 'quarterly')).toBe(1000);
    expect(monthlyEquivalent(1000, 'fortnightly')).toBe(2167);
  });
  it('price rise: the step a month, evidence from and to', () => {
    const a = only(priceRises(base({ recurring: [sub({ priceChange: { from: 1299, to: 1599, since: '2026-06-03' } }), sub({ id: 'rec-2' })] })));
    expect(a.impact.monthly).toBe(300);
    expect(a.evidence).toMatchObject({ baseline: 1299, observed: 1599, window: { from: '2026-06-03', to: '2026-07-03' } });
    expect(a.subject).toBe('rec-1');
  });
  it('price rise: none for a price drop', () => {
    expect(priceRises(base({ recurring: [sub({ priceChange: { from: 1599, to: 1299, since: '2026-06-03' } })] }))).toEqual([]);
  });
  it('unused: no other spending in its category in the last two complete months', () => {
    const months = history(() => ({ 'ce:entertainment.streaming': 1299, 'ce:food': 20000 }));
    const a = only(unusedSubscriptions(base({ months, recurring: [sub()] })));
    expect(a.kind).toBe('subscriptions.unused');
    expect(a.impact.monthly).toBe(1299);
    expect(a.evidence).toMatchObject({ window: { from: '2026-05', to: '2026-06' }, baseline: 1299, observed: 1299, threshold: 1299 });
  });
  it('unused: none when the category had other spending', () => {
    const months = history((i) => ({ 'ce:entertainment.streaming': i === 5 ? 1299 + 800 : 1299 }));
    expect(unusedSubscriptions(base({ months, recurring: [sub()] }))).toEqual([]);
  });
});

describe('savings.rate', () => {
  it('below 20 %: impact = the spending to cut to reach it', () => {
    const a = only(savingsRate(base({ months: history(() => ({ inc: 300000, exp: 270000 })) })));
    // saved 30 000 of 300 000 (10 %); target 60 000 → cut 30 000.
    expect(a.impact).toEqual({ monthly: 30000, currency: 'EUR' });
    expect(a.evidence).toMatchObject({ window: { from: '2026-06', to: '2026-06' }, baseline: 300000, observed: 30000, threshold: 60000 });
    expect(a.title).toContain('10 %');
  });
  it('at 20 %: none', () => {
    expect(savingsRate(base({ months: history(() => ({ inc: 300000, exp: 240000 })) }))).toEqual([]);
  });
  it('uses the declared income when the rollups have none', () => {
    const a = only(savingsRate(base({ declaredIncome: 200000, months: history(() => ({ exp: 190000 })) })));
    expect(a.impact.monthly).toBe(30000);
    expect(a.evidence.details).toMatchObject({ incomeSource: 'declared' });
  });
});

describe('budgets.suggested', () => {
  const months = history((i) => ({ 'ce:food': 30000 + i * 10, 'ce:transport': 8050, 'ce:fun': 4000, 'ce:_uncategorised': 99999 }));
  it('suggests the medians (rounded up) of the top categories without a budget', () => {
    const a = only(suggestedBudgets(base({ months, budgetedCategories: ['fun'] })));
    expect(a.action?.budgets).toEqual([
      { categoryId: 'food', amount: 30100 },
      { categoryId: 'transport', amount: 8100 },
    ]);
    // June: food 30 050 ≤ 30 100, transport 8 050 ≤ 8 100 → keeping to them saves nothing.
    expect(a.impact).toEqual({ monthly: 0, currency: 'EUR' });
    expect(a.evidence).toMatchObject({ baseline: 30020 + 8050, threshold: 38200, window: { from: '2026-01', to: '2026-06' } });
  });
  it('impact: what the budgets would have saved last month', () => {
    const spiky = history((i) => ({ 'ce:food': i === 5 ? 50000 : 30000 }));
    expect(only(suggestedBudgets(base({ months: spiky }))).impact.monthly).toBe(20000);
  });
  it('none when every category has a budget, or an all-spending budget exists', () => {
    expect(suggestedBudgets(base({ months, budgetedCategories: ['food', 'transport', 'fun'] }))).toEqual([]);
    expect(suggestedBudgets(base({ months, budgetedCategories: [null] }))).toEqual([]);
  });
});

describe('goal.funding', () => {
  const suggestion = { monthlyGap: 10000, totalCut: 10000, closesGap: true, shortfall: 0, months: ['2026-04', '2026-05', '2026-06'], cuts: [{ categoryId: 'shopping', median: 30000, cut: 7500, newMonthly: 22500 }, { categoryId: 'entertainment', median: 10000, cut: 2500, newMonthly: 7500 }] };
  it('an off-track goal: the cuts that fund it', () => {
    const a = only(goalFunding(base({ goals: [{ id: 'g1', name: 'Bike', status: 'off_track', currency: 'EUR', suggestion }, { id: 'g2', name: 'Ok', status: 'on_track', currency: 'EUR', suggestion }] })));
    expect(a.subject).toBe('g1');
    expect(a.impact).toEqual({ monthly: 10000, currency: 'EUR' });
    expect(a.evidence).toMatchObject({ observed: 10000, threshold: 10000, baseline: 40000, window: { from: '2026-04', to: '2026-06' } });
    expect(a.message).toContain('shopping from 300.00 EUR to 225.00 EUR');
  });
  it('none for a goal without a suggestion', () => {
    expect(goalFunding(base({ goals: [{ id: 'g1', name: 'Bike', status: 'off_track', currency: 'EUR', suggestion: null }] }))).toEqual([]);
  });
});

describe('emergency.fund', () => {
  const months = history(() => ({ exp: 200000 }));
  it('below 3 months of expenses: what to set aside a month to get there in a year', () => {
    const a = only(emergencyFund(base({ months, liquidBalance: 300000 })));
    // 1.5 months covered; target 600 000 → (600 000 − 300 000) / 12 = 25 000.
    expect(a.impact).toEqual({ monthly: 25000, currency: 'EUR' });
    expect(a.evidence).toMatchObject({ baseline: 200000, observed: 300000, threshold: 600000 });
    expect(a.title).toContain('1.5 months');
  });
  it('at 3 months: none', () => {
    expect(emergencyFund(base({ months, liquidBalance: 600000 }))).toEqual([]);
  });
  it('none without accounts', () => {
    expect(emergencyFund(base({ months, liquidBalance: null }))).toEqual([]);
  });
});

describe('fx.effect', () => {
  const months = history(() => ({ exp: 100000 }));
  it('splits a month-over-month change into rates and spending', () => {
    // USD spending 1 000.00 both months; the rate moved from 0.90 to 1.00 EUR per USD.
    const fx = [{ currency: 'USD', prevNative: -100000, curNative: -100000, prevBase: -90000, curAtPrevRate: -90000, curBase: -100000 }];
    const a = only(fxEffect(base({ months, fx })));
    expect(a.impact).toEqual({ monthly: 10000, currency: 'EUR' });
    expect(a.evidence).toMatchObject({ window: { from: '2026-05', to: '2026-06' }, baseline: -90000, observed: -100000 });
    expect(a.evidence.details).toMatchObject({ rateEffect: -10000, spendingEffect: 0 });
  });
  it('none when the change came from spending', () => {
    const fx = [{ currency: 'USD', prevNative: -100000, curNative: -200000, prevBase: -90000, curAtPrevRate: -180000, curBase: -180500 }];
    expect(fxEffect(base({ months, fx }))).toEqual([]);
  });
});

describe('adviceFor', () => {
  it('every rule at once, ids unique', () => {
    const all = adviceFor(base({ months: history(() => ({ inc: 100000, exp: 99000, 'ce:food': 99000 }), { 'ce:food': 150000 }), liquidBalance: 0, recurring: [sub(), sub({ id: 'r2' })] }));
    expect(new Set(all.map((a) => a.kind))).toEqual(new Set(['category.above_baseline', 'savings.rate', 'subscriptions.total', 'budgets.suggested', 'emergency.fund', 'subscriptions.unused']));
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    for (const a of all) expect(Number.isSafeInteger(a.impact.monthly)).toBe(true);
  });
});
