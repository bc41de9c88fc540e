import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, newUser, type Answer, type TestUser } from '../support/api';

/**
 * GET /dashboard over HTTP: one request answers what the separate routes of a home screen answer, for the caller only.
 * A ledger is built through the API (two accounts, a budget, a goal, income and spending over this month and the last);
 * another user's data must never appear in it.
 */
const now = new Date();
const month = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);

async function ok(res: Promise<Answer>): Promise<Answer> {
  const r = await res;
  expect(r.status, r.text).toBeLessThan(300);
  return r;
}

async function ledger(u: TestUser, accountName: string, spend: number): Promise<{ accountId: string }> {
  const t = u.accessToken;
  const acc = await ok(call('POST', '/accounts', { token: t, body: { name: accountName, type: 'checking', currency: 'EUR', openingBalance: 500_000 } }));
  await ok(call('POST', '/accounts', { token: t, body: { name: `${accountName} savings`, type: 'savings', currency: 'EUR', openingBalance: 100_000 } }));
  const accountId = acc.body.id as string;
  await ok(call('POST', '/budgets', { token: t, body: { name: `${accountName} food`, categoryId: 'food', period: 'monthly', amount: 50_000 } }));
  await ok(call('POST', '/goals', { token: t, body: { name: `${accountName} bike`, targetAmount: 300_000, currency: 'EUR', accountId } }));
  for (const offset of [-1, 0]) {
    await ok(call('POST', '/transactions', { token: t, body: { type: 'income', amount: 250_000, currency: 'EUR', date: `${month(offset)}-01`, description: 'Salary', categoryId: 'income.salary', accountId } }));
    await ok(call('POST', '/transactions', { token: t, body: { type: 'expense', amount: spend, currency: 'EUR', date: `${month(offset)}-01`, description: `${accountName} Grocer`, categoryId: 'food.groceries', accountId } }));
  }
  await eventually(async () => {
    const s = await call('GET', `/analytics/summary?month=${month(0)}`, { token: t });
    return s.body.expenses === spend && s.body.income === 250_000 ? s : undefined;
  }, 30_000, 'this month counted by analytics');
  return { accountId };
}

/** Each section as its own route answers it. */
async function separately(u: TestUser, m: string) {
  const get = async (path: string) => (await ok(call('GET', path, { token: u.accessToken }))).body;
  const [me, accounts, budgets, goals, alerts, advice, forecast, summary, trends, health] = await Promise.all([
    get('/me'),
    get('/accounts'),
    get('/budgets/status'),
    get('/goals'),
    get('/alerts?unread=true&limit=100'),
    get('/advice?status=open'),
    get('/forecast?months=3'),
    get(`/analytics/summary?month=${m}`),
    get(`/analytics/trends?from=${month(-11)}&to=${m}`),
    get(`/reports/health?month=${m}`),
  ]);
  return { month: m, me, accounts, budgets, goals, alerts, advice, forecast, summary, trends, health, problems: [] };
}

describe('GET /dashboard', () => {
  let alice: TestUser;
  let bob: TestUser;
  let bobAccount: string;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([newUser('Alice Dashboard'), newUser('Bob Dashboard')]);
    await ledger(alice, 'Alicebank', 60_000);
    bobAccount = (await ledger(bob, 'Bobsecret', 70_000)).accountId;
  }, 120_000);

  it('answers the same figures as each separate route, in one request', async () => {
    // The pipeline (alerts, advice, recurring) settles behind the writes: compare until both views agree.
    const both = async () => ({ one: (await ok(call('GET', '/dashboard', { token: alice.accessToken }))).body, each: await separately(alice, month(0)) });
    const agreed = await eventually(async () => {
      const pair = await both();
      return isDeepStrictEqual(pair.one, pair.each) ? pair : undefined;
    }, 30_000, 'the dashboard and the routes to agree').catch(() => undefined);
    const { one, each } = agreed ?? (await both());
    expect(one).toEqual(each);
    // Figures that would be missing from an empty or stubbed answer.
    expect(one.month).toBe(month(0));
    expect(one.me.userId).toBe(alice.userId);
    expect(one.summary).toMatchObject({ income: 250_000, expenses: 60_000, baseCurrency: 'EUR' });
    expect(one.accounts.items.map((a: { name: string }) => a.name)).toEqual(['Alicebank', 'Alicebank savings']);
    expect(one.budgets.items).toHaveLength(1);
    expect(one.goals.items).toHaveLength(1);
    expect(one.trends.series).toHaveLength(12);
    expect(one.health.month).toBe(month(0));
  });

  it('takes a past month for the summary, trend and health sections', async () => {
    const res = await call('GET', `/dashboard?month=${month(-1)}`, { token: alice.accessToken });
    expect(res.status, res.text).toBe(200);
    expect(res.body.month).toBe(month(-1));
    expect(res.body.summary).toMatchObject({ month: month(-1), income: 250_000, expenses: 60_000 });
    expect(res.body.trends.series.at(-1).month).toBe(month(-1));
    expect(res.body.health.month).toBe(month(-1));
    expect(res.body.problems).toEqual([]);
  });

  it("never shows another user's data", async () => {
    const a = await call('GET', '/dashboard', { token: alice.accessToken });
    const b = await call('GET', '/dashboard', { token: bob.accessToken });
    expect(a.status, a.text).toBe(200);
    expect(b.status, b.text).toBe(200);
    for (const secret of [bob.userId, bob.email, bobAccount, 'Bobsecret']) expect(a.text).not.toContain(secret);
    for (const secret of [alice.userId, alice.email, 'Alicebank']) expect(b.text).not.toContain(secret);
    expect(b.body.me.userId).toBe(bob.userId);
    expect(b.body.summary.expenses).toBe(70_000);
    // Nothing in the request chooses the user: a query naming Bob is refused, the token decides.
    const named = await call('GET', `/dashboard?userId=${bob.userId}`, { token: alice.accessToken });
    expect(named.status, named.text).toBe(400);
  });

  it.each([
    ['month=2026-13', 'query.month'],
    ['month=2026-00', 'query.month'],
    ['month=26-01', 'query.month'],
    [`month=${month(1)}`, 'query.month'],
    ['month=1900-06', 'query.month'],
    ['months=3', 'query'],
  ])('refuses %s with a 400 problem', async (query, path) => {
    const res = await call('GET', `/dashboard?${query}`, { token: alice.accessToken });
    expect(res.status, res.text).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, type: expect.stringContaining('validation') });
    expect((res.body.errors as { path: string }[]).some((e) => e.path.startsWith(path))).toBe(true);
  });

  it('refuses a request without a valid token with a 401 problem', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
      const res = await call('GET', '/dashboard', { headers });
      expect(res.status, res.text).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body.status).toBe(401);
    }
  });
});
