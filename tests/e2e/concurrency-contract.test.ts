import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, newUser, type Answer, type TestUser } from '../support/api';

/**
 * The cross-cutting rules declared on the route contracts (`concurrency: 'if-match'`, `idempotent`) answer the
 * same for every resource that exposes `version`: ETag on replies, 428 without If-Match, 412 when stale, 200 with
 * the next ETag when current; a repeated Idempotency-Key gets the stored reply, another body under it 422.
 */
let u: TestUser;

beforeAll(async () => {
  u = await newUser('Concurrency');
});

interface Resource {
  path: string;
  create: (n: number) => Record<string, unknown>;
  change: Record<string, unknown>;
}

const resources: Record<string, Resource> = {
  accounts: { path: '/accounts', create: (n) => ({ name: `Giro ${n}`, type: 'checking', currency: 'EUR' }), change: { name: 'Renamed' } },
  categories: { path: '/categories', create: (n) => ({ name: `Hobby ${n}`, kind: 'expense' }), change: { name: 'Renamed' } },
  rules: { path: '/rules', create: (n) => ({ name: `Rule ${n}`, conditions: { descriptionContains: `shop${n}` }, actions: { tags: ['t'] } }), change: { name: 'Renamed' } },
  goals: { path: '/goals', create: (n) => ({ name: `Goal ${n}`, targetAmount: 1000 + n }), change: { name: 'Renamed' } },
  budgets: { path: '/budgets', create: (n) => ({ name: `Budget ${n}`, categoryId: null, period: 'monthly', amount: 1000 + n }), change: { name: 'Renamed' } },
  transactions: {
    path: '/transactions',
    create: (n) => ({ type: 'expense', amount: 100 + n, currency: 'EUR', date: '2024-01-02', description: `Coffee ${n}` }),
    change: { description: 'Renamed' },
  },
};

function problem(res: Answer, status: number): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
}

describe.each(Object.entries(resources))('%s', (_name, r) => {
  it('answers a repeated Idempotency-Key with the stored reply, and the same key with another body with 422', async () => {
    const key = `k-${randomUUID()}`;
    const headers = { 'idempotency-key': key };
    const first = await call('POST', r.path, { token: u.accessToken, body: r.create(1), headers });
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get('etag')).toBe('"1"');
    const again = await call('POST', r.path, { token: u.accessToken, body: r.create(1), headers });
    expect(again.status, again.text).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('etag')).toBe('"1"');
    problem(await call('POST', r.path, { token: u.accessToken, body: r.create(2), headers }), 422);
    // Nothing was created twice.
    const listed = (await call('GET', r.path, { token: u.accessToken })).body.items as { id: string }[];
    expect(listed.filter((x) => x.id === first.body.id)).toHaveLength(1);
    expect(listed.some((x) => ['Rule 2', 'Budget 2'].includes((x as { name?: string }).name ?? '') || (x as { description?: string }).description === 'Coffee 2')).toBe(false);
  });

  it('refuses a change without If-Match (428) or with a stale one (412), and takes the current one (200, next ETag)', async () => {
    const created = await call('POST', r.path, { token: u.accessToken, body: r.create(3) });
    expect(created.status, created.text).toBe(201);
    const at = `${r.path}/${created.body.id}`;
    expect(created.body.version).toBe(1);

    problem(await call('PATCH', at, { token: u.accessToken, body: r.change }), 428);
    const current = await call('PATCH', at, { token: u.accessToken, body: r.change, headers: { 'if-match': '"1"' } });
    expect(current.status, current.text).toBe(200);
    expect(current.body.version).toBe(2);
    expect(current.headers.get('etag')).toBe('"2"');
    const stale = await call('PATCH', at, { token: u.accessToken, body: { ...r.change }, headers: { 'if-match': '"1"' } });
    problem(stale, 412);

    problem(await call('DELETE', at, { token: u.accessToken }), 428);
    problem(await call('DELETE', at, { token: u.accessToken, headers: { 'if-match': '"1"' } }), 412);
    const deleted = await call('DELETE', at, { token: u.accessToken, headers: { 'if-match': '"2"' } });
    expect(deleted.status, deleted.text).toBe(204);
    problem(await call('PATCH', at, { token: u.accessToken, body: r.change, headers: { 'if-match': '"2"' } }), 404);
  });
});

describe('recurring payments (created by detection: PATCH only)', () => {
  it('refuses a status change without If-Match (428) or with a stale one (412), and takes the current one (200, next ETag)', async () => {
    for (const month of ['01', '02', '03', '04']) {
      const res = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount: 777, currency: 'EUR', date: `2024-${month}-11`, description: 'Concurrency Cloud Storage' } });
      expect(res.status, res.text).toBe(201);
    }
    // Each detection moves the version on: wait for the one of all four payments.
    const item = await eventually(
      async () => ((await call('GET', '/recurring', { token: u.accessToken })).body.items as { id: string; version: number; transactionIds: string[] }[]).find((i) => i.transactionIds.length === 4),
      20_000,
      'the recurring payment',
    );
    const at = `/recurring/${item.id}`;
    problem(await call('PATCH', at, { token: u.accessToken, body: { status: 'confirmed' } }), 428);
    problem(await call('PATCH', at, { token: u.accessToken, body: { status: 'confirmed' }, headers: { 'if-match': `"${item.version + 1}"` } }), 412);
    const current = await call('PATCH', at, { token: u.accessToken, body: { status: 'confirmed' }, headers: { 'if-match': `"${item.version}"` } });
    expect(current.status, current.text).toBe(200);
    expect(current.body).toMatchObject({ status: 'confirmed', version: item.version + 1 });
    expect(current.headers.get('etag')).toBe(`"${item.version + 1}"`);
    problem(await call('PATCH', at, { token: u.accessToken, body: { status: 'ignored' }, headers: { 'if-match': `"${item.version}"` } }), 412);
  });
});
