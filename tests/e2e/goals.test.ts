import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, newUser, type Answer, type TestUser } from '../support/api';
import { newAccount, newGoal, type Goal } from '../support/ledger';

/**
 * Savings goals over HTTP against the local cloud: CRUD and its problems, contributions, progress that follows an
 * account's transactions (through the stream, the analytics consumer and the monthly rollups), feasibility and the
 * suggested cut, reaching the target, and the account a goal follows.
 */
let u: TestUser;

beforeAll(async () => {
  u = await newUser('Saver');
});

const month = (offset: number): string => {
  const d = new Date();
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
  return m.toISOString().slice(0, 7);
};
const endOf = (m: string): string => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

function problem(res: Answer, status: number, path?: string): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  if (path) expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
}

const get = (id: string, token = u.accessToken) => call<Goal>('GET', `/goals/${id}`, { token });

describe('goal CRUD', () => {
  it('creates, reads, lists, changes with If-Match and deletes a goal', async () => {
    const created = await call<Goal>('POST', '/goals', { token: u.accessToken, body: { name: 'New bike', targetAmount: 150_000, targetDate: endOf(month(6)) } });
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({ name: 'New bike', currency: 'EUR', accountId: null, startAmount: 0, saved: 0, remaining: 150_000, percent: 0, savedFrom: 'contributions', version: 1 });
    const id = created.body.id;
    expect((await get(id)).body).toMatchObject({ id, requiredMonthly: Math.ceil(150_000 / 7) });
    const listed = await call<{ items: Goal[] }>('GET', '/goals', { token: u.accessToken });
    expect(listed.body.items.map((g) => g.id)).toContain(id);
    const changed = await call<Goal>('PATCH', `/goals/${id}`, { token: u.accessToken, body: { name: 'E-bike', targetDate: null }, headers: { 'if-match': '"1"' } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ name: 'E-bike', targetDate: null, requiredMonthly: null, version: 2 });
    problem(await call('DELETE', `/goals/${id}`, { token: u.accessToken, headers: { 'if-match': '"1"' } }), 412);
    expect((await call('DELETE', `/goals/${id}`, { token: u.accessToken, headers: { 'if-match': '"2"' } })).status).toBe(204);
    problem(await get(id), 404);
  });

  it.each([
    ['a zero target', { name: 'x', targetAmount: 0 }, 'body.targetAmount'],
    ['a target past the ceiling', { name: 'x', targetAmount: 10_000_000_000_001 }, 'body.targetAmount'],
    ['a fractional target', { name: 'x', targetAmount: 10.5 }, 'body.targetAmount'],
    ['an empty name', { name: ' ', targetAmount: 1 }, 'body.name'],
    ['an unknown currency', { name: 'x', targetAmount: 1, currency: 'XYZ' }, 'body.currency'],
    ['a target date in the past', { name: 'x', targetAmount: 1, targetDate: '2020-01-01' }, 'body.targetDate'],
    ['a target date that is no date', { name: 'x', targetAmount: 1, targetDate: '2030-02-30' }, 'body.targetDate'],
    ['an unknown account', { name: 'x', targetAmount: 1, accountId: 'nope' }, 'body.accountId'],
    ['a negative start amount', { name: 'x', targetAmount: 1, startAmount: -1 }, 'body.startAmount'],
    ['an unknown field', { name: 'x', targetAmount: 1, owner: 'someone' }, undefined],
  ])('refuses %s with a 400 problem naming the field', async (_what, body, path) => {
    problem(await call('POST', '/goals', { token: u.accessToken, body }), 400, path);
  });

  it('refuses a change without If-Match (428)', async () => {
    const g = await newGoal(u, { name: 'Guarded', targetAmount: 100 });
    problem(await call('PATCH', `/goals/${g.id}`, { token: u.accessToken, body: { name: 'x' } }), 428);
  });
});

