import { beforeAll, describe, expect, it } from 'vitest';
import { httpFunctions } from '../../functions/manifest';
import { call, eventually, newUser, type TestUser } from '../support/api';

/**
 * Tenant isolation, route by route: every signed-in route whose path names a resource is called by a second user
 * with the first user's ids. Each must answer 404 (or 400), exactly like a missing id, and never show the data.
 * The loop runs over the manifest, so a new route with an id in its path cannot escape it: a path this test
 * does not know fails it until a fixture is added below.
 */
let owner: TestUser;
let intruder: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  owner = await newUser('Owner');
  intruder = await newUser('Intruder');
  const t = owner.accessToken;
  const account = await call('POST', '/accounts', { token: t, body: { name: 'Secret account', type: 'checking', currency: 'EUR', openingBalance: 123456 } });
  const category = await call('POST', '/categories', { token: t, body: { name: 'Secret category', kind: 'expense' } });
  const tx = await call('POST', '/transactions', { token: t, body: { type: 'expense', amount: 999, currency: 'EUR', date: '2024-01-02', description: 'Secret purchase', accountId: account.body.id } });
  const rule = await call('POST', '/rules', { token: t, body: { name: 'Secret rule', conditions: { descriptionContains: 'secret' }, actions: { tags: ['secret'] } } });
  const budget = await call('POST', '/budgets', { token: t, body: { name: 'Secret budget', categoryId: category.body.id, period: 'monthly', amount: 123456 } });
  const imp = await call('POST', '/imports', { token: t, body: { accountId: account.body.id, format: 'csv', content: 'Date,Amount,Description\n2024-01-03,-5.00,Secret import\n' } });
  Object.assign(ids, { accounts: account.body.id, categories: category.body.id, transactions: tx.body.id, rules: rule.body.id, imports: imp.body.importId, budgets: budget.body.id });
  const goal = await call('POST', '/goals', { token: t, body: { name: 'Secret goal', targetAmount: 123456, startAmount: 1000 } });
  Object.assign(ids, { goals: goal.body.id });
  for (const [k, v] of Object.entries(ids)) expect(v, k).toBeTruthy();
  await eventually(async () => ((await call('GET', `/imports/${ids.imports}`, { token: t })).body.status === 'completed' ? true : undefined), 20_000, 'import');
  // An alert: a goal already reached, raised by the alerts consumer at the owner's next ledger event.
  expect((await call('POST', '/goals', { token: t, body: { name: 'Secret reached goal', targetAmount: 1000, startAmount: 1000 } })).status).toBe(201);
  await call('POST', '/transactions', { token: t, body: { type: 'expense', amount: 5, currency: 'EUR', date: new Date().toISOString().slice(0, 10), description: 'Secret coffee', accountId: account.body.id } });
  ids.alerts = await eventually(async () => (await call('GET', '/alerts', { token: t })).body.items?.[0]?.id as string | undefined, 20_000, 'an alert of the owner');
  // A recurring payment: four monthly payments, detected by the recurring consumer.
  for (const month of ['01', '02', '03', '04']) {
    await call('POST', '/transactions', { token: t, body: { type: 'expense', amount: 1234, currency: 'EUR', date: `2024-${month}-07`, description: 'Secret Streaming', accountId: account.body.id } });
  }
  ids.recurring = await eventually(async () => (await call('GET', '/recurring', { token: t })).body.items?.[0]?.id as string | undefined, 20_000, 'a recurring payment of the owner');
  // An advice: three recent months of groceries give a suggested budget (the advice consumer, after the rollups).
  const now = new Date();
  for (const back of [1, 2, 3]) {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 10)).toISOString().slice(0, 10);
    await call('POST', '/transactions', { token: t, body: { type: 'expense', amount: 20000, currency: 'EUR', date, description: 'Secret groceries', categoryId: 'food.groceries', accountId: account.body.id } });
  }
  ids.advice = await eventually(async () => (await call('GET', '/advice', { token: t })).body.items?.find((a: { kind: string }) => a.kind === 'budgets.suggested')?.id as string | undefined, 20_000, 'an advice of the owner');
});

