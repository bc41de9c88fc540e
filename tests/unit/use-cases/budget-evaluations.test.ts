import { beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/ledger/calendar';
import { budgetEvaluations, budgetStatuses, createBudget, type BudgetDeps, type SpendingTouch } from '../../../shared/use-cases/budgets';
import * as budgetsMemory from '../../support/memory/budgets';
import { rollupDays } from '../../support/memory/rollup-days';

/**
 * `budgetEvaluations` (what the alerts consumer reads for a batch) against `budgetStatuses` (one read per day) over
 * in-memory rollups: the same statuses, for only the budgets a touch can move, from fewer reads.
 */
const U = 'u1';
const categories = [
  { id: 'housing', name: 'Housing', parentId: null, kind: 'expense' as const },
  { id: 'housing.rent', name: 'Rent', parentId: 'housing', kind: 'expense' as const },
  { id: 'food', name: 'Food', parentId: null, kind: 'expense' as const },
  { id: 'food.groceries', name: 'Groceries', parentId: 'food', kind: 'expense' as const },
  { id: 'transport', name: 'Transport', parentId: null, kind: 'expense' as const },
  { id: 'salary', name: 'Salary', parentId: null, kind: 'income' as const },
];
let days: Map<string, Record<string, number>>;
const reads = { daily: 0, monthly: 0, pending: 0 };

let seed = 11;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);

const deps: BudgetDeps = {
  budgets: budgetsMemory,
  listCategories: async () => categories,
  readCategories: async () => categories,
  getProfile: async () => ({ baseCurrency: 'EUR', timezone: 'UTC' }),
  ...rollupDays(() => days, reads),
};

/** Two years of random spending in every category, refunds now and then, and some pending-FX days. */
function ledger(): void {
  for (let d = '2023-01-01'; d <= '2024-12-31'; d = addDays(d, 1)) {
    const f: Record<string, number> = {};
    for (const c of ['housing.rent', 'food', 'food.groceries', 'transport', '_uncategorised']) if (rand() < 0.4) f[`ce:${c}`] = 100 + Math.floor(rand() * 5000);
    if (rand() < 0.05) f['ci:food.groceries'] = 300;
    if (rand() < 0.03) Object.assign(f, { pn: 1, 'pce:USD:food': 1200, 'pcen:USD:food': 1, 'pce:GBP:housing.rent': 700, 'pcen:GBP:housing.rent': 1 });
    days.set(d, f);
  }
}

beforeEach(async () => {
  days = new Map();
  Object.assign(reads, { daily: 0, monthly: 0, pending: 0 });
  budgetsMemory.memory.reset(U);
  ledger();
  const at = new Date('2023-01-01T00:00:00Z');
  await createBudget(U, { name: 'Everything', categoryId: null, period: 'monthly', amount: 150_000, rollover: 'full' }, at, deps);
  await createBudget(U, { name: 'Food', categoryId: 'food', period: 'weekly', amount: 20_000, rollover: 'positive', thresholds: [25, 50, 100] }, at, deps);
  await createBudget(U, { name: 'Housing', categoryId: 'housing', period: 'yearly', amount: 900_000, rollover: 'none' }, at, deps);
  await createBudget(U, { name: 'Transport', categoryId: 'transport', period: 'monthly', amount: 10_000, rollover: 'none', startDate: '2024-06-01' }, at, deps);
});

const names = async (touch: SpendingTouch) => {
  const budgets = (await budgetsMemory.listBudgets(U)).map((b) => [b.id, b.name] as const);
  const [row] = await budgetEvaluations(U, [touch], deps);
  return (row ?? []).map((e) => new Map(budgets).get(e.budgetId)).sort();
};

describe('budgetEvaluations', () => {
  it('keeps only the budgets a touch can move: its categories and their parents, and the budget of everything', async () => {
    expect(await names({ date: '2024-05-10', categoryIds: ['food.groceries'] })).toEqual(['Everything', 'Food']);
    expect(await names({ date: '2024-05-10', categoryIds: ['housing.rent', 'transport'] })).toEqual(['Everything', 'Housing', 'Transport']);
    expect(await names({ date: '2024-05-10', categoryIds: ['_uncategorised'] })).toEqual(['Everything']);
    // An income in an income category moves no category budget; the budget of everything is always evaluated.
    expect(await names({ date: '2024-05-10', categoryIds: ['salary'] })).toEqual(['Everything']);
  });

  it('gives the statuses budgetStatuses gives as of each touched day and its period’s last day (random touches)', async () => {
    const all = ['food', 'food.groceries', 'housing.rent', 'transport', '_uncategorised', 'salary'];
    for (let run = 0; run < 8; run++) {
      const touches = Array.from({ length: 1 + Math.floor(rand() * 6) }, (): SpendingTouch => ({
        date: addDays('2024-01-01', Math.floor(rand() * 366)),
        categoryIds: all.filter(() => rand() < 0.3),
      }));
      const rows = await budgetEvaluations(U, touches, deps);
      expect(rows).toHaveLength(touches.length);
      for (const [i, t] of touches.entries()) {
        for (const e of rows[i] ?? []) {
          const atDate = (await budgetStatuses(U, t.date, deps)).find((s) => s.budgetId === e.budgetId);
          expect(e.atDate).toEqual(atDate);
          const end = e.atDate.period.to;
          expect(e.atEnd.period).toEqual(e.atDate.period);
          expect(e.atEnd).toEqual((await budgetStatuses(U, end, deps)).find((s) => s.budgetId === e.budgetId));
        }
      }
    }
  });

  it('reads each range of rollups once for a batch of touches, where one read per day reads them again and again', async () => {
    const touches = ['2024-05-02', '2024-05-09', '2024-05-17', '2024-05-28'].map((date) => ({ date, categoryIds: ['food', 'housing.rent'] }));
    await budgetEvaluations(U, touches, deps);
    const batch = { ...reads };
    Object.assign(reads, { daily: 0, monthly: 0, pending: 0 });
    for (const t of touches) {
      await budgetStatuses(U, t.date, deps);
      for (const end of new Set((await budgetStatuses(U, t.date, deps)).map((s) => s.period.to))) await budgetStatuses(U, end, deps);
    }
    // The weeks and months of May with their history in one daily read; the yearly budget's status as of Dec 31 reads
    // December day by day (a second range), and the pending-FX days of the year the daily reads leave out (two gaps).
    expect(batch).toEqual({ daily: 2, monthly: 1, pending: 2 });
    expect(reads.daily).toBeGreaterThan(8);
  });

  it('reads nothing when the user has no budgets, and refuses a day outside the calendar of statuses', async () => {
    budgetsMemory.memory.reset(U);
    expect(await budgetEvaluations(U, [{ date: '2024-05-02', categoryIds: ['food'] }], deps)).toEqual([[]]);
    expect(reads).toEqual({ daily: 0, monthly: 0, pending: 0 });
    await expect(budgetEvaluations(U, [{ date: '2024-02-30', categoryIds: ['food'] }], deps)).rejects.toThrow(/not a date/);
  });
});
