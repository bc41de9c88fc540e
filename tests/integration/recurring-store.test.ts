import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Series } from '../../shared/domain/recurring';
import type { SeriesWrite } from '../../shared/ports/recurring';

/**
 * The recurring store against DynamoDB Local: several series of one user in one transaction with one erasure check,
 * all or nothing per transaction (a moved revision refuses its series), a full series packed under 1 KB, and
 * series items written before the packed form still read.
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

describe('recurring store (DynamoDB Local)', () => {
  it('stores many series of one user in transactions of at most 49, each readable as written', async () => {
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
    const { keys } = await import('../../shared/adapters/keys');
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

  it('a revision that moved refuses the whole transaction: every series of it comes back unsaved, none is stored', async () => {
    const store = await import('../../shared/adapters/recurring');
    const userId = `rec-${randomUUID()}`;
    await store.saveSeriesBatch(userId, [write('a', series('a', 1))], NOW);
    const r = await store.saveSeriesBatch(userId, [write('a', series('a', 2), 0), write('b', series('b', 1))], NOW);
    expect(r).toEqual({ erased: false, unsaved: ['a', 'b'] });
    expect(await store.getSeries(userId, 'b')).toBeUndefined();
    expect((await store.getSeries(userId, 'a'))?.rev).toBe(1);
    expect(await store.saveSeriesBatch(userId, [write('a', series('a', 2), 1), write('b', series('b', 1))], NOW)).toEqual({ erased: false, unsaved: [] });
    expect((await store.getSeries(userId, 'a'))?.rev).toBe(2);
  });

  it('writes nothing for an erased account', async () => {
    const store = await import('../../shared/adapters/recurring');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const { keys } = await import('../../shared/adapters/keys');
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const userId = `rec-${randomUUID()}`;
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.erased(userId), at: NOW.toISOString() } }));
    expect(await store.saveSeriesBatch(userId, [write('a', series('a', 1)), write('b', series('b', 1))], NOW)).toEqual({ erased: true, unsaved: [] });
    expect(await store.getSeries(userId, 'a')).toBeUndefined();
  });

  it('reads a series item written before the packed form (entries and tombstones as JSON strings)', async () => {
    const store = await import('../../shared/adapters/recurring');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const { keys } = await import('../../shared/adapters/keys');
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