describe('a goal tracked by contributions', () => {
  it('adds contributions (negative ones too), keeps them in the goal and reports reached once saved covers the target', async () => {
    const g = await newGoal(u, { name: 'Holiday', targetAmount: 50_000, startAmount: 10_000 });
    const first = await call('POST', `/goals/${g.id}/contributions`, { token: u.accessToken, body: { amount: 15_000, date: today(), note: 'bonus' } });
    expect(first.status, first.text).toBe(201);
    expect(first.body.contribution).toMatchObject({ amount: 15_000, date: today(), note: 'bonus' });
    expect(first.body.goal).toMatchObject({ saved: 25_000, percent: 50, version: 2 });
    const back = await call('POST', `/goals/${g.id}/contributions`, { token: u.accessToken, body: { amount: -5_000, date: today() } });
    expect(back.body.goal).toMatchObject({ saved: 20_000, remaining: 30_000, percent: 40, status: expect.not.stringMatching('reached') });
    await call('POST', `/goals/${g.id}/contributions`, { token: u.accessToken, body: { amount: 30_000, date: today() } });
    const read = await get(g.id);
    expect(read.body).toMatchObject({ saved: 50_000, remaining: 0, percent: 100, status: 'reached', contributionCount: 3 });
    expect(read.body.recentContributions.map((c) => c.amount)).toEqual([30_000, -5_000, 15_000]);
  });

  it('takes a retried contribution once (Idempotency-Key), and refuses 0, a future date and another body under the same key', async () => {
    const g = await newGoal(u, { name: 'Retry', targetAmount: 10_000 });
    const headers = { 'idempotency-key': `c-${randomUUID()}` };
    const a = await call('POST', `/goals/${g.id}/contributions`, { token: u.accessToken, body: { amount: 700, date: today() }, headers });
    const b = await call('POST', `/goals/${g.id}/contributions`, { token: u.accessToken, body: { amount: 700, date: today() }, headers });
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    problem(await call('POST', `/goals/${g.id}/contributions`, { token: u.accessToken, body: { amount: 800, date: today() }, headers }), 422);
    expect((await get(g.id)).body).toMatchObject({ saved: 700, contributionCount: 1 });
    problem(await call('POST', `/goals/${g.id}/contributions`, { token: u.accessToken, body: { amount: 0, date: today() } }), 400, 'body.amount');
    problem(await call('POST', `/goals/${g.id}/contributions`, { token: u.accessToken, body: { amount: 1, date: '2999-01-01' } }), 400, 'body.date');
    problem(await call('POST', `/goals/${g.id}/contributions`, { token: u.accessToken, body: { amount: 10_000_000_000_001, date: today() } }), 400, 'body.amount');
  });
});

describe('the feasibility of a contribution goal', () => {
  it('reads the goal’s own months of contributions: exactly 1 when they suffice, exactly 0 one cent short', async () => {
    // Prepare: 100.00 contributed in each of the last six complete months
    const g = await newGoal(u, { name: 'Steady', targetAmount: 120_000, targetDate: endOf(month(5)) });
    for (const m of [-6, -5, -4, -3, -2, -1].map(month)) {
      expect((await call('POST', `/goals/${g.id}/contributions`, { token: u.accessToken, body: { amount: 10_000, date: `${m}-15` } })).status).toBe(201);
    }
    // Act: 600.00 left over the 6 months from this one to the target's
    const read = (await get(g.id)).body;
    // Assess
    expect(read).toMatchObject({ saved: 60_000, requiredMonthly: 10_000, averageMonthly: 10_000, status: 'on_track', suggestion: null });
    expect(read.feasibility).toMatchObject({ probability: 1, method: 'deterministic', basis: { source: 'contributions', count: 6, figures: Array(6).fill(10_000) } });
    const short = await call<Goal>('PATCH', `/goals/${g.id}`, { token: u.accessToken, body: { targetAmount: 120_001 }, headers: { 'if-match': `"${read.version}"` } });
    expect(short.body).toMatchObject({ status: 'off_track', feasibility: { probability: 0 }, requiredMonthly: 10_001 });
    expect(short.body.suggestion).toMatchObject({ monthlyGap: 1, closesGap: false, cuts: [] });
  });

  it('has no probability without a complete month of history, and says why', async () => {
    const g = await newGoal(u, { name: 'Fresh', targetAmount: 1_000, targetDate: endOf(month(3)) });
    expect(g.feasibility).toMatchObject({ probability: null, method: 'none', basis: { count: 0, reason: expect.stringContaining('no complete month') } });
    expect(g.status).toBe('at_risk');
  });
});

