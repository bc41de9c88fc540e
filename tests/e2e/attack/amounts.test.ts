import { describe, expect, it } from 'vitest';
import { admin, call, eventually, newUser, type Answer, type TestUser } from '../../support/api';
import { newAccount } from '../../support/ledger';

/**
 * Attack: amounts near 2^53. Each amount has a documented ceiling (10^13 minor units); above it a write is a 400
 * naming the ceiling. Sums of many amounts at the ceiling exceed 2^53 and must still read back exact (a sum beyond
 * ±(2^53 − 1) is answered as a string of its digits), never as a 500.
 */
const CEILING = 10_000_000_000_000;
const NEAR_OLD_MAX = Math.floor(Number.MAX_SAFE_INTEGER / 4); // accepted by the old validation
const MONTH = '2024-03';

function tx(accountId: string, amount: number, extra: Record<string, unknown> = {}) {
  return { type: 'income', amount, currency: 'EUR', date: `${MONTH}-15`, description: 'Payout', accountId, ...extra };
}

/** The exact integer an amount field carries: a safe JSON number or a string of digits; anything else fails. */
function exact(value: unknown, what: string): bigint {
  if (typeof value === 'string') {
    expect(value, `${what} as a string`).toMatch(/^-?\d+$/);
    return BigInt(value);
  }
  expect(Number.isSafeInteger(value), `${what} = ${String(value)} is a safe integer or an exact string`).toBe(true);
  return BigInt(value as number);
}

function refusedNamingCeiling(res: Answer, what: string): void {
  expect(res.status, `${what}: ${res.text}`).toBe(400);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.text, `${what} names the ceiling`).toMatch(/10000000000000|10,000,000,000,000/);
}

