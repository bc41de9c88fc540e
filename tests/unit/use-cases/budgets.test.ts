import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../shared/domain/ledger/calendar';
import { budgetStatuses, createBudget, deleteBudget, updateBudget, type BudgetDeps } from '../../../shared/use-cases/budgets';
import * as budgetsMemory from '../../support/memory/budgets';
import { rollupDays } from '../../support/memory/rollup-days';

/**
 * Budget status over in-memory ports: synthetic months of daily spending (and the monthly rollups they sum to), a
 * budget, and its status day by day. A small fake stands in for the daily rollups.
 */
const U = 'u1';
const categories = [
  { id: 'housing', name: 'Housing', parentId: null, kind: 'expense' as const },
  { id: 'housing.rent', name: 'Rent', parentId: 'housing', kind: 'expense' as const },
  { id: 'food', name: 'Food', parentId: null, kind: 'expense' as const },
  { id: 'salary', name: 'Salary', parentId: null, kind: 'income' as const },
];
let days: Map<string, Record<string, number>>;

function spend(day: string, category: string, amount: number, field = 'ce'): void {
  const f = days.get(day) ?? {};
  f[`${field}:${category}`] = (f[`${field}:${category}`] ?? 0) + amount;
  days.set(day, f);
}

/** Every day of from..to spends `perDay` (and `first` on the 1st of each month). */
function month(from: string, to: string, category: string, perDay: number, first = 0): void {
  for (let d = from; d <= to; d = addDays(d, 1)) {
    spend(d, category, perDay + (d.endsWith('-01') ? first : 0));
  }
}

const deps: BudgetDeps = {
  budgets: budgetsMemory,
  listCategories: async () => categories,
  readCategories: async () => categories,
  getProfile: async () => ({ baseCurrency: 'EUR', timezone: 'UTC' }),
  ...rollupDays(() => days),
};

beforeEach(() => {
  days = new Map();
  budgetsMemory.memory.reset(U);
});

async function statusEachDay(budgetId: string, from: string, to: string) {
  const out = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const s = (await budgetStatuses(U, d, deps)).find((x) => x.budgetId === budgetId);
    if (!s) throw new Error('no status');
    out.push({ day: d, ...s });
  }
  return out;
}

describe('pace on synthetic months', () => {
  it('a steady spender under budget is on track every day of the month', async () => {
    month('2024-01-01', '2024-04-30', 'food', 3000);
    const b = await createBudget(U, { name: 'Food', categoryId: 'food', period: 'monthly', amount: 100_000, rollover: 'none' }, new Date('2024-04-01T00:00:00Z'), deps);
    const all = await statusEachDay(b.id, '2024-04-01', '2024-04-30');
    expect(all.map((s) => s.status)).toEqual(all.map(() => 'on_track'));
    expect(all[0]?.pace.method).toBe('pattern');
    expect(all.at(-1)?.spent).toBe(90_000);
  });

  it('a front-loaded but normal month (rent on the 1st, as before) is never at risk; linear pace would have cried wolf', async () => {
    month('2024-01-01', '2024-04-30', 'housing.rent', 0, 60_000);
    month('2024-01-01', '2024-04-30', 'food', 1000);
    const b = await createBudget(U, { name: 'All', categoryId: null, period: 'monthly', amount: 100_000, rollover: 'none' }, new Date('2024-04-01T00:00:00Z'), deps);
    const all = await statusEachDay(b.id, '2024-04-01', '2024-04-30');
    expect(all.map((s) => s.status)).toEqual(all.map(() => 'on_track'));
    expect(Number(all[1]?.expectedByNow)).toBeGreaterThan(60_000); // by the 2nd, the rent is expected
    // The same April without earlier months: the linear fallback projects the rent 30 times.
    for (const d of [...days.keys()]) if (d < '2024-04-01') days.delete(d);
    const [linear] = await budgetStatuses(U, '2024-04-02', deps);
    expect(linear?.pace.method).toBe('linear');
    expect(linear?.status).toBe('at_risk');
  });

  it('a genuine overspend is at risk well before spending reaches 100 %', async () => {
    month('2024-01-01', '2024-03-31', 'food', 3000);
    month('2024-04-01', '2024-04-30', 'food', 6000);
    const b = await createBudget(U, { name: 'Food', categoryId: 'food', period: 'monthly', amount: 100_000, rollover: 'none' }, new Date('2024-04-01T00:00:00Z'), deps);
    const all = await statusEachDay(b.id, '2024-04-01', '2024-04-30');
    const firstAtRisk = all.findIndex((s) => s.status === 'at_risk');
    const firstOver = all.findIndex((s) => Number(s.spent) >= 100_000);
    expect(firstAtRisk).toBeGreaterThanOrEqual(0);
    expect(firstOver).toBeGreaterThan(0);
    expect(firstAtRisk).toBeLessThan(firstOver);
    expect(firstAtRisk).toBeLessThanOrEqual(3);
    expect(all.at(-1)?.status).toBe('over');
    expect(Number(all[firstAtRisk]?.projectedOverspend)).toBeGreaterThan(0);
  });
});

