import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, eventually, newUser } from '../support/api';

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
    const account = await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Main', type: 'checking', currency: 'EUR' } });
    expect(await acquireLease(u.userId, account.body.id, 'another-import', new Date(), 120)).toBe(true);

    const started = await call('POST', '/imports', { token: u.accessToken, body: { accountId: account.body.id, format: 'csv', content: CSV } });
    expect(started.status).toBe(202);
    const status = async () => (await call('GET', `/imports/${started.body.importId}`, { token: u.accessToken })).body;
    // Across two of its retries it waits, writing nothing.
    for (const until = Date.now() + 11_000; Date.now() < until; ) {
      const s = await status();
      expect(s.status).toBe('queued');
      expect(s.imported).toBe(0);
      await new Promise((r) => setTimeout(r, 500));
    }
    await releaseLease(u.userId, account.body.id, 'another-import');
    const done = await eventually(async () => {
      const s = await status();
      return s.status === 'completed' ? s : undefined;
    }, 30_000, 'import completed');
    expect(done.imported).toBe(3);
  });

  it('counts a file sent twice at once only once', { timeout: 60_000 }, async () => {
    const u = await newUser('Double');
    const account = await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Main', type: 'checking', currency: 'EUR' } });
    const body = { accountId: account.body.id, format: 'csv', content: CSV };
    const [a, b] = await Promise.all([call('POST', '/imports', { token: u.accessToken, body }), call('POST', '/imports', { token: u.accessToken, body })]);
    const reports = await Promise.all(
      [a, b].map((r) =>
        eventually(async () => {
          const s = (await call('GET', `/imports/${r.body.importId}`, { token: u.accessToken })).body;
          return s.status === 'completed' ? s : undefined;
        }, 30_000, 'import completed'),
      ),
    );
    expect(reports.map((r) => r.imported).sort()).toEqual([0, 3]);
    expect(reports.map((r) => r.duplicates.length).sort()).toEqual([0, 3]);
    const list = await call('GET', `/transactions?accountId=${account.body.id}`, { token: u.accessToken });
    expect(list.body.items).toHaveLength(3);
  });
});
