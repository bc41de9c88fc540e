import { beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../events/envelope';
import type { StoredFields } from '../../../shared/domain/analytics/fields';
import { adviceFeedback, applyAdvice, listAdvice, openAdvice } from '../../../shared/use-cases/advice';
import { onInputsChanged, onLedgerEvent, onRefreshRequested, recomputeAdvice, monthlySweep, type AdviceDeps, type AdviceSources } from '../../../shared/use-cases/advice-refresh';
import { adviceMemoryImplementsPort, memory } from '../../support/memory/advice';

const NOW = new Date('2026-07-20T12:00:00Z');
const U = 'u1';

function world() {
  const rollups = new Map<string, Record<string, number>>();
  const budgets: { id: string; categoryId: string | null }[] = [];
  const published: { queue: string; events: Envelope[]; delay?: number }[] = [];
  let created = 0;
  for (const m of ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']) rollups.set(m, { inc: 300000, exp: 100000, 'ce:food': 60000, 'ce:transport': 40000 });
  rollups.set('2026-07', { exp: 30000, 'ce:food': 30000 });
  const sources: AdviceSources = {
    profile: async () => ({ baseCurrency: 'EUR', timezone: 'UTC', monthlyIncome: null }),
    rollups: async (_u, _b, from, to) => [...rollups].filter(([m]) => m >= from && m <= to).map(([month, fields]) => ({ month, fields: fields as StoredFields })),
    budgets: async () => budgets,
    goals: async () => [],
    recurring: async () => [],
    accounts: async () => [],
    rates: async () => undefined,
    createBudget: async (_u, input) => {
      const id = `b${++created}`;
      budgets.push({ id, categoryId: input.categoryId });
      return { id };
    },
  };
  const deps: AdviceDeps = { store: adviceMemoryImplementsPort, sources, queue: { publish: async (queue, events, o) => void published.push({ queue, events, ...(o?.delaySeconds ? { delay: o.delaySeconds } : {}) }) } };
  return { rollups, budgets, published, deps, created: () => created };
}

beforeEach(() => memory.reset());

describe('advice use case', () => {
  it('stores the advice the aggregates give; a write that changes the evidence updates it in place', async () => {
    const w = world();
    await recomputeAdvice(U, NOW, w.deps);
    expect((await listAdvice(U, 'open', w.deps)).items.map((a) => a.kind).sort()).toEqual(['budgets.suggested']);
    w.rollups.set('2026-07', { exp: 90000, 'ce:food': 90000 });
    await recomputeAdvice(U, NOW, w.deps);
    const above = (await openAdvice(U, w.deps)).find((a) => a.kind === 'category.above_baseline');
    expect(above?.impact).toEqual({ monthly: 30000, currency: 'EUR' });
    w.rollups.set('2026-07', { exp: 95000, 'ce:food': 95000 });
    await recomputeAdvice(U, new Date(NOW.getTime() + 1000), w.deps);
    const again = (await openAdvice(U, w.deps)).find((a) => a.kind === 'category.above_baseline');
    expect(again?.id).toBe(above?.id);
    expect(again?.evidence.observed).toBe(95000);
    expect(again?.createdAt).toBe(above?.createdAt);
  });

  it('an above-baseline advice names the month’s latest expenses in its category as evidence', async () => {
    const w = world();
    memory.categoryTx.set(`${U}/food`, ['t9', 't8', 't7']);
    w.rollups.set('2026-07', { exp: 90000, 'ce:food': 90000 });
    await recomputeAdvice(U, NOW, w.deps);
    const above = (await openAdvice(U, w.deps)).find((a) => a.kind === 'category.above_baseline');
    expect(above?.evidence.transactionIds).toEqual(['t9', 't8', 't7']);
  });

  it('dismissing keeps it away for the same evidence; it is listed under dismissed', async () => {
    const w = world();
    w.rollups.set('2026-07', { exp: 90000, 'ce:food': 90000 });
    await recomputeAdvice(U, NOW, w.deps);
    const above = (await openAdvice(U, w.deps)).find((a) => a.kind === 'category.above_baseline');
    if (!above) throw new Error('no advice');
    const dismissed = await adviceFeedback(U, above.id, { useful: false, dismiss: true }, NOW, w.deps);
    expect(dismissed).toMatchObject({ status: 'dismissed', useful: false });
    w.rollups.set('2026-07', { exp: 120000, 'ce:food': 120000 });
    await recomputeAdvice(U, NOW, w.deps);
    expect((await openAdvice(U, w.deps)).some((a) => a.kind === 'category.above_baseline')).toBe(false);
    expect((await listAdvice(U, 'dismissed', w.deps)).items.map((a) => a.id)).toEqual([above.id]);
  });

  it('an advice whose evidence is gone is removed', async () => {
    const w = world();
    w.rollups.set('2026-07', { exp: 90000, 'ce:food': 90000 });
    await recomputeAdvice(U, NOW, w.deps);
    w.rollups.set('2026-07', { exp: 10000, 'ce:food': 10000 });
    await recomputeAdvice(U, NOW, w.deps);
    expect((await openAdvice(U, w.deps)).map((a) => a.kind)).toEqual(['budgets.suggested']);
  });

  it('apply creates the suggested budgets once; again creates none', async () => {
    const w = world();
    await recomputeAdvice(U, NOW, w.deps);
    const [s] = (await openAdvice(U, w.deps)).filter((a) => a.kind === 'budgets.suggested');
    if (!s) throw new Error('no advice');
    const applied = await applyAdvice(U, s.id, NOW, w.deps);
    expect(applied.status).toBe('applied');
    expect(w.budgets.map((b) => b.categoryId).sort()).toEqual(['food', 'transport']);
    const again = await applyAdvice(U, s.id, NOW, w.deps);
    expect(again.appliedBudgetIds).toEqual(applied.appliedBudgetIds);
    expect(w.created()).toBe(2);
    await recomputeAdvice(U, NOW, w.deps);
    expect((await openAdvice(U, w.deps)).some((a) => a.kind === 'budgets.suggested')).toBe(false);
  });

  it('feedback and apply on an unknown id: 404; apply of another kind: 409', async () => {
    const w = world();
    await expect(adviceFeedback(U, 'nope', { useful: true }, NOW, w.deps)).rejects.toMatchObject({ name: 'NotFoundError' });
    w.rollups.set('2026-07', { exp: 90000, 'ce:food': 90000 });
    await recomputeAdvice(U, NOW, w.deps);
    const above = (await openAdvice(U, w.deps)).find((a) => a.kind === 'category.above_baseline');
    await expect(applyAdvice(U, above?.id ?? '', NOW, w.deps)).rejects.toMatchObject({ name: 'ConflictError' });
    await expect(applyAdvice('u2', above?.id ?? '', NOW, w.deps)).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('debounce: a burst of events queues one delayed recompute; it waits for the analytics to count the latest', async () => {
    const w = world();
    expect(await onLedgerEvent(U, 'e1', NOW, w.deps)).toBe('armed');
    expect(await onLedgerEvent(U, 'e2', new Date(NOW.getTime() + 300), w.deps)).toBe('covered');
    expect(await onLedgerEvent(U, 'e3', new Date(NOW.getTime() + 600), w.deps)).toBe('covered');
    expect(w.published).toHaveLength(1);
    expect(w.published[0]).toMatchObject({ queue: 'advice', delay: 1 });
    expect(await onRefreshRequested({ userId: U, attempt: 0, reason: 'ledger' }, NOW, w.deps)).toBe('waiting');
    memory.applied.add('e3');
    expect(await onRefreshRequested({ userId: U, attempt: 1, reason: 'ledger' }, NOW, w.deps)).toBe('recomputed');
    expect(await onLedgerEvent(U, 'e4', new Date(NOW.getTime() + 1500), w.deps)).toBe('armed');
  });

  it('the monthly sweep queues one message per shard, and a shard message one refresh per user of the shard', async () => {
    const published: { queue: string; events: { type: string; data: unknown }[] }[] = [];
    const deps = {
      shards: 2,
      publish: async (queue: string, events: { type: string; data: unknown }[]) => void published.push({ queue, events }),
      profilesPage: async (shard: number) => ({ profiles: shard === 0 ? [{ userId: 'a' }, { userId: 'b' }, {}] : [{ userId: 'c' }] }),
    };
    const at = new Date('2026-08-01T05:00:00.000Z');
    expect(await monthlySweep(at, undefined, undefined, Infinity, deps)).toMatchObject({ queued: 0, shards: 2 });
    expect(published.flatMap((p) => p.events).filter((e) => e.type === 'AdviceRefreshRequested')).toHaveLength(0);
    expect(await monthlySweep(at, 0, undefined, Infinity, deps)).toMatchObject({ queued: 2, skipped: 1, continued: false });
    const refreshes = published.flatMap((p) => p.events).filter((e) => e.type === 'AdviceRefreshRequested');
    expect(refreshes.map((e) => (e.data as { userId: string }).userId)).toEqual(['a', 'b']);
  });

  it('the monthly refresh evaluates the health.drop alert once per user message, after the recompute; a ledger refresh does not', async () => {
    const w = world();
    const calls: { userId: string; now: Date; adviceStored: number }[] = [];
    const deps: AdviceDeps = { ...w.deps, healthDrop: async (userId, now) => void calls.push({ userId, now, adviceStored: (await listAdvice(userId, 'open', w.deps)).items.length }) };
    expect(await onRefreshRequested({ userId: U, attempt: 0, reason: 'ledger' }, NOW, deps)).toBe('recomputed');
    expect(calls).toHaveLength(0);
    memory.reset();
    expect(await onRefreshRequested({ userId: U, attempt: 0, reason: 'monthly' }, NOW, deps)).toBe('recomputed');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ userId: U, now: NOW });
    expect(calls[0]?.adviceStored).toBeGreaterThan(0);
  });

  it('a budget or goal write arms the same debounced recompute without noting a ledger event, so it waits for none', async () => {
    const w = world();
    expect(await onInputsChanged(U, NOW, w.deps)).toBe('armed');
    expect(await onInputsChanged(U, new Date(NOW.getTime() + 300), w.deps)).toBe('covered');
    expect(await onLedgerEvent(U, 'e1', new Date(NOW.getTime() + 500), w.deps)).toBe('covered');
    expect(w.published).toHaveLength(1);
    expect(w.published[0]).toMatchObject({ queue: 'advice', delay: 1 });
    expect(w.published[0]?.events[0]).toMatchObject({ type: 'AdviceRefreshRequested', data: { userId: U, attempt: 0 } });
    // The ledger event noted meanwhile is still waited for; once counted, the recompute runs.
    expect(await onRefreshRequested({ userId: U, attempt: 0, reason: 'ledger' }, NOW, w.deps)).toBe('waiting');
    memory.applied.add('e1');
    expect(await onRefreshRequested({ userId: U, attempt: 1, reason: 'ledger' }, NOW, w.deps)).toBe('recomputed');
    // Armed again later by a plan write alone: nothing to wait for.
    expect(await onInputsChanged('u2', new Date(NOW.getTime() + 1500), w.deps)).toBe('armed');
    expect(await onRefreshRequested({ userId: 'u2', attempt: 0, reason: 'ledger' }, NOW, w.deps)).toBe('recomputed');
  });
});
