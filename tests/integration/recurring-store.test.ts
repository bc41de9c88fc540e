import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Detection, Series } from '../../shared/domain/recurring';
import type { SeriesWrite } from '../../shared/ports/recurring';

/**
 * The recurring store against DynamoDB Local: several series of one user with one erasure check, each series
 * written on its own (a moved revision refuses only that series) and together with its recurring item, a full
 * series packed under 1 KB, and series items written before the packed form still read.
 */
const cloud = inject('cloud');

beforeAll(() => {
  Object.assign(process.env, cloud.env, { POWERTOOLS_LOG_LEVEL: 'CRITICAL' });
});

const NOW = new Date('2026-07-20T12:00:00Z');

function series(merchant: string, n: number): Series {
  const entries = Array.from({ length: n }, (_, i) => ({
    transactionId: `01K${randomUUID().replace(/-/g, '').slice(0, 23).toUpperCase()}`,
    date: `2025-${String((i % 12) + 1).padStart(2, '0')}-05`,
    amount: 1299 + i,
    currency: 'EUR',
    categoryId: 'subscriptions',
    version: 1,
  }));
  return { direction: 'expense', merchant, entries, tombstones: entries.slice(0, Math.floor(n / 2)).map((e) => ({ transactionId: `x${e.transactionId}`, version: 2 })) };
}

const write = (id: string, s: Series, expectedRev = 0): SeriesWrite => ({ id, series: s, expectedRev, detection: undefined, hadDetection: false });

const detection = (s: Series, averageAmount: number): Detection => ({
  period: 'monthly',
  currency: 'EUR',
  categoryId: 'subscriptions',
  averageAmount,
  lastAmount: averageAmount,
  lastDate: '2025-03-05',
  nextExpectedDate: '2025-04-05',
  confidence: 0.9,
  transactionIds: s.entries.map((e) => e.transactionId),
});

