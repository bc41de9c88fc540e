import type { SQSRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransactionSnapshot } from '../../../events/transaction-changed';

// The recurring consumer over in-memory stores: incremental detection, convergence under duplicate and reordered
// delivery, the price-rise alert once, an ignored item staying ignored, If-Match on the status.
vi.mock('../../../shared/adapters/recurring', () => import('../../support/memory/recurring'));
vi.mock('../../../shared/adapters/alerts', () => import('../../support/memory/alerts'));
vi.mock('../../../shared/adapters/queue', () => import('../../support/memory/queue'));

import { nextDate, seriesId } from '../../../shared/domain/recurring';
import { PreconditionFailedError, NotFoundError } from '../../../shared/domain/errors';
import { applyLedgerEvents, recurringItems, setRecurringStatus } from '../../../shared/use-cases/recurring';
import { memory } from '../../support/memory/recurring';
import { memory as alerts } from '../../support/memory/alerts';
import { memory as queue } from '../../support/memory/queue';
import { mergePreferences } from '../../../shared/domain/alerts';

const NOW = new Date('2025-06-20T12:00:00Z');

function snap(id: string, date: string, amount: number, description = 'NETFLIX.COM', version = 1, type: TransactionSnapshot['type'] = 'expense'): TransactionSnapshot {
  return {
    id, userId: 'u1', type, amount, currency: 'EUR', date, description, categoryId: 'subscriptions', accountId: 'a1', toAccountId: null,
    splits: null, tags: [], baseAmount: amount, baseCurrency: 'EUR', fxStatus: 'converted', version, categorySource: 'user',
  };
}

let n = 0;
function msg(type: 'TransactionRecorded' | 'TransactionUpdated' | 'TransactionDeleted', before: TransactionSnapshot | null, after: TransactionSnapshot | null): SQSRecord {
  const t = (after ?? before) as TransactionSnapshot;
  const data = { userId: 'u1', transactionId: t.id, before, after };
  return { messageId: `m${++n}`, body: JSON.stringify({ id: `${t.id}@${t.version}`, type, version: 1, occurredAt: '2025-01-01T00:00:00Z', data }), attributes: {} } as unknown as SQSRecord;
}

/** `count` monthly payments from `from`, the amount from `price(i)`. */
function months(from: string, count: number, price: (i: number) => number, prefix = 'n'): TransactionSnapshot[] {
  const out: TransactionSnapshot[] = [];
  let d = from;
  for (let i = 0; i < count; i++) {
    out.push(snap(`${prefix}${i}`, d, price(i)));
    d = nextDate(d, 'monthly');
  }
  return out;
}

const id = seriesId('expense', 'netflix');

beforeEach(() => {
  memory.reset();
  alerts.reset();
  queue.reset();
});