/** Fills a path template with the owner's ids. */
function fill(path: string): string | undefined {
  const resource = path.split('/')[1] ?? '';
  if (!path.includes('{')) return undefined;
  const id = ids[resource];
  if (!id) return undefined;
  return path.replace('{id}', id);
}

/** Bodies of routes whose method's default would be refused before the id is looked up. */
const pathBodies: Record<string, unknown> = { 'POST /goals/{id}/contributions': { amount: 5, date: '2024-01-05' }, 'PATCH /recurring/{id}': { status: 'ignored' }, 'POST /advice/{id}/feedback': { useful: false, dismiss: true } };

const bodies: Record<string, unknown> = {
  PATCH: { name: 'Hijacked' },
  PUT: {},
  POST: {},
};

describe('another user’s ids', () => {
  const routes = httpFunctions.flatMap((f) => f.routes.map((r) => ({ ...r, fn: f }))).filter((r) => r.path.includes('{') && r.fn.contract.auth === 'user');

  it('covers every signed-in route with an id in its path', () => {
    const unknown = routes.filter((r) => !fill(r.path)).map((r) => `${r.method} ${r.path}`);
    expect(unknown, 'routes this test has no fixture for').toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(12);
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s answers like a missing id', async (_name, r) => {
    const path = fill(r.path) as string;
    const body = pathBodies[`${r.method} ${r.path}`] ?? bodies[r.method];
    const res = await call(r.method, path, { token: intruder.accessToken, body, headers: { 'if-match': '1' } });
    expect([400, 404]).toContain(res.status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.text).not.toMatch(/Secret|123456/);
    // The same route with an id that does not exist answers the same status.
    const missing = await call(r.method, path.replace(/\/[^/]+(\/preview|\/contributions|\/read|\/feedback|\/apply)?$/, (_m, tail: string | undefined) => `/0000000000000000000000MISS${tail ?? ''}`), {
      token: intruder.accessToken,
      body,
      headers: { 'if-match': '1' },
    });
    expect(missing.status).toBe(res.status);
  });

  it('leaves the owner’s data untouched', async () => {
    const t = owner.accessToken;
    expect((await call('GET', `/accounts/${ids.accounts}`, { token: t })).body.name).toBe('Secret account');
    expect((await call('GET', `/transactions/${ids.transactions}`, { token: t })).body.description).toBe('Secret purchase');
    expect((await call('GET', '/rules', { token: t })).body.items).toHaveLength(1);
    expect((await call('GET', '/alerts?unread=true', { token: t })).body.items.map((a: { id: string }) => a.id)).toContain(ids.alerts);
    const goal = await call('GET', `/goals/${ids.goals}`, { token: t });
    expect(goal.body).toMatchObject({ name: 'Secret goal', targetAmount: 123456, saved: 1000, contributionCount: 0, version: 1 });
    const budget = await call('GET', `/budgets/${ids.budgets}`, { token: t });
    expect(budget.body).toMatchObject({ name: 'Secret budget', amount: 123456, version: 1 });
    const recurring = (await call('GET', '/recurring', { token: t })).body.items as { id: string; status: string }[];
    expect(recurring.find((r) => r.id === ids.recurring)?.status).toBe('detected');
    const advice = (await call('GET', '/advice', { token: t })).body.items as { id: string; status: string; useful: boolean | null }[];
    expect(advice.find((a) => a.id === ids.advice)).toMatchObject({ status: 'open', useful: null });
    expect((await call('GET', '/budgets', { token: t })).body.items).toHaveLength(1);
  });

  it('shows the intruder none of the owner’s rows in lists', async () => {
    const t = intruder.accessToken;
    for (const path of ['/accounts', '/transactions', '/rules', '/alerts', '/transactions/export', '/analytics/summary?month=2024-01', '/goals', '/budgets', '/budgets/status', '/recurring', '/advice?status=all']) {
      const res = await call('GET', path, { token: t });
      expect(res.status, path).toBe(200);
      expect(res.text, path).not.toMatch(/Secret/);
    }
  });
});
