import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, newUser, type TestUser } from '../../support/api';

/**
 * Attack on `POST /rules/preview` (a rule that is not saved): a catastrophic pattern must answer as fast as a plain
 * one (the draft compiles to the same linear-time program a saved rule runs), the scan is bounded like the stored
 * preview's, nothing is saved, and another user's transactions never appear in the answer.
 */
const EVIL = '(a|\\w)+$';
const PER_REQUEST_MS = 5_000;

async function timed(path: string, token: string, body: unknown) {
  const { apiUrl } = inject('cloud');
  const res = await fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(PER_REQUEST_MS),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}

const tx = (description: string) => ({ type: 'expense', amount: 1234, currency: 'EUR', date: '2024-06-01', description });

let me: TestUser;
let other: TestUser;
const mine: string[] = [];
let theirs: string;

beforeAll(async () => {
  [me, other] = await Promise.all([newUser('Draft previewer'), newUser('Bystander')]);
  for (let i = 0; i < 15; i++) {
    const r = await call('POST', '/transactions', { token: me.accessToken, body: tx(`${'a'.repeat(380 + i)}!`) });
    expect(r.status, r.text).toBe(201);
  }
  for (const d of ['Shared word 1', 'Shared word 2']) {
    const r = await call('POST', '/transactions', { token: me.accessToken, body: tx(d) });
    expect(r.status, r.text).toBe(201);
    mine.push(r.body.id);
  }
  const t = await call('POST', '/transactions', { token: other.accessToken, body: tx('Shared word 3') });
  expect(t.status, t.text).toBe(201);
  theirs = t.body.id;
});

describe('POST /rules/preview', () => {
  it('a catastrophic pattern answers quickly, matching only what it means', async () => {
    const started = Date.now();
    const res = await timed('/rules/preview', me.accessToken, { name: 'Evil', conditions: { descriptionRegex: EVIL }, actions: { tags: ['wordy'] } });
    expect(res.status, res.text).toBe(200);
    expect(Date.now() - started).toBeLessThan(PER_REQUEST_MS);
    expect(res.body.ruleId).toBeNull();
    expect(res.body.examined).toBe(17);
    // Only the descriptions ending in a word character (the two "Shared word n"), never the hostile ones ending in "!".
    expect(res.body.matches.map((m: { transactionId: string }) => m.transactionId).sort()).toEqual([...mine].sort());
    expect(res.body.matches[0].changes).toEqual({ tags: { from: [], to: ['wordy'] } });
  });

  it("never shows another user's transactions, and saves nothing", async () => {
    const res = await timed('/rules/preview', me.accessToken, { conditions: { descriptionContains: 'shared word' }, actions: { tags: ['x'] } });
    expect(res.status, res.text).toBe(200);
    const ids = res.body.matches.map((m: { transactionId: string }) => m.transactionId);
    expect(ids).not.toContain(theirs);
    expect(ids.sort()).toEqual([...mine].sort());
    const rules = await call('GET', '/rules', { token: me.accessToken });
    expect(rules.body.items).toEqual([]);
  });

  it('is bounded like the stored preview: limit caps the matches', async () => {
    const res = await timed('/rules/preview?limit=1', me.accessToken, { conditions: { descriptionContains: 'shared word' }, actions: { tags: ['x'] } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.matches).toHaveLength(1);
    expect(res.body.truncated).toBe(true);
    const over = await call('POST', '/rules/preview?limit=100000', { token: me.accessToken, body: { conditions: { descriptionContains: 'x' }, actions: { tags: ['x'] } } });
    expect(over.status).toBe(400);
  });

  it("refuses an invalid pattern and another user's category as a create does", async () => {
    const bad = await call('POST', '/rules/preview', { token: me.accessToken, body: { conditions: { descriptionRegex: '(' }, actions: { tags: ['x'] } } });
    expect(bad.status, bad.text).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.errors[0].path).toMatch(/^body\.conditions/);
    const cat = await call('POST', '/categories', { token: other.accessToken, body: { name: 'Theirs', kind: 'expense' } });
    expect(cat.status).toBe(201);
    const foreign = await call('POST', '/rules/preview', { token: me.accessToken, body: { conditions: { descriptionContains: 'shared' }, actions: { categoryId: cat.body.id } } });
    expect(foreign.status, foreign.text).toBe(400);
    expect(foreign.body.errors).toEqual([{ path: 'body.actions.categoryId', message: `no category ${cat.body.id}` }]);
  });
});
