import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, newUser, type TestUser } from '../support/api';

/**
 * Advice over HTTP, end to end: transactions go through the API, the stream, the analytics consumer (rollups) and
 * the debounced advice consumer; the test reads GET /advice. History: the four months before this one, dates
 * relative to today.
 */
type Advice = {
  id: string;
  kind: string;
  title: string;
  message: string;
  impact: { monthly: number; currency: string };
  evidence: { window: { from: string; to: string }; baseline: number; observed: number; threshold: number; transactionIds: string[]; method: string; modelVersion: string; details?: Record<string, unknown> };
  action?: { budgets: { categoryId: string; amount: number }[] };
  status: string;
  useful: boolean | null;
  appliedBudgetIds?: string[];
  createdAt: string;
};

const today = new Date();
const day = (monthOffset: number, d: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + monthOffset, d)).toISOString().slice(0, 10);
const month = (offset: number) => day(offset, 1).slice(0, 7);
/** A day of this month on or before today. */
const thisMonthDay = () => today.toISOString().slice(0, 10);

async function setUp(name: string): Promise<{ u: TestUser; account: string }> {
  const u = await newUser(name);
  expect((await call('PATCH', '/me', { token: u.accessToken, body: { baseCurrency: 'EUR' } })).status).toBe(200);
  const acc = await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Giro', type: 'checking', currency: 'EUR', openingBalance: 0 } });
  expect(acc.status).toBe(201);
  const account = acc.body.id as string;
  // Four months: salary 3,000.00, groceries 300.00, fuel 100.00.
  for (const back of [-4, -3, -2, -1]) {
    await tx(u, account, { type: 'income', amount: 300000, date: day(back, 1), description: 'Salary', categoryId: 'income.salary' });
    await tx(u, account, { type: 'expense', amount: 30000, date: day(back, 5), description: 'Market', categoryId: 'food.groceries' });
    await tx(u, account, { type: 'expense', amount: 10000, date: day(back, 8), description: 'Fuel', categoryId: 'transport.fuel' });
  }
  return { u, account };
}

