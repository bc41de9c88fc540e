import { describe, expect, it } from 'vitest';
import { call, eventually, newUser, type TestUser } from '../support/api';

/**
 * Every character the API stores also crosses the queues: SQS refuses message bodies with U+FFFE, U+FFFF or lone
 * surrogates (and the local emulator everything above U+FFFF), so the relay must send them escaped, or the
 * transaction's event is lost and the analytics never count it.
 */

const MONTH = '2024-06';

async function summary(u: TestUser) {
  return (await call('GET', `/analytics/summary?month=${MONTH}`, { token: u.accessToken })).body as {
    expenses: number;
    transactionCount: number;
    topMerchants: { merchant: string; amount: number; count: number }[];
  };
}

describe('queue messages carry any text the API accepts', () => {
  it('transactions described with emoji, U+FFFF and a lone surrogate reach the analytics summary', async () => {
    const u = await newUser('Unicode');
    const descriptions = ['emoji 😀 \uffff', 'noncharacter \ufffe end', 'plain coffee'];
    // A lone surrogate is valid JSON as an escape; whatever the API answers, it must not be a 5xx.
    const lone = await call('POST', '/transactions', {
      token: u.accessToken,
      raw: '{"type":"expense","amount":300,"currency":"EUR","date":"2024-06-04","description":"lone \\ud800 surrogate"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(lone.status, lone.text).toBeLessThan(500);
    const amounts = [100, 200, 400];
    for (const [i, description] of descriptions.entries()) {
      const res = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount: amounts[i], currency: 'EUR', date: '2024-06-03', description } });
      expect(res.status, res.text).toBe(201);
      expect(res.body.description).toBe(description);
    }
    const accepted = lone.status === 201 ? 1 : 0;
    const want = { expenses: 700 + 300 * accepted, transactionCount: 3 + accepted };
    const got = await eventually(
      async () => {
        const s = await summary(u);
        return s.expenses === want.expenses && s.transactionCount === want.transactionCount ? s : undefined;
      },
      20_000,
      'the summary to count every transaction',
    ).catch(async (e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(await summary(u))}`);
    });
    expect(got.topMerchants.reduce((n, m) => n + m.count, 0)).toBe(want.transactionCount);
  });
});
