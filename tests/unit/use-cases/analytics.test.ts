import type { SQSRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransactionSnapshot } from '../../../events/transaction-changed';
import type { TransactionRecord } from '../../../shared/adapters/ledger';

// Unit tests of the analytics pipeline over in-memory ports (tests/support/memory): applying ledger events to the
// rollups (exact deltas, each event once, an erased account's events dropped) and the repair that recounts them from
// the ledger (drift found and fixed). No emulator: the integration tests prove the DynamoDB adapters.
vi.mock('../../../shared/adapters/rollups', () => import('../../support/memory/rollups'));
vi.mock('../../../shared/adapters/ledger', () => import('../../support/memory/ledger'));
vi.mock('../../../shared/adapters/queue', () => import('../../support/memory/queue'));
vi.mock('../../../shared/adapters/dirty-users', () => import('../../support/memory/dirty-users'));
// The analytics consumer forwards every counted event to the alerts queue (memory here).

import { recountExact } from '../../../shared/domain/analytics';
import { applyLedgerEvents } from '../../../shared/use-cases/analytics-apply';
import { repairUser } from '../../../shared/use-cases/analytics-repair';
import { memory as ledger } from '../../support/memory/ledger';
import { memory as rollups, dailyRange } from '../../support/memory/rollups';
import * as queue from '../../support/memory/queue';

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
  return Object.fromEntries([...rollups.rollups, ...rollups.daily].filter(([k]) => k.startsWith(`${userId}/`)).map(([k, r]) => [k.split('/').slice(1).join('#'), Object.fromEntries([...r.fields].map(([f, v]) => [f, Number(v)]))]));
}

beforeEach(() => {
  rollups.reset();
  ledger.reset();
  queue.memory.reset();
  vi.restoreAllMocks();
});

