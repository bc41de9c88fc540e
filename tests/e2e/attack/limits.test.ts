import { describe, expect, it } from 'vitest';
import { call, newUser, type Answer, type TestUser } from '../../support/api';

/**
 * Attack: per-user collections past their caps, with concurrent creates racing the last free places. Exactly the
 * cap must exist afterwards; every refused create is a 409 problem naming the limit. The caps are the documented
 * numbers (shared/domain/limits.ts): rules 200, accounts 100, categories 300 (the defaults included).
 */
const CAPS = { rules: 200, accounts: 100, categories: 300 } as const;
const RACE = 15;
const FREE_AT_RACE = 5;

type Create = (u: TestUser, i: number) => Promise<Answer>;

const createRule: Create = (u, i) =>
  call('POST', '/rules', { token: u.accessToken, body: { name: `rule ${i}`, conditions: { descriptionContains: `shop${i}` }, actions: { tags: ['x'] } } });
const createAccount: Create = (u, i) => call('POST', '/accounts', { token: u.accessToken, body: { name: `Account ${i}`, type: 'checking', currency: 'EUR' } });
const createCategory: Create = (u, i) => call('POST', '/categories', { token: u.accessToken, body: { name: `Custom ${i}`, kind: 'expense' } });

/** Runs `count` creates, `parallel` at a time; each must succeed. */
async function fill(u: TestUser, create: Create, from: number, count: number, parallel = 6): Promise<void> {
  let next = from;
  const worker = async () => {
    for (let i = next++; i < from + count; i = next++) {
      const res = await create(u, i);
      expect(res.status, res.text).toBe(201);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** Fires `RACE` creates at once; returns how many were created and checks every refusal. */
async function race(u: TestUser, create: Create, from: number, limit: keyof typeof CAPS): Promise<number> {
  const answers = await Promise.all(Array.from({ length: RACE }, (_, i) => create(u, from + i)));
  for (const res of answers.filter((r) => r.status !== 201)) {
    expect(res.status, res.text).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: '/docs#problem-limit-exceeded', status: 409, limit, max: CAPS[limit] });
    expect(res.body.detail).toContain(String(CAPS[limit]));
  }
  return answers.filter((r) => r.status === 201).length;
}

async function countOf(u: TestUser, path: string): Promise<number> {
  const res = await call('GET', path, { token: u.accessToken });
  expect(res.status, res.text).toBe(200);
  return res.body.items.length as number;
}

describe('attack: per-user limits', () => {
  it('lets exactly the cap of rules exist when creates race past it, and frees a place on delete', { timeout: 300_000 }, async () => {
    const u = await newUser();
    await fill(u, createRule, 0, CAPS.rules - FREE_AT_RACE);
    expect(await race(u, createRule, 10_000, 'rules')).toBe(FREE_AT_RACE);
    expect(await countOf(u, '/rules')).toBe(CAPS.rules);

    const refused = await createRule(u, 20_000);
    expect(refused.status, refused.text).toBe(409);
    const { items } = (await call('GET', '/rules', { token: u.accessToken })).body;
    const del = await call('DELETE', `/rules/${items[0].id}`, { token: u.accessToken, headers: { 'if-match': `"${items[0].version}"` } });
    expect(del.status, del.text).toBe(204);
    expect((await createRule(u, 20_001)).status).toBe(201);
    expect((await createRule(u, 20_002)).status).toBe(409);
    expect(await countOf(u, '/rules')).toBe(CAPS.rules);
  });

  it('lets exactly the cap of accounts exist when creates race past it', { timeout: 300_000 }, async () => {
    const u = await newUser();
    await fill(u, createAccount, 0, CAPS.accounts - FREE_AT_RACE);
    expect(await race(u, createAccount, 10_000, 'accounts')).toBe(FREE_AT_RACE);
    expect(await countOf(u, '/accounts')).toBe(CAPS.accounts);
  });

  it('counts the default categories toward the cap of categories, and races stop at it', { timeout: 300_000 }, async () => {
    const u = await newUser();
    const defaults = await countOf(u, '/categories');
    expect(defaults).toBeGreaterThan(50);
    await fill(u, createCategory, 0, CAPS.categories - defaults - FREE_AT_RACE);
    expect(await race(u, createCategory, 10_000, 'categories')).toBe(FREE_AT_RACE);
    expect(await countOf(u, '/categories')).toBe(CAPS.categories);
  });

  it('caps the page size of every list with a 400 saying the largest page', async () => {
    const u = await newUser();
    const rule = await createRule(u, 1);
    expect(rule.status, rule.text).toBe(201);
    for (const [method, path, max] of [
      ['GET', '/transactions?limit=101', 100],
      ['POST', `/rules/${rule.body.id}/preview?limit=501`, 500],
    ] as const) {
      const res = await call(method, path, { token: u.accessToken });
      expect(res.status, res.text).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.text).toContain(`at most ${max}`);
    }
  });
});
