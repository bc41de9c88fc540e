import { describe, expect, it } from 'vitest';
import { call, eventually, newUser } from '../../support/api';

/**
 * Attacks on recurring payments over HTTP: a merchant paid far more often than any subscription must not grow its
 * series (or the listed item) without bound, and malformed ids and bodies are refused as problem documents.
 */
describe('attack: recurring payments', () => {
  it('keeps one merchant’s series bounded however many payments it gets', async () => {
    const u = await newUser('Recurring flood');
    const acc = await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Giro', type: 'checking', currency: 'EUR' } });
    expect(acc.status, acc.text).toBe(201);
    // 60 weekly payments in one import: more than the 36 a series keeps.
    const start = Date.UTC(2023, 0, 2);
    const dates = Array.from({ length: 60 }, (_, i) => new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10));
    const content = `Date,Amount,Description\n${dates.map((d) => `${d},-9.99,Weekly Paper Round`).join('\n')}\n`;
    const imp = await call('POST', '/imports', { token: u.accessToken, body: { accountId: acc.body.id, format: 'csv', content } });
    expect(imp.status, imp.text).toBe(202);
    const item = await eventually(
      async () => {
        const list = (await call('GET', '/recurring', { token: u.accessToken })).body.items as { lastDate: string; transactionIds: string[]; period: string }[];
        return list.find((i) => i.lastDate === dates[59]);
      },
      40_000,
      'the last payment in the series',
    );
    expect(item.period).toBe('weekly');
    expect(item.transactionIds).toHaveLength(36);
    // The 36 kept are the latest: their dates are the last 36 weeks.
    const txs = await Promise.all(item.transactionIds.map(async (id) => (await call('GET', `/transactions/${id}`, { token: u.accessToken })).body.date as string));
    expect(txs).toEqual(dates.slice(-36));
  });

  it('refuses malformed ids, statuses and extra fields with a problem document', async () => {
    const u = await newUser('Recurring malformed');
    const cases: [string, unknown, number][] = [
      ['/recurring/..%2F..%2Faccounts', { status: 'ignored' }, 400],
      [`/recurring/${'a'.repeat(65)}`, { status: 'ignored' }, 400],
      ['/recurring/abc', { status: 'deleted' }, 400],
      ['/recurring/abc', { status: 'ignored', version: 9 }, 400],
      ['/recurring/abc', { status: 'ignored' }, 404],
    ];
    for (const [path, body, status] of cases) {
      const res = await call('PATCH', path, { token: u.accessToken, body, headers: { 'if-match': '"1"' } });
      expect(res.status, `${path} ${JSON.stringify(body)}: ${res.text}`).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});
