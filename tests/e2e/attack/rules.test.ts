import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, eventually, newUser, type TestUser } from '../../support/api';

/**
 * Attack: a rule pattern that makes a backtracking engine take exponential time. `(a|\w)+$` passed the old
 * hand-written safety check (its options `a` and `\w` overlap, which the check did not see), and against a
 * description of word characters followed by one that is not, every way of splitting the run is tried before
 * `$` fails: about 2^n steps, seconds at n = 28, forever at n = 400. With a linear-time engine the same rule
 * costs a few microseconds per transaction, so creating, editing, previewing and importing stay within their
 * ordinary time, and the rule still means what it says.
 */
const EVIL = '(a|\\w)+$';
/** Word characters then one that is not: the pattern fails only after trying every split (on a backtracking engine). */
const HOSTILE = `${'a'.repeat(400)}!`;
/** Ends in a word character: the pattern matches. */
const MATCHING = `${'a'.repeat(498)}42`;
/** Each request must answer within this (a generous behavioural bound; the old code needed minutes). */
const PER_REQUEST_MS = 5_000;

/** Like `call`, but the request is aborted (and the test fails) when it takes longer than {@link PER_REQUEST_MS}. */
async function timed(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const { apiUrl } = inject('cloud');
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(PER_REQUEST_MS),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}

const tx = (description: string) => ({ type: 'expense', amount: 1234, currency: 'EUR', date: '2024-06-01', description });

let user: TestUser;
let ruleId: string;
/** Stored before the rule existed, so the preview has something to evaluate. */
const before: { hostile: string[]; plain: string } = { hostile: [], plain: '' };

beforeAll(async () => {
  user = await newUser('Rule attacker');
  const t = user.accessToken;
  for (let i = 0; i < 20; i++) {
    const r = await call('POST', '/transactions', { token: t, body: tx(`${'a'.repeat(380 + i)}!`) });
    expect(r.status, r.text).toBe(201);
    before.hostile.push(r.body.id);
  }
  const plain = await call('POST', '/transactions', { token: t, body: tx('Bakery 12') });
  expect(plain.status, plain.text).toBe(201);
  before.plain = plain.body.id;
  const rule = await call('POST', '/rules', { token: t, body: { name: 'Ends in a word', priority: 1, conditions: { descriptionRegex: EVIL }, actions: { categoryId: 'food.coffee', tags: ['wordy'] } } });
  expect(rule.status, rule.text).toBe(201);
  ruleId = rule.body.id;
});

describe('a rule with a catastrophic pattern (accepted by the old safety check)', () => {
  it('does not slow POST /transactions: a hostile description is answered 201 at once, and the rule does not apply', async () => {
    const res = await timed('POST', '/transactions', user.accessToken, tx(HOSTILE));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ description: HOSTILE, categoryId: null, tags: [], appliedRules: [] });
  });

  it('still applies where the pattern matches', async () => {
    const res = await timed('POST', '/transactions', user.accessToken, tx(MATCHING));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ categoryId: 'food.coffee', tags: ['wordy'], appliedRules: [ruleId] });
  });

  it('does not slow PATCH /transactions/{id}: rules re-run on a hostile description', async () => {
    const created = await timed('POST', '/transactions', user.accessToken, tx('Bakery 7'));
    expect(created.body).toMatchObject({ categoryId: 'food.coffee', appliedRules: [ruleId] });
    const res = await timed('PATCH', `/transactions/${created.body.id}`, user.accessToken, { description: `${'a'.repeat(450)}?`, amount: 999 }, { 'if-match': String(created.body.version) });
    expect(res.status, res.text).toBe(200);
    // The category came from a rule, not by hand, and the rule no longer holds: it stays as the rule left it
    // or is cleared, but the rule is not listed as applied to the new text.
    expect(res.body.appliedRules).toEqual([]);
  });

  it('does not slow the rule preview over stored hostile descriptions, and previews only what matches', async () => {
    const res = await timed('POST', `/rules/${ruleId}/preview`, user.accessToken);
    expect(res.status, res.text).toBe(200);
    expect(res.body.examined).toBeGreaterThanOrEqual(before.hostile.length + 1);
    const ids = res.body.matches.map((m: { transactionId: string }) => m.transactionId);
    expect(ids).toContain(before.plain);
    for (const id of before.hostile) expect(ids).not.toContain(id);
    expect(res.body.matches.find((m: { transactionId: string }) => m.transactionId === before.plain).changes).toEqual({
      categoryId: { from: null, to: 'food.coffee' },
      tags: { from: [], to: ['wordy'] },
    });
  });

  it('does not slow an import of hostile rows: it completes and the rule applies only to the matching row', async () => {
    const account = await timed('POST', '/accounts', user.accessToken, { name: 'Attack', type: 'checking', currency: 'EUR' });
    expect(account.status, account.text).toBe(201);
    const rows = Array.from({ length: 200 }, (_, i) => `2024-06-${String((i % 28) + 1).padStart(2, '0')},-${i + 1}.00,${'a'.repeat(300 + i)}!`);
    rows.push('2024-06-29,-3.00,Corner shop 9');
    const content = `Date,Amount,Description\n${rows.join('\n')}\n`;
    const started = await timed('POST', '/imports', user.accessToken, { accountId: account.body.id, format: 'csv', content });
    expect(started.status, started.text).toBe(202);
    const report = await eventually(
      async () => {
        const r = await timed('GET', `/imports/${started.body.importId}`, user.accessToken);
        return r.body.status === 'completed' || r.body.status === 'failed' ? r.body : undefined;
      },
      30_000,
      'the import',
    );
    expect(report).toMatchObject({ status: 'completed', imported: 201 });
    const tagged = await timed('GET', `/transactions?accountId=${account.body.id}&tag=wordy`, user.accessToken);
    expect(tagged.status, tagged.text).toBe(200);
    expect(tagged.body.items.map((t: { description: string; appliedRules: string[] }) => [t.description, t.appliedRules])).toEqual([['Corner shop 9', [ruleId]]]);
  });
});