describe('recurring consumer', () => {
  it('detects a subscription as its payments arrive one by one, with its next date', async () => {
    const payments = months('2025-01-05', 5, () => 1299);
    for (const [i, p] of payments.entries()) {
      await applyLedgerEvents([msg('TransactionRecorded', null, p)], NOW);
      const items = await recurringItems('u1');
      if (i < 2) expect(items).toEqual([]);
    }
    const [item] = await recurringItems('u1');
    expect(item).toMatchObject({ id, merchant: 'netflix', type: 'expense', period: 'monthly', lastDate: '2025-05-05', nextExpectedDate: '2025-06-05', averageAmount: 1299, status: 'detected', categoryId: 'subscriptions' });
    expect(item?.transactionIds).toEqual(payments.map((p) => p.id));
  });

  it('ends in the same state whatever the order, with duplicates, an edit and a delete', async () => {
    const payments = months('2024-11-05', 8, () => 1299);
    const moved = { ...(payments[2] as TransactionSnapshot), description: 'Grocer', version: 2 };
    const events = [
      ...payments.map((p) => msg('TransactionRecorded', null, p)),
      msg('TransactionUpdated', payments[2] as TransactionSnapshot, moved),
      msg('TransactionDeleted', payments[5] as TransactionSnapshot, null),
    ];
    await applyLedgerEvents(events, NOW);
    const expected = (await recurringItems('u1')).map(({ version: _v, ...rest }) => rest);
    expect(expected[0]?.transactionIds).toEqual(['n0', 'n1', 'n3', 'n4', 'n6', 'n7']);
    for (let trial = 0; trial < 10; trial++) {
      memory.reset();
      const shuffled = [...events, ...events.slice(0, 3)].sort(() => Math.random() - 0.5);
      for (let i = 0; i < shuffled.length; i += 3) await applyLedgerEvents(shuffled.slice(i, i + 3), NOW);
      expect((await recurringItems('u1')).map(({ version: _v, ...rest }) => rest)).toEqual(expected);
    }
  });

  it('raises one price-rise alert for a rise that stayed, none for income and none once ignored', async () => {
    const payments = months('2024-10-05', 8, (i) => (i < 5 ? 1299 : 1599));
    await applyLedgerEvents(payments.map((p) => msg('TransactionRecorded', null, p)), NOW);
    const [item] = await recurringItems('u1');
    expect(item?.priceChange).toEqual({ from: 1299, to: 1599, since: '2025-03-05' });
    // Redelivery of every event, and a later payment: still one alert.
    await applyLedgerEvents(payments.map((p) => msg('TransactionRecorded', null, p)), NOW);
    await applyLedgerEvents([msg('TransactionRecorded', null, snap('late', '2025-06-05', 1599))], NOW);
    const raised = alerts.of('u1');
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ kind: 'recurring.price_rise', evidence: { recurringId: id, from: 1299, to: 1599, since: '2025-03-05', currency: 'EUR' } });
  });

  it('follows the alert preferences: none when the kind is off, one email queued when immediate', async () => {
    const rise = months('2024-10-05', 8, (i) => (i < 5 ? 1299 : 1599));
    alerts.preferences.set('u1', { ...mergePreferences(undefined), 'recurring.price_rise': { enabled: false, email: 'off' } });
    await applyLedgerEvents(rise.map((p) => msg('TransactionRecorded', null, p)), NOW);
    expect(alerts.of('u1')).toEqual([]);
    alerts.preferences.set('u1', { ...mergePreferences(undefined), 'recurring.price_rise': { enabled: true, email: 'immediate' } });
    await applyLedgerEvents([msg('TransactionRecorded', null, snap('n8', '2025-06-05', 1599))], NOW);
    expect(alerts.of('u1').map((a) => a.kind)).toEqual(['recurring.price_rise']);
    expect(queue.typesOn('notifications')).toEqual(['AlertRaised']);
  });

  it('an ignored item stays ignored when detected again, and raises no alert', async () => {
    await applyLedgerEvents(months('2024-10-05', 5, () => 1299).map((p) => msg('TransactionRecorded', null, p)), NOW);
    const [item] = await recurringItems('u1');
    const ignored = await setRecurringStatus('u1', id, 'ignored', item?.version ?? 0, NOW);
    expect(ignored.status).toBe('ignored');
    await applyLedgerEvents(months('2025-03-05', 3, () => 1599, 'r').map((p) => msg('TransactionRecorded', null, p)), NOW);
    const [again] = await recurringItems('u1');
    expect(again?.status).toBe('ignored');
    expect(again?.priceChange?.to).toBe(1599);
    expect(alerts.of('u1')).toEqual([]);
  });

  it('status changes need the current version and the caller’s own item', async () => {
    await applyLedgerEvents(months('2025-01-05', 4, () => 1299).map((p) => msg('TransactionRecorded', null, p)), NOW);
    const [item] = await recurringItems('u1');
    const version = item?.version ?? 0;
    await expect(setRecurringStatus('u1', id, 'confirmed', version + 1, NOW)).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(setRecurringStatus('u2', id, 'confirmed', version, NOW)).rejects.toBeInstanceOf(NotFoundError);
    const confirmed = await setRecurringStatus('u1', id, 'confirmed', version, NOW);
    expect(confirmed).toMatchObject({ status: 'confirmed', version: version + 1 });
  });

  it('drops an item that no longer looks recurring from the list and keeps its status for when it comes back', async () => {
    const payments = months('2025-01-05', 4, () => 1299);
    await applyLedgerEvents(payments.map((p) => msg('TransactionRecorded', null, p)), NOW);
    const [item] = await recurringItems('u1');
    await setRecurringStatus('u1', id, 'confirmed', item?.version ?? 0, NOW);
    await applyLedgerEvents([msg('TransactionDeleted', payments[3] as TransactionSnapshot, null), msg('TransactionDeleted', payments[2] as TransactionSnapshot, null)], NOW);
    expect(await recurringItems('u1')).toEqual([]);
    expect(memory.recurring.get(`u1/${id}`)).toMatchObject({ active: false, status: 'confirmed' });
    await applyLedgerEvents(months('2025-03-05', 2, () => 1299, 'b').map((p) => msg('TransactionRecorded', null, p)), NOW);
    expect((await recurringItems('u1')).map((i) => [i.status, i.transactionIds.length])).toEqual([['confirmed', 4]]);
  });

  it('keeps income (a salary) apart from expenses and leaves transfers out', async () => {
    const pay: TransactionSnapshot[] = [];
    for (let i = 0; i < 6; i++) pay.push(snap(`s${i}`, new Date(Date.UTC(2025, 0, 3 + 14 * i)).toISOString().slice(0, 10), 210000, 'ACME Payroll', 1, 'income'));
    const transfers = months('2025-01-10', 5, () => 50000).map((t) => ({ ...t, id: `x${t.id}`, type: 'transfer' as const, description: 'Savings' }));
    await applyLedgerEvents([...pay, ...transfers].map((p) => msg('TransactionRecorded', null, p)), NOW);
    const items = await recurringItems('u1');
    expect(items.map((i) => [i.merchant, i.type, i.period])).toEqual([['acme payroll', 'income', 'fortnightly']]);
  });
});