/** Event ids forwarded to the alerts queue, in order. */
const forwarded = () => queue.memory.published.filter((p) => p.queue === 'alerts').map((p) => p.event.id);

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
    expect(Object.keys(storedOf('u2'))).toEqual(['EUR#2024-03', 'EUR#2024-03-05']);
  });

  it('fails a poison message alone', async () => {
    const good = message('TransactionRecorded', null, tx('a'));
    const poison = { ...message('TransactionRecorded', null, tx('p')), body: '{"id":"p","type":"TransactionRecorded"' } as SQSRecord;
    const r = await applyLedgerEvents([good, poison], now);
    expect(r.batchItemFailures).toEqual([{ itemIdentifier: poison.messageId }]);
    expect(Object.keys(storedOf('u1'))).toEqual(['EUR#2024-03', 'EUR#2024-03-05']);
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

describe('daily rollups', () => {
  it('keeps daily items in the same write: a date move within the month moves the day only, and dailyRange reads them', async () => {
    // Prepare
    const a = tx('a', { date: '2024-03-05' });
    const b = tx('b', { date: '2024-03-09', type: 'income', amount: 5000, baseAmount: 5000, categoryId: 'salary' });
    const p = tx('p', { date: '2024-03-09', currency: 'USD', amount: 700, baseAmount: null, fxStatus: 'pending' });
    const moved = { ...a, date: '2024-03-20', version: 2 };

    // Act
    await applyLedgerEvents([message('TransactionRecorded', null, a), message('TransactionRecorded', null, b), message('TransactionRecorded', null, p)], now);
    await applyLedgerEvents([message('TransactionUpdated', a, moved)], now);

    // Assess: one write per batch, each with its dedup records and both granularities
    expect(rollups.calls.map((c) => c.outcome)).toEqual(['applied', 'applied']);
    expect(await dailyRange('u1', 'EUR', '2024-03-01', '2024-03-31')).toEqual([
      { day: '2024-03-09', fields: { inc: 5000, 'ci:salary': 5000, pn: 1, 'pce:USD:food': 700, 'pcen:USD:food': 1 } },
      { day: '2024-03-20', fields: { exp: 1000, 'ce:food': 1000 } },
    ]);
    expect(await dailyRange('u1', 'EUR', '2024-03-10', '2024-03-19')).toEqual([]);
    expect(await dailyRange('u1', 'USD', '2024-03-01', '2024-03-31')).toEqual([]);
    const nonZero = Object.fromEntries(
      Object.entries(storedOf('u1'))
        .map(([k, f]) => [k, Object.fromEntries(Object.entries(f).filter(([, v]) => v !== 0))] as const)
        .filter(([, f]) => Object.keys(f).length > 0),
    );
    expect(nonZero).toEqual(recounted([moved, b, p]));
  });

  it('groups by rollup items, not events: 45 events on 45 days fit one transaction, 50 on 50 days do not', async () => {
    // Prepare: 45 events on 45 days: 1 + 45 + 2 + 45 = 93 fit; 50 events on 50 days: 1 + 50 + 2 + 50 = 103 do not.
    const days = (n: number) => Array.from({ length: n }, (_, i) => tx(`t${n}-${i}`, { date: i < 28 ? `2024-03-${String(i + 1).padStart(2, '0')}` : `2024-04-${String(i - 27).padStart(2, '0')}` }));
    const fits = days(45);
    const tooMany = days(50).map((t) => ({ ...t, userId: 'u2' }));

    // Act
    await applyLedgerEvents(fits.map((t) => message('TransactionRecorded', null, t)), now);
    await applyLedgerEvents(tooMany.map((t) => message('TransactionRecorded', null, t)), now);

    // Assess
    expect(rollups.calls.filter((c) => c.userId === 'u1').map((c) => c.eventIds.length)).toEqual([45]);
    expect(rollups.calls.filter((c) => c.userId === 'u2').map((c) => c.eventIds.length)).toEqual(Array(50).fill(1));
    expect((await dailyRange('u2', 'EUR', '2024-03-01', '2024-04-30')).length).toBe(50);
  });
});

describe('forward to the alerts queue', () => {
  it('forwards every applied and duplicate event once its rollups are written, envelope unchanged, and never an erased one', async () => {
    // Prepare
    rollups.erased.add('gone');
    const a = message('TransactionRecorded', null, tx('a'));
    const b = message('TransactionRecorded', null, tx('b'));
    const late = message('TransactionRecorded', null, tx('x', { userId: 'gone' }));

    // Act
    await applyLedgerEvents([a, late], now);
    await applyLedgerEvents([a, b], now);

    // Assess: a forwarded on apply and again on its redelivery (a duplicate), b once, the erased user's never
    expect(forwarded()).toEqual(['a@1', 'a@1', 'b@1']);
    expect(queue.memory.published[0]?.event).toEqual(JSON.parse(a.body));
  });

  it('reports the events of a failed forward as batch failures, after their rollups are applied; redelivery forwards them', async () => {
    // Prepare
    const a = message('TransactionRecorded', null, tx('a'));
    const b = message('TransactionRecorded', null, tx('b', { userId: 'u2' }));
    const spy = vi.spyOn(queue, 'publish').mockRejectedValueOnce(new Error('SQS down'));

    // Act
    const first = await applyLedgerEvents([a, b], now);
    spy.mockRestore();
    const again = await applyLedgerEvents([a], now);

    // Assess: exactly one user's forward failed; its event is counted once and forwarded on redelivery
    expect(first.batchItemFailures).toHaveLength(1);
    const failedId = first.batchItemFailures[0]?.itemIdentifier;
    expect([a.messageId, b.messageId]).toContain(failedId);
    expect(again.batchItemFailures).toEqual([]);
    expect(rollups.calls.filter((c) => c.outcome === 'applied').flatMap((c) => c.eventIds).sort()).toEqual(['a@1', 'b@1']);
    expect(forwarded()).toContain('a@1');
  });

  it('does not forward an event whose write failed', async () => {
    const a = message('TransactionRecorded', null, tx('a'));
    const store = await import('../../support/memory/rollups');
    vi.spyOn(store, 'applyOnce').mockRejectedValue(new Error('throttled'));
    const r = await applyLedgerEvents([a], now);
    expect(r.batchItemFailures).toEqual([{ itemIdentifier: a.messageId }]);
    expect(forwarded()).toEqual([]);
  });
});

describe('repairUser over daily rollups', () => {
  it('finds a wrong, a missing and an extra daily item, fixes each under the updatedAt guard, then finds nothing', async () => {
    // Prepare
    const txs = [tx('a', { date: '2024-03-05' }), tx('b', { date: '2024-03-07', amount: 70, baseAmount: 70 })];
    ledger.reset(txs);
    await applyLedgerEvents(txs.map((t) => message('TransactionRecorded', null, t)), new Date('2024-05-01T00:00:00Z'));
    expect((await repairUser('u1', { fix: false, now })).drifts).toEqual([]);
    rollups.daily.get('u1/EUR/2024-03-05')?.fields.set('ce:food', 1n);
    rollups.daily.delete('u1/EUR/2024-03-07');
    rollups.daily.set('u1/EUR/2024-03-09', { fields: new Map([['exp', 5n], ['ce:food', 5n]]), updatedAt: '2024-05-01T00:00:00.000Z' });

    // Act
    const found = await repairUser('u1', { fix: true, now });

    // Assess
    expect(found.drifts).toEqual([
      { base: 'EUR', month: '2024-03', day: '2024-03-05', difference: { 'ce:food': 999 }, fixed: true },
      { base: 'EUR', month: '2024-03', day: '2024-03-07', difference: { 'ce:food': 70, exp: 70 }, fixed: true },
      { base: 'EUR', month: '2024-03', day: '2024-03-09', difference: { 'ce:food': -5, exp: -5 }, fixed: true },
    ]);
    expect(found.days).toBe(2);
    expect(rollups.daily.has('u1/EUR/2024-03-09')).toBe(false);
    expect(storedOf('u1')).toEqual(Object.fromEntries(Object.entries(recounted(txs)).map(([k, f]) => [k, expect.objectContaining(f)])));
    expect((await repairUser('u1', { fix: true, now })).drifts).toEqual([]);
  });

  it('leaves a daily item changed in the last 10 minutes alone', async () => {
    ledger.reset([tx('a')]);
    rollups.daily.set('u1/EUR/2024-03-05', { fields: new Map([['exp', 1n]]), updatedAt: new Date(now.getTime() - 60_000).toISOString() });
    const r = await repairUser('u1', { fix: true, now });
    const day = r.drifts.find((d) => d.day === '2024-03-05');
    expect(day?.fixed).toBe(false);
    expect(day?.skipped).toMatch(/10 minutes/);
    expect(rollups.dayFieldsOf('u1', 'EUR', '2024-03-05')).toEqual({ exp: 1 });
  });
});