describe('recurring store (DynamoDB Local)', () => {
  it('stores many series of one user in one batch, each readable as written', async () => {
    const store = await import('../../shared/adapters/recurring');
    const userId = `rec-${randomUUID()}`;
    const writes = Array.from({ length: 60 }, (_, i) => write(`s${i}`, series(`merchant ${i}`, 3)));
    expect(await store.saveSeriesBatch(userId, writes, NOW)).toEqual({ erased: false, unsaved: [] });
    const read = await store.getSeries(userId, 's59');
    expect(read).toMatchObject({ rev: 1, detected: false });
    expect(read?.series).toEqual(writes[59]?.series);
  });

  it('a series of 36 payments and 18 tombstones is stored under 1 KB', async () => {
    const store = await import('../../shared/adapters/recurring');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const keys = await import('../../shared/adapters/keys');
    const { GetItemCommand } = await import('@aws-sdk/client-dynamodb');
    const userId = `rec-${randomUUID()}`;
    const full = series('netflix.com', 36);
    await store.saveSeriesBatch(userId, [write('full', full)], NOW);
    const key = keys.merchantSeries(userId, 'full');
    const raw = (await db().send(new GetItemCommand({ TableName: tableName(), Key: { pk: { S: key.pk }, sk: { S: key.sk } }, ReturnConsumedCapacity: 'TOTAL' }))).Item ?? {};
    const bytes = Object.entries(raw).reduce((sum, [name, v]) => sum + name.length + (v.S?.length ?? v.N?.length ?? v.B?.length ?? 1), 0);
    expect(bytes).toBeLessThan(1024);
    expect((await store.getSeries(userId, 'full'))?.series).toEqual(full);
  });

  it('a revision that moved refuses only its own series: the other series of the batch are stored', async () => {
    const store = await import('../../shared/adapters/recurring');
    const userId = `rec-${randomUUID()}`;
    const first = series('a', 1);
    await store.saveSeriesBatch(userId, [write('a', first)], NOW);
    const b = series('b', 1);
    const r = await store.saveSeriesBatch(userId, [write('a', series('a', 2), 0), write('b', b), write('c', series('c', 1), 3)], NOW);
    expect(r).toEqual({ erased: false, unsaved: ['a', 'c'] });
    expect(await store.getSeries(userId, 'b')).toEqual({ series: b, rev: 1, detected: false });
    expect(await store.getSeries(userId, 'a')).toEqual({ series: first, rev: 1, detected: false });
    expect(await store.getSeries(userId, 'c')).toBeUndefined();
    expect(await store.saveSeriesBatch(userId, [write('a', series('a', 2), 1)], NOW)).toEqual({ erased: false, unsaved: [] });
    expect((await store.getSeries(userId, 'a'))?.rev).toBe(2);
  });

  it('a series with a detection is stored together with its recurring item, and neither when its revision moved', async () => {
    const store = await import('../../shared/adapters/recurring');
    const userId = `rec-${randomUUID()}`;
    const s = series('netflix.com', 3);
    const detected = (w: SeriesWrite, d: Detection): SeriesWrite => ({ ...w, detection: d });
    await expect(store.saveSeriesBatch(userId, [detected(write('n', s), detection(s, 1299)), write('other', series('other', 1))], NOW)).resolves.toEqual({ erased: false, unsaved: [] });
    expect(await store.getSeries(userId, 'n')).toMatchObject({ rev: 1, detected: true });
    expect(await store.getRecurring(userId, 'n')).toMatchObject({ merchant: 'netflix.com', averageAmount: 1299, active: true, status: 'detected', version: 1 });
    // Stale: neither the series nor its item moves.
    const stale = await store.saveSeriesBatch(userId, [detected(write('n', series('netflix.com', 4)), detection(s, 1599))], NOW);
    expect(stale.unsaved).toEqual(['n']);
    expect(await store.getSeries(userId, 'n')).toMatchObject({ series: s, rev: 1 });
    expect(await store.getRecurring(userId, 'n')).toMatchObject({ averageAmount: 1299, version: 1 });
    // No longer recurring: the series and the item marked inactive, together.
    await store.saveSeriesBatch(userId, [{ ...write('n', series('netflix.com', 1), 1), hadDetection: true }], NOW);
    expect(await store.getSeries(userId, 'n')).toMatchObject({ rev: 2, detected: false });
    expect(await store.getRecurring(userId, 'n')).toMatchObject({ averageAmount: 1299, active: false, version: 2 });
  });

  it('a series whose item to mark inactive is gone is stored alone', async () => {
    const store = await import('../../shared/adapters/recurring');
    const userId = `rec-${randomUUID()}`;
    const s = series('spotify', 2);
    expect(await store.saveSeriesBatch(userId, [{ ...write('g', s), hadDetection: true }, write('h', series('h', 1))], NOW)).toEqual({ erased: false, unsaved: [] });
    expect(await store.getSeries(userId, 'g')).toEqual({ series: s, rev: 1, detected: false });
    expect(await store.getRecurring(userId, 'g')).toBeUndefined();
  });

  it('writes nothing for an erased account', async () => {
    const store = await import('../../shared/adapters/recurring');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const keys = await import('../../shared/adapters/keys');
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const userId = `rec-${randomUUID()}`;
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.erased(userId), at: NOW.toISOString() } }));
    expect(await store.saveSeriesBatch(userId, [write('a', series('a', 1)), write('b', series('b', 1))], NOW)).toEqual({ erased: true, unsaved: [] });
    expect(await store.getSeries(userId, 'a')).toBeUndefined();
  });

  it('reads a series item written before the packed form (entries and tombstones as JSON strings)', async () => {
    const store = await import('../../shared/adapters/recurring');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const keys = await import('../../shared/adapters/keys');
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const userId = `rec-${randomUUID()}`;
    const old = series('spotify', 4);
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.merchantSeries(userId, 'old'), direction: 'expense', merchant: 'spotify', entries: JSON.stringify(old.entries), tombstones: JSON.stringify(old.tombstones), rev: 3, detected: true },
      }),
    );
    expect(await store.getSeries(userId, 'old')).toEqual({ series: old, rev: 3, detected: true });
  });
});