/** `msg` for another user (the snapshot's user id is not read: the event's is). */
function userMsg(userId: string, after: TransactionSnapshot): SQSRecord {
  const record = msg('TransactionRecorded', null, after);
  const body = JSON.parse(record.body) as { data: { userId: string } };
  body.data.userId = userId;
  return { ...record, body: JSON.stringify(body) };
}

describe('recurring consumer: one write per user and batch', () => {
  const merchants = ['NETFLIX.COM', 'SPOTIFY', 'REWE MARKT', 'STADTWERKE', 'FITX GYM'];
  const batchOf = (userId: string, prefix: string) =>
    merchants.flatMap((m, j) => months('2025-01-05', 2, () => 1000 + j, `${prefix}${j}-`).map((t) => userMsg(userId, { ...t, description: m })));

  it('stores every series one user’s batch moves in one batch write with one erasure check', async () => {
    const r = await applyLedgerEvents(batchOf('u1', 'a'), NOW);
    expect(r.batchItemFailures).toEqual([]);
    expect(memory.batches).toBe(1);
    expect([...memory.series.keys()].filter((key) => key.startsWith('u1/'))).toHaveLength(merchants.length);
    expect([...memory.series.values()].every((s) => s.series.entries.length === 2)).toBe(true);
  });

  it('writes nothing again for a redelivered batch, and nothing at all for an erased user', async () => {
    const batch = batchOf('u1', 'a');
    await applyLedgerEvents(batch, NOW);
    await applyLedgerEvents([...batch].reverse(), NOW);
    expect(memory.batches).toBe(1);
    memory.erased.add('u2');
    expect((await applyLedgerEvents(batchOf('u2', 'b'), NOW)).batchItemFailures).toEqual([]);
    expect([...memory.series.keys()].some((key) => key.startsWith('u2/'))).toBe(false);
  });

  it('a failing user fails only their own messages; the other users’ series are stored', async () => {
    const good = batchOf('u1', 'a');
    const bad = batchOf('u3', 'c');
    memory.failing.add('u3');
    const r = await applyLedgerEvents([...good.slice(0, 4), ...bad, ...good.slice(4)], NOW);
    expect(r.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(bad.map((m) => m.messageId).sort());
    expect([...memory.series.keys()].filter((key) => key.startsWith('u1/'))).toHaveLength(merchants.length);
    memory.failing.clear();
    expect((await applyLedgerEvents(bad, NOW)).batchItemFailures).toEqual([]);
    expect([...memory.series.keys()].filter((key) => key.startsWith('u3/'))).toHaveLength(merchants.length);
  });

  it('a concurrent writer moving one series refuses that series: it is read again and every change lands once', async () => {
    const first = batchOf('u1', 'a');
    await applyLedgerEvents(first.slice(0, 2), NOW);
    const netflix = seriesId('expense', 'netflix');
    let moved = false;
    memory.beforeWrite = (userId) => {
      const s = memory.series.get(`${userId}/${netflix}`);
      if (moved || !s) return;
      moved = true;
      // Another invocation stores the same series (same entries, next revision) meanwhile.
      memory.series.set(`${userId}/${netflix}`, { ...s, rev: s.rev + 1 });
    };
    const r = await applyLedgerEvents([...first, ...batchOf('u1', 'd')], NOW);
    expect(r.batchItemFailures).toEqual([]);
    expect(moved).toBe(true);
    expect(memory.batches).toBe(3);
    for (const s of memory.series.values()) expect(s.series.entries.map((e) => e.transactionId).sort()).toEqual([...new Set(s.series.entries.map((e) => e.transactionId))].sort());
    expect(memory.series.get(`u1/${netflix}`)?.series.entries).toHaveLength(4);
    expect([...memory.series.values()].map((s) => s.series.entries.length).reduce((a, b) => a + b, 0)).toBe(merchants.length * 4);
  });
});

describe('recurring consumer: edits that leave the payment as it was', () => {
  const edit = (t: TransactionSnapshot, version: number, changes: Partial<TransactionSnapshot>): TransactionSnapshot => ({ ...t, ...changes, version });

  it('an edit of tags, account or FX conversion reads and writes nothing; a change of date, amount or category is stored', async () => {
    const [p] = months('2025-01-05', 1, () => 1299);
    const v1 = p as TransactionSnapshot;
    await applyLedgerEvents([msg('TransactionRecorded', null, v1)], NOW);
    expect(memory.batches).toBe(1);
    const v2 = edit(v1, 2, { tags: ['tv'], accountId: 'a2', baseAmount: 1402, baseCurrency: 'USD' });
    expect((await applyLedgerEvents([msg('TransactionUpdated', v1, v2)], NOW)).batchItemFailures).toEqual([]);
    expect(memory.batches).toBe(1);
    await applyLedgerEvents([msg('TransactionUpdated', v2, edit(v2, 3, { categoryId: 'entertainment' }))], NOW);
    expect(memory.batches).toBe(2);
    expect(memory.series.get(`u1/${id}`)?.series.entries.map((e) => [e.categoryId, e.version])).toEqual([['entertainment', 3]]);
  });

  it('with such edits in the histories, any order, repetition and batching ends in the same series', async () => {
    const payments = months('2024-11-05', 6, () => 1299);
    const at = (i: number) => payments[i] as TransactionSnapshot;
    // Each version edits the one before it.
    const chain = (first: TransactionSnapshot, ...changes: Partial<TransactionSnapshot>[]) => changes.reduce<TransactionSnapshot[]>((h, c, i) => [...h, edit(h[i] as TransactionSnapshot, i + 2, c)], [first]);
    const h1 = chain(at(1), { tags: ['x'] }, { amount: 1399 }, { accountId: 'a9' });
    const h2 = chain(at(3), { description: 'Grocer' }, { tags: ['y'] }, { description: 'NETFLIX.COM' }, { tags: [] });
    const h3 = chain(at(4), { tags: ['z'] });
    const history = (h: TransactionSnapshot[]) => h.map((t, i) => msg(i === 0 ? 'TransactionRecorded' : 'TransactionUpdated', h[i - 1] ?? null, t));
    const events = [...[0, 2, 5].map((i) => msg('TransactionRecorded', null, at(i))), ...history(h1), ...history(h2), ...history(h3), msg('TransactionDeleted', h3[1] as TransactionSnapshot, null)];
    const state = () => [...memory.series.entries()].map(([k, s]) => [k, [...s.series.entries].sort((a, b) => (a.transactionId < b.transactionId ? -1 : 1)).map(({ version: _v, ...e }) => e)]).sort();
    await applyLedgerEvents(events, NOW);
    const expected = state();
    expect(memory.series.get(`u1/${id}`)?.series.entries.map((e) => [e.transactionId, e.amount]).sort()).toEqual([['n0', 1299], ['n1', 1399], ['n2', 1299], ['n3', 1299], ['n5', 1299]]);
    for (let trial = 0; trial < 40; trial++) {
      memory.reset();
      const order = [...events, ...events.slice(0, trial % 7)].sort(() => Math.random() - 0.5);
      const size = 1 + (trial % 4);
      for (let i = 0; i < order.length; i += size) await applyLedgerEvents(order.slice(i, i + size), NOW);
      expect(state(), `trial ${trial}`).toEqual(expected);
    }
  });
});
