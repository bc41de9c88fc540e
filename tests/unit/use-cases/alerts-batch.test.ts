import type { SQSRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransactionSnapshot } from '../../../events/transaction-changed';

// The alerts consumer's batch over in-memory ports: real budget statuses (budgetEvaluations over in-memory rollups
// made from a ledger), the in-memory alerts store, profiles and queue.
vi.mock('../../../shared/adapters/alerts', () => import('../../support/memory/alerts'));
vi.mock('../../../shared/adapters/profiles', () => import('../../support/memory/profiles'));
vi.mock('../../../shared/adapters/queue', () => import('../../support/memory/queue'));

import type { StoredFields } from '../../../shared/domain/analytics/fields';
import { alertId, type GoalStatusView } from '../../../shared/domain/alerts';
import { putPreferences, raiseAlerts, type AlertSources, type LedgerChange } from '../../../shared/use-cases/alerts';
import { raiseAlertsOfBatch } from '../../../shared/use-cases/alerts-batch';
import { budgetEvaluations, budgetStatuses, createBudget, type BudgetDeps } from '../../../shared/use-cases/budgets';
import { memory as store } from '../../support/memory/alerts';
import * as budgetsMemory from '../../support/memory/budgets';
import { memory as profiles } from '../../support/memory/profiles';
import { memory as queue } from '../../support/memory/queue';

const NOW = new Date('2024-03-25T12:00:00Z');
const categories = [
  { id: 'food', name: 'Food', parentId: null, kind: 'expense' as const },
  { id: 'food.groceries', name: 'Groceries', parentId: 'food', kind: 'expense' as const },
  { id: 'transport', name: 'Transport', parentId: null, kind: 'expense' as const },
];
const snap = (id: string, date: string, amount: number, categoryId = 'food.groceries', type: TransactionSnapshot['type'] = 'expense', userId = 'u1'): TransactionSnapshot => ({
  id, userId, type, amount, currency: 'EUR', date, description: id, categoryId, accountId: 'a1', toAccountId: null, splits: null, tags: [],
  baseAmount: amount, baseCurrency: 'EUR', fxStatus: 'converted', version: 1,
});
const change = (before: TransactionSnapshot | null, after: TransactionSnapshot | null): LedgerChange => ({ userId: (after ?? before)?.userId ?? 'u1', transactionId: (after ?? before)?.id ?? '', before, after });

/** The final ledger the rollups hold (per user): expenses add to `ce:<category>`, incomes to `ci:<category>`. */
let ledger: TransactionSnapshot[] = [];
const reads = { evaluations: 0, goals: 0 };
/** The profiles the consumer handed to its sources (read once, not again by each source). */
const handed: unknown[] = [];
let failGoalsOf: string | undefined;

function dayFields(userId: string): Map<string, Record<string, number>> {
  const days = new Map<string, Record<string, number>>();
  for (const t of ledger.filter((x) => x.userId === userId)) {
    const f = days.get(t.date) ?? {};
    const k = `${t.type === 'income' ? 'ci' : 'ce'}:${t.categoryId}`;
    f[k] = (f[k] ?? 0) + (t.baseAmount ?? 0);
    days.set(t.date, f);
  }
  return days;
}

const deps: BudgetDeps = {
  budgets: budgetsMemory,
  listCategories: async () => categories,
  readCategories: async () => categories,
  getProfile: async () => ({ baseCurrency: 'EUR', timezone: 'UTC' }),
  dailyRange: async (u, _b, from, to) => [...dayFields(u)].filter(([d]) => d >= from && d <= to).sort().map(([day, fields]) => ({ day, fields: fields as StoredFields })),
  pendingDays: async () => [],
  rollupRange: async (u, _b, from, to) => {
    const months = new Map<string, Record<string, number>>();
    for (const [d, f] of dayFields(u)) {
      if (d.slice(0, 7) < from || d.slice(0, 7) > to) continue;
      const acc = months.get(d.slice(0, 7)) ?? {};
      for (const [k, v] of Object.entries(f)) acc[k] = (acc[k] ?? 0) + v;
      months.set(d.slice(0, 7), acc);
    }
    return [...months].sort().map(([month, fields]) => ({ month, fields, updatedAt: `${month}-28T00:00:00.000Z` }));
  },
};

