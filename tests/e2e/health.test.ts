import { describe, expect, it } from 'vitest';
import { call, eventually, newUser, type Answer, type TestUser } from '../support/api';

/**
 * The financial-health report over HTTP: a ledger built through the API (salary and spending over three months, a
 * food budget, a checking account), read back through the rollups by GET /reports/health; the last complete month's
 * spending blows up, so its score drops by more than 10 points and one `health.drop` alert appears.
 */
const now = new Date();
/** The month `offset` months from this one (UTC, the new user's time zone). */
const month = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);

function problem(res: Answer, status: number, path: string): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
}

async function tx(u: TestUser, body: Record<string, unknown>): Promise<void> {
  const res = await call('POST', '/transactions', { token: u.accessToken, body: { currency: 'EUR', ...body } });
  expect(res.status, res.text).toBe(201);
}

type Report = { month: string; score: number | null; components: { key: string; value: number; target: number; points: number; maxPoints: number; explanation: string }[]; change: { previousScore: number; delta: number } | null; adviceIds: string[]; method: string };

describe('GET /reports/health', () => {
  it('scores a month from its components, shows the drop from the month before and raises one health.drop alert', async () => {
    const u = await newUser('Health');
    const acc = await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Giro', type: 'checking', currency: 'EUR', openingBalance: 2_000_000 } });
    expect(acc.status, acc.text).toBe(201);
    const accountId = acc.body.id as string;
    const budget = await call('POST', '/budgets', { token: u.accessToken, body: { name: 'Food', categoryId: 'food', period: 'monthly', amount: 150_000, startDate: `${month(-4)}-01` } });
    expect(budget.status, budget.text).toBe(201);
    // Three months of salary; spending of 1,000 EUR, 1,000 EUR, then 9,000 EUR (each at a merchant of its own, so no recurring payment).
    const spend: [number, string, number][] = [[-3, 'Alpha Grocer', 100_000], [-2, 'Bravo Grocer', 100_000], [-1, 'Charlie Grocer', 900_000]];
    for (const [offset, description, amount] of spend) {
      await tx(u, { type: 'income', amount: 300_000, date: `${month(offset)}-03`, description: 'Salary', categoryId: 'income.salary', accountId });
      await tx(u, { type: 'expense', amount, date: `${month(offset)}-10`, description, categoryId: 'food.groceries', accountId });
    }
    await eventually(async () => {
      const s = await call('GET', `/analytics/summary?month=${month(-1)}`, { token: u.accessToken });
      return s.body.expenses === 900_000 ? s : undefined;
    }, 30_000, 'the last month counted by analytics');

    const res = await call('GET', `/reports/health?month=${month(-1)}`, { token: u.accessToken });
    expect(res.status, res.text).toBe(200);
    const r = res.body as Report;
    const byKey = Object.fromEntries(r.components.map((c) => [c.key, c]));
    // savings over the 3 months: (900,000 − 1,100,000) / 900,000 < 0 → 0 of 25
    expect(byKey.savings_rate).toMatchObject({ points: 0, maxPoints: 25, target: 0.2 });
    expect(byKey.savings_rate?.value).toBeCloseTo(-200_000 / 900_000, 4);
    // 1,800,000 now (no later flows) ÷ the median of 100,000, 100,000, 900,000 = 18 months → 20 of 20
    expect(byKey.emergency_fund).toMatchObject({ value: 18, points: 20, maxPoints: 20 });
    // the food budget of 150,000 is over in that month → 0 of 1
    expect(byKey.budget_adherence).toMatchObject({ value: 0, points: 0, maxPoints: 15 });
    // expenses 100,000, 100,000, 900,000: coefficient of variation ≈ 1.03 → 0 of 10
    expect(byKey.spending_stability).toMatchObject({ points: 0, maxPoints: 10 });
    expect(byKey.recurring_burden).toBeUndefined();
    expect(byKey.goal_progress).toBeUndefined();
    expect(byKey.savings_rate?.explanation).toContain('Left out for lack of data: recurring_burden, goal_progress');
    // 20 of 70 points → 29; the month before: savings 25, emergency 20, budget 15 of 60 (stability has 2 months only) → 100
    expect(r.score).toBe(29);
    expect(r.change).toEqual({ previousScore: 100, delta: -71 });
    expect(r.month).toBe(month(-1));
    expect(r.method).toContain('piecewise-linear');

    const again = await call('GET', `/reports/health?month=${month(-1)}`, { token: u.accessToken });
    expect(again.body.score).toBe(29);
    const alerts = (await call('GET', '/alerts', { token: u.accessToken })).body.items as { kind: string; evidence: Record<string, unknown> }[];
    const drops = alerts.filter((a) => a.kind === 'health.drop');
    expect(drops).toHaveLength(1);
    expect(drops[0]?.evidence).toMatchObject({ month: month(-1), score: 29, previousScore: 100, delta: -71 });

    // The month before has no drop; the current month is the default.
    const before = await call('GET', `/reports/health?month=${month(-2)}`, { token: u.accessToken });
    expect(before.body).toMatchObject({ score: 100 });
    const current = await call('GET', '/reports/health', { token: u.accessToken });
    expect(current.status, current.text).toBe(200);
    expect(current.body.month).toBe(month(0));
  });

  it('refuses a month in the future, before the calendar or malformed, with a problem document', async () => {
    const u = await newUser('Health 400');
    problem(await call('GET', `/reports/health?month=${month(1)}`, { token: u.accessToken }), 400, 'query.month');
    problem(await call('GET', '/reports/health?month=1899-12', { token: u.accessToken }), 400, 'query.month');
    problem(await call('GET', '/reports/health?month=2024-13', { token: u.accessToken }), 400, 'query.month');
    const empty = await call('GET', '/reports/health?month=1900-01', { token: u.accessToken });
    expect(empty.status, empty.text).toBe(200);
    expect(empty.body).toMatchObject({ score: null, components: [], change: null, adviceIds: [] });
  });
});
