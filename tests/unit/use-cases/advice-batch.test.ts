import type { SQSRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../events/envelope';
import type { TransactionSnapshot } from '../../../events/transaction-changed';
import { AdviceRefreshRequested } from '../../../events/advice';
import { on } from '../../../shared/async/consumer';
import { onAdviceBatch, onInputsChanged, onLedgerEvent, type AdviceDeps, type AdviceSources } from '../../../shared/use-cases/advice-refresh';
import { adviceMemoryImplementsPort, memory } from '../../support/memory/advice';

// The advice consumer's batch over the in-memory store: one marker read and at most one write per user and batch,
// the recompute armed once and waiting for the latest event, one user's failure failing only their messages.

const NOW = new Date('2026-07-20T12:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

function deps(): { deps: AdviceDeps; published: { queue: string; events: Envelope[]; delay?: number }[] } {
  const published: { queue: string; events: Envelope[]; delay?: number }[] = [];
  const sources = {} as AdviceSources;
  return { published, deps: { store: adviceMemoryImplementsPort, sources, queue: { publish: async (queue, events, o) => void published.push({ queue, events, ...(o?.delaySeconds ? { delay: o.delaySeconds } : {}) }) } } };
}

function snap(userId: string, id: string): TransactionSnapshot {
  return {
    id, userId, type: 'expense', amount: 1299, currency: 'EUR', date: '2026-07-01', description: 'NETFLIX.COM', categoryId: 'subscriptions', accountId: 'a1', toAccountId: null,
    splits: null, tags: [], baseAmount: 1299, baseCurrency: 'EUR', fxStatus: 'converted', version: 1, categorySource: 'user',
  };
}

let n = 0;
function ledger(userId: string, second: number): SQSRecord {
  const t = snap(userId, `t${++n}`);
  const body = { id: `ev-${userId}-${second}-${n}`, type: 'TransactionRecorded', version: 1, occurredAt: `2026-07-20T11:59:${String(second).padStart(2, '0')}Z`, data: { userId, transactionId: t.id, before: null, after: t } };
  return { messageId: `m${n}`, body: JSON.stringify(body), attributes: { ApproximateReceiveCount: '1' } } as unknown as SQSRecord;
}

const eventIdOf = (r: SQSRecord) => (JSON.parse(r.body) as { id: string }).id;
const refreshes: { userId: string }[] = [];
const handlers = { ...on(AdviceRefreshRequested, async (e) => void refreshes.push({ userId: e.data.userId })) };

beforeEach(() => {
  memory.reset();
  refreshes.length = 0;
});

describe('advice consumer: one marker read and at most one write per user and batch', () => {
  it('a batch of ten events arms one recompute, noting the latest event by time, with no refused write', async () => {
    const w = deps();
    const batch = [3, 9, 1, 5, 7, 2, 8, 4, 6, 0].map((s) => ledger('u1', s));
    expect((await onAdviceBatch(batch, handlers, 5, NOW, w.deps)).batchItemFailures).toEqual([]);
    expect(memory.armAttempts).toBe(1);
    expect(memory.reads).toBe(1);
    expect(w.published).toHaveLength(1);
    expect(w.published[0]).toMatchObject({ queue: 'advice', delay: 1 });
    expect(memory.marks.get('u1')?.lastEventId).toBe(eventIdOf(batch[1] as SQSRecord));
  });

  it('while a recompute is armed, a further event is noted with one conditional write and no transactional attempt', async () => {
    const w = deps();
    expect(await onLedgerEvent('u1', 'e1', NOW, w.deps)).toBe('armed');
    expect(await onLedgerEvent('u1', 'e2', later(300), w.deps)).toBe('covered');
    expect(await onLedgerEvent('u1', 'e3', later(600), w.deps)).toBe('covered');
    expect(memory.armAttempts).toBe(1);
    expect(memory.writes).toBe(2);
    expect(memory.marks.get('u1')?.lastEventId).toBe('e3');
    // A redelivery of the event the recompute already waits for writes nothing.
    expect(await onLedgerEvent('u1', 'e3', later(700), w.deps)).toBe('covered');
    expect(memory.writes).toBe(2);
    expect(w.published).toHaveLength(1);
  });

  it('an event after the armed recompute came due arms another, so a recompute follows the last event', async () => {
    const w = deps();
    await onAdviceBatch([ledger('u1', 1)], handlers, 5, NOW, w.deps);
    const last = ledger('u1', 2);
    await onAdviceBatch([last], handlers, 5, later(1500), w.deps);
    expect(w.published).toHaveLength(2);
    expect(memory.marks.get('u1')).toMatchObject({ lastEventId: eventIdOf(last), dueAt: later(2500).toISOString() });
  });

  it('a budget or goal write while a recompute is armed writes nothing', async () => {
    const w = deps();
    await onLedgerEvent('u1', 'e1', NOW, w.deps);
    expect(await onInputsChanged('u1', later(200), w.deps)).toBe('covered');
    expect(memory.armAttempts).toBe(1);
    expect(memory.writes).toBe(0);
  });

  it('one user’s failure fails only their messages; other users and other messages go through', async () => {
    const w = deps();
    memory.failing.add('bad');
    const good = [ledger('u1', 1), ledger('u1', 2)];
    const bad = [ledger('bad', 1), ledger('bad', 3)];
    const refresh = { messageId: 'r1', body: JSON.stringify({ id: 'r-1', type: 'AdviceRefreshRequested', version: 1, occurredAt: NOW.toISOString(), data: { userId: 'u2', attempt: 0, reason: 'ledger' } }), attributes: {} } as unknown as SQSRecord;
    const poison = { messageId: 'p1', body: '{not json', attributes: {} } as unknown as SQSRecord;
    const r = await onAdviceBatch([good[0] as SQSRecord, ...bad, refresh, poison, good[1] as SQSRecord], handlers, 5, NOW, w.deps);
    expect(r.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['p1', ...bad.map((m) => m.messageId)].sort());
    expect(memory.marks.get('u1')?.lastEventId).toBe(eventIdOf(good[1] as SQSRecord));
    expect(refreshes).toEqual([{ userId: 'u2' }]);
  });

  it('an erased user’s late events arm nothing and queue nothing', async () => {
    const w = deps();
    memory.erased.add('gone');
    expect((await onAdviceBatch([ledger('gone', 1), ledger('gone', 2)], handlers, 5, NOW, w.deps)).batchItemFailures).toEqual([]);
    expect(memory.marks.has('gone')).toBe(false);
    expect(w.published).toEqual([]);
  });
});