const goals: GoalStatusView[] = [{ goalId: 'g1', name: 'Bike', status: 'reached', saved: 500, targetAmount: 500, currency: 'EUR' }];
const sources: AlertSources = {
  budgetStatuses: (u, date) => budgetStatuses(u, date, deps),
  goalStatuses: async (u, _asOf, profile) => {
    reads.goals++;
    handed.push(profile);
    if (u === failGoalsOf) throw new Error('goals unreadable');
    return goals;
  },
  budgetEvaluations: (u, touches, profile) => (reads.evaluations++, handed.push(profile), budgetEvaluations(u, touches, deps, profile)),
};

let messages = 0;
function record(c: LedgerChange, eventId = `${c.transactionId}@${messages}`, correlationId = `req-${c.transactionId}`): SQSRecord {
  messages++;
  const body = { id: eventId, type: c.before && c.after ? 'TransactionUpdated' : c.after ? 'TransactionRecorded' : 'TransactionDeleted', version: 1, occurredAt: NOW.toISOString(), correlationId, data: c };
  return { messageId: `m${messages}`, body: JSON.stringify(body), attributes: { ApproximateReceiveCount: '1' } } as unknown as SQSRecord;
}

const profile = (userId: string) => ({ userId, email: `${userId}@example.com`, username: userId, name: null, baseCurrency: 'EUR', monthlyIncome: null, timezone: 'UTC', createdAt: '', updatedAt: '', version: 1, confirmedAt: '2024-01-01T00:00:00Z' });
let food = '';
let all = '';

beforeEach(async () => {
  store.reset();
  queue.reset();
  profiles.reset();
  ledger = [];
  failGoalsOf = undefined;
  Object.assign(reads, { evaluations: 0, goals: 0 });
  handed.length = 0;
  budgetsMemory.memory.reset('u1');
  for (const u of ['u1', 'u2']) profiles.profiles.set(u, profile(u));
  const at = new Date('2024-01-01T00:00:00Z');
  food = (await createBudget('u1', { name: 'Food', categoryId: 'food', period: 'monthly', amount: 10_000, rollover: 'none' }, at, deps)).id;
  all = (await createBudget('u1', { name: 'Everything', categoryId: null, period: 'monthly', amount: 100_000, rollover: 'none' }, at, deps)).id;
  await createBudget('u2', { name: 'Food', categoryId: 'food', period: 'monthly', amount: 10_000, rollover: 'none' }, at, deps);
});

const threshold = (budgetId: string, t: number) => alertId('budget.threshold', budgetId, '2024-03-01', String(t));
const ids = (userId: string) => new Set(store.of(userId).map((a) => a.id));

