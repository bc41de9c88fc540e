import type { SQSRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransactionSnapshot } from '../../../events/transaction-changed';
import type { TransactionRecord } from '../../../shared/adapters/ledger';

// Unit tests of the analytics pipeline over in-memory ports (tests/support/memory): applying ledger events to the
// rollups (exact deltas, each event once, an erased account's events dropped) and the repair that recounts them from
// the ledger (drift found and fixed). No emulator: the integration tests prove the DynamoDB adapters.
vi.mock('../../../shared/adapters/rollups', () => import('../../support/memory/rollups'));
vi.mock('../../../shared/adapters/ledger', () => import('../../support/memory/ledger'));

import { recountExact } from '../../../shared/domain/analytics';
import { applyLedgerEvents } from '../../../shared/use-cases/analytics-apply';
import { repairUser } from '../../../shared/use-cases/analytics-repair';
import { memory as ledger } from '../../support/memory/ledger';
import { memory as rollups } from '../../support/memory/rollups';

const now = new Date('2024-06-01T00:00:00Z');

function tx(id: string, over: Partial<TransactionRecord> = {}): TransactionRecord {
  return {
    id, userId: 'u1', type: 'expense', amount: 1000, currency: 'EUR', date: '2024-03-05', description: `Purchase ${id}`, categoryId: 'food', accountId: 'acc1',
    toAccountId: null, tags: [], notes: null, splits: null, baseAmount: 1000, baseCurrency: 'EUR', fxRate: '1', fxDate: '2024-03-05', fxStatus: 'converted',
    appliedRules: [], manualFields: [], importId: null, bankId: null, version: 1, createdAt: '2024-03-05T00:00:00.000Z', updatedAt: '2024-03-05T00:00:00.000Z',
    ...over,
  };
}

const snapshot = (t: TransactionRecord): TransactionSnapshot => ({
  id: t.id, userId: t.userId, type: t.type, amount: t.amount, currency: t.currency, date: t.date, description: t.description, categoryId: t.categoryId,
  accountId: t.accountId, toAccountId: t.toAccountId, splits: t.splits, tags: t.tags, baseAmount: t.baseAmount, baseCurrency: t.baseCurrency, fxStatus: t.fxStatus, version: t.version,
});

let messages = 0;
function message(type: 'TransactionRecorded' | 'TransactionUpdated' | 'TransactionDeleted', before: TransactionRecord | null, after: TransactionRecord | null, id?: string): SQSRecord {
  const t = (after ?? before) as TransactionRecord;
  const eventId = id ?? `${t.id}@${t.version}${type === 'TransactionDeleted' ? '-deleted' : ''}`;
  const data = { userId: t.userId, transactionId: t.id, before: before && snapshot(before), after: after && snapshot(after) };
  return { messageId: `m${++messages}`, body: JSON.stringify({ id: eventId, type, version: 1, occurredAt: now.toISOString(), data }), attributes: {} } as unknown as SQSRecord;
}

/** The rollups a recount of `txs` gives, as numbers (the memory store's view). */
function recounted(txs: TransactionRecord[]): Record<string, Record<string, number>> {
  return Object.fromEntries([...recountExact(txs)].map(([key, fields]) => [key, Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Number(v)]))]));
}

function storedOf(userId: string): Record<string, Record<string, number>> {
  return Object.fromEntries([...rollups.rollups].filter(([k]) => k.startsWith(`${userId}/`)).map(([k, r]) => [k.split('/').slice(1).join('#'), Object.fromEntries([...r.fields].map(([f, v]) => [f, Number(v)]))]));
}

beforeEach(() => {
  rollups.reset();
  ledger.reset();
});