describe('figures', () => {
  it('counts a parent with its children, minus refunds, and rolls over from the start date', async () => {
    spend('2024-01-10', 'housing.rent', 900);
    spend('2024-01-12', 'housing', 100);
    spend('2024-01-20', 'housing.rent', 50, 'ci'); // refund
    spend('2024-01-21', 'salary', 10_000, 'ci'); // income: not a refund
    spend('2024-02-05', 'housing', 1200);
    spend('2024-03-03', 'housing.rent', 400);
    const b = await createBudget(U, { name: 'Home', categoryId: 'housing', period: 'monthly', amount: 1000, rollover: 'full', startDate: '2024-01-01' }, new Date('2024-05-01T00:00:00Z'), deps);
    const [jan] = await budgetStatuses(U, '2024-01-31', deps);
    expect(jan).toMatchObject({ spent: 950, carriedOver: 0, available: 1000, remaining: 50, status: 'on_track' });
    const [feb] = await budgetStatuses(U, '2024-02-29', deps);
    expect(feb).toMatchObject({ spent: 1200, carriedOver: 50, available: 1050, status: 'over' });
    const [mar] = await budgetStatuses(U, '2024-03-03', deps);
    expect(mar).toMatchObject({ spent: 400, carriedOver: -150, available: 850, period: { from: '2024-03-01', to: '2024-03-31' } });
    await updateBudget(U, b.id, { rollover: 'positive' }, 1, new Date(), deps);
    const [marPositive] = await budgetStatuses(U, '2024-03-03', deps);
    expect(marPositive).toMatchObject({ carriedOver: 0, available: 1000 });
    expect(marPositive?.thresholds).toEqual([50, 80, 100]);
    await deleteBudget(U, b.id, 2, deps);
    expect(await budgetStatuses(U, '2024-03-03', deps)).toEqual([]);
  });

  it('weekly budgets run Monday to Sunday', async () => {
    spend('2024-01-07', 'food', 500); // Sunday: the week before
    spend('2024-01-08', 'food', 300); // Monday
    await createBudget(U, { name: 'Week', categoryId: 'food', period: 'weekly', amount: 1000, rollover: 'none' }, new Date('2024-01-01T00:00:00Z'), deps);
    const [s] = await budgetStatuses(U, '2024-01-10', deps);
    expect(s).toMatchObject({ period: { from: '2024-01-08', to: '2024-01-14' }, spent: 300 });
    expect(daysBetween('2024-01-08', '2024-01-14')).toBe(6);
  });

  it('weekly and yearly rollover chains replay their periods, bounded', async () => {
    spend('2024-01-02', 'food', 700); // week of Jan 1: 300 left
    spend('2024-01-10', 'food', 1500); // week of Jan 8: 1300 available → −200
    spend('2024-01-16', 'food', 100); // current week (Jan 15)
    await createBudget(U, { name: 'Week', categoryId: 'food', period: 'weekly', amount: 1000, rollover: 'full', startDate: '2024-01-03' }, new Date('2024-01-01T00:00:00Z'), deps);
    const [s] = await budgetStatuses(U, '2024-01-17', deps);
    expect(s).toMatchObject({ carriedOver: -200, available: 800, spent: 100, remaining: 700 });
    // Far later, only the last 13 weeks are replayed: each unspent week carries its 1,000 (not the ~70 weeks since the start).
    const [later] = await budgetStatuses(U, '2025-06-04', deps);
    expect(later).toMatchObject({ carriedOver: 13_000, available: 14_000 });
    budgetsMemory.memory.reset(U);
    spend('2022-03-01', 'food', 400_000);
    spend('2023-03-01', 'food', 100_000);
    await createBudget(U, { name: 'Year', categoryId: null, period: 'yearly', amount: 300_000, rollover: 'positive', startDate: '2022-06-01' }, new Date('2022-06-01T00:00:00Z'), deps);
    const [year] = await budgetStatuses(U, '2024-02-01', deps);
    // 2022: 300,000 − 400,000 → 0 carried; 2023: 300,000 − 100,000 → 200,000 carried.
    expect(year).toMatchObject({ carriedOver: 200_000, available: 500_000, period: { from: '2024-01-01', to: '2024-12-31' } });
  });

  it('a yearly budget sums past months from the monthly rollups and finds pending FX on any day of the year', async () => {
    spend('2024-02-01', 'food', 1000);
    days.set('2024-02-02', { ...days.get('2024-02-02'), pn: 1, 'pce:USD:food': 700, 'pcen:USD:food': 1 });
    spend('2024-09-10', 'food', 500);
    spend('2024-12-03', 'food', 200);
    days.set('2024-12-04', { pn: 1, 'pce:ARS:food': 9000, 'pcen:ARS:food': 1 });
    await createBudget(U, { name: 'Year', categoryId: 'food', period: 'yearly', amount: 10_000, rollover: 'none' }, new Date('2024-01-01T00:00:00Z'), deps);
    await createBudget(U, { name: 'Month', categoryId: 'food', period: 'monthly', amount: 1000, rollover: 'none' }, new Date('2024-01-01T00:00:00Z'), deps);
    const all = await budgetStatuses(U, '2024-12-20', deps);
    const year = all.find((s) => s.name === 'Year');
    const month = all.find((s) => s.name === 'Month');
    expect(year).toMatchObject({ spent: 1700, pendingFx: { count: 2, byCurrency: { ARS: 9000, USD: 700 } } });
    expect(month).toMatchObject({ spent: 200, pendingFx: { count: 1, byCurrency: { ARS: 9000 } } });
  });

  it('refuses an unknown or an income category', async () => {
    await expect(createBudget(U, { name: 'x', categoryId: 'nope', period: 'monthly', amount: 1, rollover: 'none' }, new Date(), deps)).rejects.toThrow(/unknown category/);
    await expect(createBudget(U, { name: 'x', categoryId: 'salary', period: 'monthly', amount: 1, rollover: 'none' }, new Date(), deps)).rejects.toThrow(/income category/);
  });
});

describe('status dates', () => {
  it('refuses a date that is not one, or so early that its history leaves the calendar', async () => {
    await createBudget(U, { name: 'Week', categoryId: 'food', period: 'weekly', amount: 1000, rollover: 'full', startDate: '1900-01-01' }, new Date('2024-01-01T00:00:00Z'), deps);
    await expect(budgetStatuses(U, '2024-02-30', deps)).rejects.toThrow(/not a date/);
    await expect(budgetStatuses(U, '1900-01-05', deps)).rejects.toThrow(/not a date/);
    expect(await budgetStatuses(U, '1906-01-01', deps)).toHaveLength(1);
    expect(await budgetStatuses(U, '2999-12-24', deps)).toHaveLength(1);
    await expect(budgetStatuses(U, '2999-12-31', deps)).rejects.toThrow(/not a date/);
  });
});