describe('raiseAlertsOfBatch', () => {
  it('reads the budgets and goals once per user for a whole batch, and stores what the events raise one by one', async () => {
    ledger = [snap('t1', '2024-03-02', 3000), snap('t2', '2024-03-05', 3000), snap('t3', '2024-03-20', 2500)];
    const batch = ledger.map((t) => record(change(null, t)));
    expect(await raiseAlertsOfBatch(batch, sources, NOW)).toEqual({ batchItemFailures: [] });
    expect(reads).toEqual({ evaluations: 1, goals: 1 });
    expect(handed).toEqual([{ baseCurrency: 'EUR', timezone: 'UTC' }, { baseCurrency: 'EUR', timezone: 'UTC' }]);
    const batched = ids('u1');
    store.reset();
    for (const t of ledger) await raiseAlerts(change(null, t), sources, NOW);
    expect(batched).toEqual(ids('u1'));
    expect(batched).toEqual(new Set([threshold(food, 50), threshold(food, 80), alertId('budget.pace', food, '2024-03-01'), alertId('goal.reached', 'g1')]));
  });

  it('writes no alert the user already has: the ids are read first, no conditional put is refused', async () => {
    ledger = [snap('t1', '2024-03-02', 6000)];
    await raiseAlertsOfBatch([record(change(null, ledger[0] as TransactionSnapshot))], sources, NOW);
    const first = new Map(store.attempts);
    expect([...first.values()].every((n) => n === 1)).toBe(true);
    // A redelivery, a duplicate in the batch, and the next event reaching the same levels.
    ledger.push(snap('t2', '2024-03-03', 100));
    await raiseAlertsOfBatch([record(change(null, ledger[0] as TransactionSnapshot), 't1@1'), record(change(null, ledger[0] as TransactionSnapshot), 't1@1'), record(change(null, ledger[1] as TransactionSnapshot))], sources, NOW);
    expect(store.attempts).toEqual(first);
    expect(store.of('u1')).toHaveLength(first.size);
  });

  it('raises a threshold when an edit moves an expense into the budget’s category, and when deleting a refund raises spending', async () => {
    ledger = [snap('t1', '2024-03-02', 6000, 'food.groceries')];
    await raiseAlertsOfBatch([record(change(snap('t1', '2024-03-02', 6000, 'transport'), ledger[0] as TransactionSnapshot))], sources, NOW);
    expect(ids('u1')).toContain(threshold(food, 50));
    expect(ids('u1')).not.toContain(threshold(food, 80));
    // A refund of 30.00 in food is deleted: with a 90.00 expense, food spending goes from 60 % to 90 %.
    ledger = [snap('t1', '2024-03-02', 9000, 'food.groceries')];
    await raiseAlertsOfBatch([record(change(snap('r1', '2024-03-04', 3000, 'food', 'income'), null))], sources, NOW);
    expect(ids('u1')).toContain(threshold(food, 80));
  });

  it('evaluates a change in another category against the budget of everything only', async () => {
    ledger = [snap('t1', '2024-03-02', 20_000, 'food.groceries'), snap('t2', '2024-03-03', 60_000, 'transport')];
    await raiseAlertsOfBatch([record(change(null, ledger[1] as TransactionSnapshot))], sources, NOW);
    const kinds = store.of('u1').map((a) => `${a.kind}:${a.budgetId ?? a.goalId}`);
    expect(kinds).toContain(`budget.threshold:${all}`);
    expect(kinds.some((k) => k.endsWith(food))).toBe(false);
  });

  it('fails only the records of the user whose evaluation failed, and a poison record alone', async () => {
    ledger = [snap('t1', '2024-03-02', 6000), snap('x1', '2024-03-02', 6000, 'food', 'expense', 'u2')];
    failGoalsOf = 'u2';
    const u1 = record(change(null, ledger[0] as TransactionSnapshot));
    const u2 = record(change(null, ledger[1] as TransactionSnapshot));
    const poison = { ...record(change(null, ledger[0] as TransactionSnapshot)), body: '{"id":"p","type":"TransactionRecorded","version":1,"occurredAt":"x","data":{}}' } as SQSRecord;
    const result = await raiseAlertsOfBatch([u1, u2, poison], sources, NOW);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual([poison.messageId, u2.messageId].sort());
    expect(ids('u1')).toContain(threshold(food, 50));
    expect(store.of('u2')).toEqual([]);
  });

  it('writes nothing for an erased user, and reports no failure', async () => {
    profiles.profiles.delete('u2');
    ledger = [snap('x1', '2024-03-02', 6000, 'food', 'expense', 'u2')];
    expect(await raiseAlertsOfBatch([record(change(null, ledger[0] as TransactionSnapshot))], sources, NOW)).toEqual({ batchItemFailures: [] });
    expect(store.of('u2')).toEqual([]);
    expect(store.attempts.size).toBe(0);
  });

  it('queues each immediate email once, in the correlation of the event that raised the alert', async () => {
    await putPreferences('u1', { 'budget.threshold': { email: 'immediate' } });
    ledger = [snap('t1', '2024-03-02', 6000)];
    const r = record(change(null, ledger[0] as TransactionSnapshot), 't1@1', 'req-42');
    await raiseAlertsOfBatch([r, r], sources, NOW);
    await raiseAlertsOfBatch([r], sources, NOW);
    const emails = queue.published.filter((p) => p.queue === 'notifications');
    expect(emails.map((e) => (e.event.data as { alertId: string }).alertId)).toEqual([threshold(food, 50)]);
    expect(emails[0]?.event.correlationId).toBe('req-42');
  });

  it('marks the digest day of an existing daily alert only when its marker is missing', async () => {
    await putPreferences('u1', { 'budget.threshold': { email: 'daily' } });
    ledger = [snap('t1', '2024-03-02', 6000)];
    const r = record(change(null, ledger[0] as TransactionSnapshot), 't1@1');
    await raiseAlertsOfBatch([r], sources, NOW);
    expect(store.digests.get('2024-03-25')).toEqual(new Set(['u1']));
    store.digests.clear(); // a crash between the alert write and the marker
    await raiseAlertsOfBatch([r], sources, NOW);
    expect(store.digests.get('2024-03-25')).toEqual(new Set(['u1']));
  });
});