/** Records `amounts` as income transactions of one month, a few requests at a time. */
async function recordAll(u: TestUser, accountId: string, amounts: number[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < amounts.length; i = next++) {
      const res = await call('POST', '/transactions', {
        token: u.accessToken,
        body: tx(accountId, amounts[i] ?? 1, { date: `${MONTH}-${String((i % 28) + 1).padStart(2, '0')}`, description: `Payout ${i}` }),
      });
      expect(res.status, res.text).toBe(201);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

describe('attack: amounts near 2^53', () => {
  it('refuses every amount above the ceiling with a 400 that names it', async () => {
    const u = await newUser();
    const acc = await newAccount(u, 'EUR');
    const t = u.accessToken;
    for (let i = 0; i < 4; i++) {
      refusedNamingCeiling(await call('POST', '/transactions', { token: t, body: tx(acc, NEAR_OLD_MAX) }), `transaction #${i} of 2^53/4`);
    }
    refusedNamingCeiling(await call('POST', '/transactions', { token: t, body: tx(acc, CEILING + 1) }), 'ceiling + 1');
    refusedNamingCeiling(
      await call('POST', '/transactions', { token: t, body: tx(acc, 2, { type: 'expense', splits: [{ categoryId: 'food', amount: NEAR_OLD_MAX }, { categoryId: 'food.groceries', amount: 2 - NEAR_OLD_MAX }] }) }),
      'split part',
    );
    refusedNamingCeiling(await call('POST', '/accounts', { token: t, body: { name: 'Big', type: 'checking', currency: 'EUR', openingBalance: NEAR_OLD_MAX } }), 'opening balance');
    refusedNamingCeiling(await call('PATCH', `/accounts/${acc}`, { token: t, body: { openingBalance: -NEAR_OLD_MAX }, headers: { 'if-match': '"1"' } }), 'opening balance patch');
    refusedNamingCeiling(
      await call('POST', '/rules', { token: t, body: { name: 'big', conditions: { amountMin: NEAR_OLD_MAX }, actions: { tags: ['x'] } } }),
      'rule amount bound',
    );
    refusedNamingCeiling(await call('PATCH', '/me', { token: t, body: { monthlyIncome: { amount: NEAR_OLD_MAX, currency: 'EUR' } } }), 'monthly income');
    // At the ceiling itself the write is accepted.
    const atCeiling = await call('POST', '/transactions', { token: t, body: tx(acc, CEILING) });
    expect(atCeiling.status, atCeiling.text).toBe(201);

    // Reads are untouched by the refused writes.
    const account = await call('GET', `/accounts/${acc}`, { token: t });
    expect(account.status, account.text).toBe(200);
    expect(exact(account.body.balance, 'balance')).toBe(BigInt(CEILING));
  });

  it('refuses an amount whose conversion to the base currency would exceed the ceiling', async () => {
    const u = await newUser();
    const acc = await newAccount(u, 'EUR');
    // A date of its own, with a rate the test publishes: 17,000 IDR per EUR, so 10^13 EUR cents are 1.7 × 10^17 IDR
    // minor units, far past the ceiling (and past 2^53).
    const date = '2031-07-15';
    const { accessToken } = await admin();
    const rates = await call('PUT', '/fx/rates', { token: accessToken, body: { date, base: 'EUR', rates: { IDR: '17000' } } });
    expect(rates.status, rates.text).toBe(200);
    const me = await call('PATCH', '/me', { token: u.accessToken, body: { baseCurrency: 'IDR' } });
    expect(me.status, me.text).toBe(200);
    const res = await call('POST', '/transactions', { token: u.accessToken, body: tx(acc, CEILING, { date }) });
    refusedNamingCeiling(res, 'converted base amount');
  });

  it('keeps sums of many amounts at the ceiling exact (beyond 2^53) on every read', { timeout: 240_000 }, async () => {
    const u = await newUser();
    const t = u.accessToken;
    const acc = await newAccount(u, 'EUR', CEILING - 1);
    // 1,000 transactions just under the ceiling: Σ ≈ 10^16, past 2^53 (an odd balance a double cannot hold).
    const rows = 1000;
    const amounts = Array.from({ length: rows }, (_, i) => CEILING - 100 * (i + 1));
    await recordAll(u, acc, amounts);
    const incomeTotal = amounts.reduce((s, a) => s + BigInt(a), 0n);
    const balance = incomeTotal + BigInt(CEILING - 1);
    expect(balance > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);

    const list = await call('GET', '/accounts', { token: t });
    expect(list.status, list.text).toBe(200);
    const listed = list.body.items.find((a: { id: string }) => a.id === acc);
    expect(exact(listed.balance, 'listed balance')).toBe(balance);
    const one = await call('GET', `/accounts/${acc}`, { token: t });
    expect(one.status, one.text).toBe(200);
    expect(exact(one.body.balance, 'balance')).toBe(balance);

    const summary = await eventually(
      async () => {
        const r = await call('GET', `/analytics/summary?month=${MONTH}`, { token: t });
        expect(r.status, r.text).toBe(200);
        return r.body.transactionCount === rows ? r : undefined;
      },
      120_000,
      'the rollups to count every row',
    );
    expect(exact(summary.body.income, 'summary income')).toBe(incomeTotal);
    expect(exact(summary.body.net, 'summary net')).toBe(incomeTotal);
    const incomeRows = summary.body.byCategory.filter((r: { kind: string; level: string }) => r.kind === 'income' && r.level === 'parent');
    expect(incomeRows.reduce((s: bigint, r: { amount: unknown }) => s + exact(r.amount, 'category amount'), 0n)).toBe(incomeTotal);

    const categories = await call('GET', `/analytics/categories?from=2024-01&to=2024-12`, { token: t });
    expect(categories.status, categories.text).toBe(200);
    expect(exact(categories.body.income, 'categories income')).toBe(incomeTotal);

    const trends = await call('GET', `/analytics/trends?from=2024-01&to=2024-06`, { token: t });
    expect(trends.status, trends.text).toBe(200);
    const march = trends.body.series.find((p: { month: string }) => p.month === MONTH);
    expect(exact(march.income, 'trend income')).toBe(incomeTotal);
    expect(exact(march.movingAverage3.income, 'moving average')).toBe(incomeTotal / 3n + (incomeTotal % 3n >= 2n ? 1n : 0n));

    const cashflow = await call('GET', '/analytics/cashflow?months=120', { token: t });
    expect(cashflow.status, cashflow.text).toBe(200);
    const point = cashflow.body.items.find((p: { month: string }) => p.month === MONTH);
    expect(exact(point.net, 'cashflow net')).toBe(incomeTotal);
    const last = cashflow.body.items[cashflow.body.items.length - 1];
    expect(exact(last.cumulative, 'cumulative')).toBe(incomeTotal);
  });
});