describe('applyLedgerEvents', () => {
  it('adds exact deltas: records, an edit that moves a transaction to another month and category, and a delete', async () => {
    // Prepare
    const a = tx('a');
    const b = tx('b', { type: 'income', amount: 250_000, baseAmount: 250_000, categoryId: 'salary' });
    const c = tx('c', { amount: 333, baseAmount: 333 });
    const a2 = { ...a, amount: 1200, baseAmount: 1200, date: '2024-04-02', categoryId: 'rent', version: 2 };

    // Act
    const r1 = await applyLedgerEvents([message('TransactionRecorded', null, a), message('TransactionRecorded', null, b), message('TransactionRecorded', null, c)], now);
    const r2 = await applyLedgerEvents([message('TransactionUpdated', a, a2), message('TransactionDeleted', c, null)], now);

    // Assess: the rollups equal a recount of what the ledger now holds (b and the edited a), field for field
    expect(r1.batchItemFailures).toEqual([]);
    expect(r2.batchItemFailures).toEqual([]);
    const want = recounted([a2, b]);
    const have = storedOf('u1');
    for (const [key, fields] of Object.entries(have)) {
      for (const [name, value] of Object.entries(fields)) expect([key, name, value]).toEqual([key, name, want[key]?.[name] ?? 0]);
    }
    for (const [key, fields] of Object.entries(want)) expect(have[key]).toMatchObject(fields);
  });

  it('counts an event once: twice in one batch, redelivered in a later batch, and beside a new one', async () => {
    // Prepare
    const a = tx('a');
    const b = tx('b', { amount: 50, baseAmount: 50 });

    // Act
    await applyLedgerEvents([message('TransactionRecorded', null, a), message('TransactionRecorded', null, a)], now);
    await applyLedgerEvents([message('TransactionRecorded', null, a)], now);
    const mixed = await applyLedgerEvents([message('TransactionRecorded', null, a), message('TransactionRecorded', null, b)], now);

    // Assess: a counted once, b once; the group with a's redelivery fell back to event by event
    expect(mixed.batchItemFailures).toEqual([]);
    expect(storedOf('u1')).toEqual(Object.fromEntries(Object.entries(recounted([a, b])).map(([k, f]) => [k, expect.objectContaining(f)])));
    expect(rollups.calls.filter((c) => c.outcome === 'applied').flatMap((c) => c.eventIds).sort()).toEqual(['a@1', 'b@1']);
  });

  it("drops an erased account's late events without a failure (they are not retried) and keeps other users' events", async () => {
    // Prepare
    rollups.erased.add('gone');
    const late = tx('x', { userId: 'gone' });
    const other = tx('y', { userId: 'u2' });

    // Act
    const r = await applyLedgerEvents([message('TransactionRecorded', null, late), message('TransactionRecorded', null, other)], now);

    // Assess
    expect(r.batchItemFailures).toEqual([]);
    expect(storedOf('gone')).toEqual({});
    expect(Object.keys(storedOf('u2'))).toEqual(['EUR#2024-03']);
  });

  it('fails a poison message alone', async () => {
    const good = message('TransactionRecorded', null, tx('a'));
    const poison = { ...message('TransactionRecorded', null, tx('p')), body: '{"id":"p","type":"TransactionRecorded"' } as SQSRecord;
    const r = await applyLedgerEvents([good, poison], now);
    expect(r.batchItemFailures).toEqual([{ itemIdentifier: poison.messageId }]);
    expect(Object.keys(storedOf('u1'))).toEqual(['EUR#2024-03']);
  });
});

describe('repairUser over the ledger and the rollups', () => {
  it('finds a drifted rollup, replaces it with the recount, and then finds nothing', async () => {
    // Prepare: the ledger and the rollups agree, then one counter drifts (a lost event, say)
    const txs = [tx('a'), tx('b', { date: '2024-04-01', amount: 70, baseAmount: 70 })];
    ledger.reset(txs);
    await applyLedgerEvents(txs.map((t) => message('TransactionRecorded', null, t)), new Date('2024-05-01T00:00:00Z'));
    expect((await repairUser('u1', { fix: false, now })).drifts).toEqual([]);
    const march = rollups.rollups.get('u1/EUR/2024-03');
    march?.fields.set('exp', (march.fields.get('exp') ?? 0n) - 1000n);

    // Act
    const found = await repairUser('u1', { fix: true, now });

    // Assess
    expect(found.drifts).toEqual([{ base: 'EUR', month: '2024-03', difference: { exp: 1000 }, fixed: true }]);
    expect(storedOf('u1')).toEqual(Object.fromEntries(Object.entries(recounted(txs)).map(([k, f]) => [k, expect.objectContaining(f)])));
    expect((await repairUser('u1', { fix: true, now })).drifts).toEqual([]);
  });
});