describe('a goal that follows an account', () => {
  let saver: TestUser;
  let accountId: string;
  const past = [-6, -5, -4, -3, -2, -1].map(month);

  beforeAll(async () => {
    // Prepare: six complete months in which 2,000.00 stayed in the account (salary 3,000.00 in, dining 1,000.00 out)
    saver = await newUser('Account saver');
    accountId = await newAccount(saver, 'EUR', 0, 'Savings');
    for (const m of past) {
      for (const body of [
        { type: 'income', amount: 300_000, description: 'Salary', categoryId: 'income.salary' },
        { type: 'expense', amount: 100_000, description: 'Restaurant', categoryId: 'food.restaurants' },
      ]) {
        const res = await call('POST', '/transactions', { token: saver.accessToken, body: { ...body, currency: 'EUR', date: `${m}-10`, accountId } });
        expect(res.status, res.text).toBe(201);
      }
    }
  });

  it('takes progress from the balance, the history from the account’s monthly flow, and suggests the dining cut that closes the gap', async () => {
    // Act: 27,000.00 by the end of the sixth month from now: 15,000.00 more over 6 months, 500.00 a month above the pace
    const created = await call<Goal>('POST', '/goals', { token: saver.accessToken, body: { name: 'Car', targetAmount: 2_700_000, accountId, targetDate: endOf(month(5)) } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ savedFrom: 'account', saved: 1_200_000, remaining: 1_500_000, requiredMonthly: 250_000 });
    // The rollups follow the transactions asynchronously (stream → analytics consumer).
    const g = await eventually(async () => {
      const res = await get(created.body.id, saver.accessToken);
      return res.body.feasibility.basis.count === 6 && res.body.averageMonthly === 200_000 ? res.body : undefined;
    }, 20_000, 'six months of rollups');
    // Assess: every month brought exactly 2,000.00, so 6 more bring 12,000.00 < 15,000.00: certainly short
    expect(g.feasibility).toMatchObject({ probability: 0, method: 'deterministic', basis: { source: 'account-flow', months: past, figures: Array(6).fill(200_000) } });
    expect(g.status).toBe('off_track');
    expect(g.suggestion).toMatchObject({ monthlyGap: 50_000, totalCut: 50_000, closesGap: true, cuts: [{ categoryId: 'food.restaurants', median: 100_000, cut: 50_000, newMonthly: 50_000 }] });
    // A target the pace reaches exactly: probability 1, on track, no cut needed.
    const reachable = await call<Goal>('PATCH', `/goals/${g.id}`, { token: saver.accessToken, body: { targetAmount: 2_400_000 }, headers: { 'if-match': '"1"' } });
    expect(reachable.body).toMatchObject({ status: 'on_track', feasibility: { probability: 1 }, suggestion: null });
  });

  it('follows a new transaction into the account, and reports reached once the balance covers the target', async () => {
    const g = await newGoal(saver, { name: 'Cushion', targetAmount: 1_300_000, accountId });
    expect(g.saved).toBe(1_200_000);
    const tx = await call('POST', '/transactions', { token: saver.accessToken, body: { type: 'income', amount: 100_000, currency: 'EUR', date: today(), description: 'Gift', accountId } });
    expect(tx.status, tx.text).toBe(201);
    expect((await get(g.id, saver.accessToken)).body).toMatchObject({ saved: 1_300_000, percent: 100, status: 'reached' });
    await call('DELETE', `/transactions/${tx.body.id}`, { token: saver.accessToken, headers: { 'if-match': '"1"' } });
    expect((await get(g.id, saver.accessToken)).body).toMatchObject({ saved: 1_200_000, status: expect.not.stringMatching('reached') });
  });

  it('refuses contributions (409 problem): money reaches it as transactions', async () => {
    const g = await newGoal(saver, { name: 'No contributions', targetAmount: 1, accountId });
    problem(await call('POST', `/goals/${g.id}/contributions`, { token: saver.accessToken, body: { amount: 5, date: today() } }), 409);
  });

  it('keeps the account from being deleted while a goal follows it (409 naming the goal); detached, the account goes', async () => {
    const empty = await newAccount(saver, 'EUR', 0, 'Empty');
    const g = await newGoal(saver, { name: 'Follows empty', targetAmount: 1_000, accountId: empty });
    const refused = await call('DELETE', `/accounts/${empty}`, { token: saver.accessToken, headers: { 'if-match': '"1"' } });
    problem(refused, 409);
    expect(refused.body.detail).toContain(g.id);
    expect(refused.body.goals).toEqual([{ id: g.id, name: 'Follows empty' }]);
    expect((await call('GET', `/accounts/${empty}`, { token: saver.accessToken })).status).toBe(200);
    const detached = await call<Goal>('PATCH', `/goals/${g.id}`, { token: saver.accessToken, body: { accountId: null }, headers: { 'if-match': '"1"' } });
    expect(detached.body).toMatchObject({ accountId: null, savedFrom: 'contributions', saved: 0 });
    expect((await call('DELETE', `/accounts/${empty}`, { token: saver.accessToken, headers: { 'if-match': '"1"' } })).status).toBe(204);
  });

  it('refuses another user’s account as an unknown one', async () => {
    const other = await newUser('Other');
    problem(await call('POST', '/goals', { token: other.accessToken, body: { name: 'Steal', targetAmount: 1, accountId } }), 400, 'body.accountId');
  });
});
