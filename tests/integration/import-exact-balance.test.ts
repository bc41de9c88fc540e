import { beforeAll, describe, expect, it } from 'vitest';
import { call, newUser, type TestUser } from '../support/api';
import { importAndWait, newAccount } from '../support/ledger';

/**
 * An import's balance change is summed exactly: 1,000 rows just under the amount ceiling add up past 2^53, which a JS
 * number cannot hold (the DynamoDB SDK refuses to marshal it, so the import used to fail on every delivery). The
 * account then answers its balance as the string of its exact digits.
 */
const AMOUNT = 9_999_999_999_999n; // minor units: 99,999,999,999.99 EUR, one below the ceiling of 10^13
const ROWS = 1000;
/** A description of letters only, distinct per row (duplicate detection compares descriptions without digits). */
const name = (i: number) => `Payout ${Array.from({ length: 3 }, (_, k) => String.fromCharCode(97 + (Math.floor(i / 26 ** k) % 26))).join('')}`;

let u: TestUser;

beforeAll(async () => {
  u = await newUser('Exact import balance');
});

describe('import of amounts near the ceiling', () => {
  it('folds 1,000 rows of 9,999,999,999,999 minor units into an exact balance past 2^53', { timeout: 120_000 }, async () => {
    // Prepare: distinct descriptions and dates, so duplicate detection keeps every row
    const accountId = await newAccount(u, 'EUR', 0, 'Ceiling');
    const euros = `${AMOUNT / 100n}.${String(AMOUNT % 100n).padStart(2, '0')}`;
    const rows = Array.from({ length: ROWS }, (_, i) => `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${euros},${name(i)}`);

    // Act: one import, well within the wait (it used to fail and be retried until the DLQ)
    const report = await importAndWait(u, { accountId, format: 'csv', content: `Date,Amount,Description\n${rows.join('\n')}\n` }, 75_000);

    // Assess: every row imported, the balance the exact sum, answered as a digit string past 2^53
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(ROWS);
    const expected = AMOUNT * BigInt(ROWS);
    expect(expected > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const account = await call('GET', `/accounts/${accountId}`, { token: u.accessToken });
    expect(account.status, account.text).toBe(200);
    expect(account.body.balance).toBe(expected.toString());
  });
});
