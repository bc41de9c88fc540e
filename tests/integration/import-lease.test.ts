import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newUser } from '../support/api';
import { finished, importReport, newAccount, postImport, startImport, transactionsOf } from '../support/ledger';

/**
 * One import writes into an account at a time (shared/adapters/imports.ts, the account's import lease), so two
 * imports of one file sent together cannot both write its rows: the later one sees them as duplicates.
 */
beforeAll(() => {
  Object.assign(process.env, inject('cloud').env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
});

const CSV = 'Date,Amount,Description\n2026-09-01,-12.50,Bakery\n2026-09-02,-3.20,Bus\n2026-09-03,2500.00,Salary\n';

describe('the account import lease', () => {
  it('is held by one import at a time, taken back by its holder, and free once expired', async () => {
    const { acquireLease, releaseLease } = await import('../../shared/adapters/imports');
    const user = `lease-${Date.now()}`;
    const now = new Date();
    expect(await acquireLease(user, 'acc', 'imp-a', now, 60)).toBe(true);
    expect(await acquireLease(user, 'acc', 'imp-b', now, 60)).toBe(false);
    expect(await acquireLease(user, 'acc', 'imp-a', now, 60)).toBe(true);
    expect(await acquireLease(user, 'other-acc', 'imp-b', now, 60)).toBe(true);
    // A worker that died: its lease runs out.
    expect(await acquireLease(user, 'acc', 'imp-b', new Date(now.getTime() + 61_000), 60)).toBe(true);
    // Only the holder gives it back.
    await releaseLease(user, 'acc', 'imp-a');
    expect(await acquireLease(user, 'acc', 'imp-c', new Date(now.getTime() + 62_000), 60)).toBe(false);
    await releaseLease(user, 'acc', 'imp-b');
    expect(await acquireLease(user, 'acc', 'imp-c', new Date(now.getTime() + 62_000), 60)).toBe(true);
  });

  it('makes an import wait while another writes into the account, then run', { timeout: 60_000 }, async () => {
    const { acquireLease, releaseLease } = await import('../../shared/adapters/imports');
    const u = await newUser('Lease');
    const accountId = await newAccount(u, 'EUR');
    expect(await acquireLease(u.userId, accountId, 'another-import', new Date(), 120)).toBe(true);

    const importId = await startImport(u, { accountId, format: 'csv', content: CSV });
    // Across two of its retries it waits, writing nothing.
    for (const until = Date.now() + 11_000; Date.now() < until; ) {
      const s = await importReport(u, importId);
      expect(s.status).toBe('queued');
      expect(s.imported).toBe(0);
      await new Promise((r) => setTimeout(r, 500));
    }
    await releaseLease(u.userId, accountId, 'another-import');
    expect((await finished(u, importId)).imported).toBe(3);
  });

  it('counts a file sent twice at once only once (the second is refused while the first runs)', { timeout: 60_000 }, async () => {
    const u = await newUser('Double');
    const accountId = await newAccount(u, 'EUR');
    const body = { accountId, format: 'csv', content: CSV };
    const answers = await Promise.all([postImport(u, body), postImport(u, body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    const accepted = answers.find((a) => a.status === 202);
    expect((await finished(u, String(accepted?.body.importId))).imported).toBe(3);
    expect(await transactionsOf(u, accountId)).toHaveLength(3);
  });
});