async function tx(u: TestUser, account: string, body: Record<string, unknown>): Promise<string> {
  const res = await call('POST', '/transactions', { token: u.accessToken, body: { currency: 'EUR', accountId: account, ...body } });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

async function advice(u: TestUser, status = 'open'): Promise<Advice[]> {
  const res = await call('GET', `/advice?status=${status}`, { token: u.accessToken });
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}

const until = (u: TestUser, pick: (a: Advice[]) => Advice | undefined, what: string) =>
  eventually(async () => pick(await advice(u)), 25_000, what);

const above = (category: string) => (a: Advice[]) => a.find((x) => x.kind === 'category.above_baseline' && x.evidence.details?.categoryId === category);

describe('advice', () => {
  let u: TestUser;
  let account: string;
  beforeAll(async () => {
    ({ u, account } = await setUp('Advice'));
  });

  it('suggests budgets from the medians, with evidence', async () => {
    const s = await until(u, (a) => a.find((x) => x.kind === 'budgets.suggested'), 'suggested budgets');
    expect(s.action?.budgets).toEqual([
      { categoryId: 'food.groceries', amount: 30000 },
      { categoryId: 'transport.fuel', amount: 10000 },
    ]);
    expect(s.impact).toEqual({ monthly: 0, currency: 'EUR' });
    expect(s.evidence).toMatchObject({ window: { from: month(-4), to: month(-1) }, baseline: 40000, threshold: 40000, modelVersion: 'advice-rules-1' });
    expect(s.status).toBe('open');
  });

  it('a category above its baseline: advice, impact and evidence; a later write updates it in place', async () => {
    const big = await tx(u, account, { type: 'expense', amount: 50000, date: thisMonthDay(), description: 'Big shop', categoryId: 'food.groceries' });
    const a = await until(u, above('food.groceries'), 'groceries above baseline');
    expect(a.impact).toEqual({ monthly: 20000, currency: 'EUR' });
    expect(a.evidence.transactionIds).toEqual([big]);
    expect(a.evidence).toMatchObject({ baseline: 30000, observed: 50000, threshold: 39000, window: { from: month(-4), to: month(0) } });
    await tx(u, account, { type: 'expense', amount: 10000, date: thisMonthDay(), description: 'Another shop', categoryId: 'food.groceries' });
    const b = await until(u, (list) => { const x = above('food.groceries')(list); return x?.evidence.observed === 60000 ? x : undefined; }, 'the advice updated');
    expect(b.id).toBe(a.id);
    expect(b.impact.monthly).toBe(30000);
  });

  it('feedback records usefulness; dismissing keeps it away for the same evidence', async () => {
    const a = await until(u, above('food.groceries'), 'groceries above baseline');
    const useful = await call('POST', `/advice/${a.id}/feedback`, { token: u.accessToken, body: { useful: true } });
    expect(useful.status, useful.text).toBe(200);
    expect(useful.body).toMatchObject({ id: a.id, useful: true, status: 'open' });
    const dismissed = await call('POST', `/advice/${a.id}/feedback`, { token: u.accessToken, body: { useful: false, dismiss: true } });
    expect(dismissed.body).toMatchObject({ id: a.id, useful: false, status: 'dismissed' });
    expect(above('food.groceries')(await advice(u))).toBeUndefined();
    // More groceries, then a fuel spike written after them: once the fuel advice is listed, the recompute has seen both.
    await tx(u, account, { type: 'expense', amount: 20000, date: thisMonthDay(), description: 'Third shop', categoryId: 'food.groceries' });
    await tx(u, account, { type: 'expense', amount: 40000, date: thisMonthDay(), description: 'Road trip', categoryId: 'transport.fuel' });
    await until(u, above('transport.fuel'), 'fuel above baseline');
    expect(above('food.groceries')(await advice(u))).toBeUndefined();
    expect((await advice(u, 'dismissed')).map((x) => x.id)).toEqual([a.id]);
  });

  it('apply creates the suggested budgets in one call, once', async () => {
    const s = await until(u, (a) => a.find((x) => x.kind === 'budgets.suggested'), 'suggested budgets');
    const applied = await call('POST', `/advice/${s.id}/apply`, { token: u.accessToken });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.status).toBe('applied');
    expect(applied.body.appliedBudgetIds).toHaveLength(2);
    const budgets = (await call('GET', '/budgets', { token: u.accessToken })).body.items as { id: string; categoryId: string; amount: number; period: string }[];
    expect(budgets.map((b) => [b.categoryId, b.amount, b.period]).sort()).toEqual([
      ['food.groceries', 30000, 'monthly'],
      ['transport.fuel', 10000, 'monthly'],
    ]);
    const again = await call('POST', `/advice/${s.id}/apply`, { token: u.accessToken });
    expect(again.status).toBe(200);
    expect(again.body.appliedBudgetIds).toEqual(applied.body.appliedBudgetIds);
    expect((await call('GET', '/budgets', { token: u.accessToken })).body.items).toHaveLength(2);
  });

  it('apply of another kind answers 409; an unknown id 404; a bad body 400 — all problem documents', async () => {
    const a = await until(u, above('transport.fuel'), 'fuel above baseline');
    const conflict = await call('POST', `/advice/${a.id}/apply`, { token: u.accessToken });
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get('content-type')).toBe('application/problem+json');
    const missing = await call('POST', '/advice/0000000000000000000000/feedback', { token: u.accessToken, body: { useful: true } });
    expect(missing.status).toBe(404);
    const bad = await call('POST', `/advice/${a.id}/feedback`, { token: u.accessToken, body: { useful: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('advice follows the plan, not only the ledger', () => {
  it('creating an off-track goal brings its goal.funding advice without any transaction write', async () => {
    const u = await newUser('Advice goal');
    expect((await call('PATCH', '/me', { token: u.accessToken, body: { baseCurrency: 'EUR' } })).status).toBe(200);
    const acc = await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Savings', type: 'checking', currency: 'EUR', openingBalance: 0 } });
    expect(acc.status, acc.text).toBe(201);
    const account = acc.body.id as string;
    // Four months in which 2,000.00 stayed in the account (salary 3,000.00 in, dining 1,000.00 out).
    for (const back of [-4, -3, -2, -1]) {
      await tx(u, account, { type: 'income', amount: 300000, date: day(back, 10), description: 'Salary', categoryId: 'income.salary' });
      await tx(u, account, { type: 'expense', amount: 100000, date: day(back, 10), description: 'Restaurant', categoryId: 'food.restaurants' });
    }
    // The ledger's last recompute has run (its suggested budget counts all four months), then a margin for any
    // recompute still queued: from here on only the goal write can bring new advice.
    await until(u, (a) => a.find((x) => x.kind === 'budgets.suggested' && x.evidence.window.from === month(-4) && x.evidence.window.to === month(-1)), 'the ledger advice settled');
    await new Promise((r) => setTimeout(r, 3000));
    expect((await advice(u)).find((x) => x.kind === 'goal.funding')).toBeUndefined();

    // 26,000.00 by the end of the sixth month from now: 18,000.00 more over 6 months, 1,000.00 a month above the pace.
    const target = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 6, 0)).toISOString().slice(0, 10);
    const goal = await call('POST', '/goals', { token: u.accessToken, body: { name: 'Car', targetAmount: 2_600_000, accountId: account, targetDate: target } });
    expect(goal.status, goal.text).toBe(201);
    expect(goal.body.status).toBe('off_track');

    const funding = await until(u, (a) => a.find((x) => x.kind === 'goal.funding'), 'goal funding advice');
    expect(funding.impact).toEqual({ monthly: 100000, currency: 'EUR' });
    expect(funding.evidence).toMatchObject({ observed: 100000, threshold: 100000, details: { goalId: goal.body.id, status: 'off_track', closesGap: true } });
  });
});
