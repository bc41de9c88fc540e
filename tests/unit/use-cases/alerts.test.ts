import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransactionSnapshot } from '../../../events/transaction-changed';

// Alerts over in-memory ports and fake budget and goal sources (the budgets and goals use cases' signatures).
vi.mock('../../../shared/adapters/alerts', () => import('../../support/memory/alerts'));
vi.mock('../../../shared/adapters/profiles', () => import('../../support/memory/profiles'));
const crash = vi.hoisted(() => ({ nextPublish: false }));
// The in-memory queue, whose next publish can fail (a crash after the alert write, before its email is queued).
vi.mock('../../../shared/adapters/queue', async () => {
  const m = await import('../../support/memory/queue');
  return {
    ...m,
    publish: async (...args: Parameters<typeof m.publish>) => {
      if (crash.nextPublish) {
        crash.nextPublish = false;
        throw new Error('SQS down');
      }
      return m.publish(...args);
    },
  };
});
// Signed cursors need a key (cursors are signed, not mocked).
vi.mock('../../../shared/config', async (original) => ({ ...(await original<object>()), cursorKeySource: () => ({ kind: 'secret', value: 'unit-test-cursor-key-unit-test-cursor-key' }) }));
const sent: { to: string; subject: string }[] = [];
const receipts = new Set<string>();
vi.mock('../../../shared/adapters/email', () => ({ sendEmail: async (m: { to: string; subject: string }) => (sent.push(m), `m${sent.length}`) }));
vi.mock('../../../shared/adapters/receipts', () => ({ hasReceipt: async (id: string) => receipts.has(id), putReceipt: async (id: string) => void receipts.add(id) }));

import type { BudgetStatusView, GoalStatusView } from '../../../shared/domain/alerts';
import { alertId } from '../../../shared/domain/alerts';
import { listAlerts, putPreferences, raiseAlerts, readAlert, readAllAlerts, sendAlertEmail, type AlertSources, type LedgerChange } from '../../../shared/use-cases/alerts';
import { memory as store } from '../../support/memory/alerts';
import { memory as profiles } from '../../support/memory/profiles';
import { memory as queue } from '../../support/memory/queue';

const NOW = new Date('2024-03-25T12:00:00Z');
const snap = (id: string, date: string, amount: number, categoryId = 'food'): TransactionSnapshot => ({
  id, userId: 'u1', type: 'expense', amount, currency: 'EUR', date, description: id, categoryId, accountId: 'a1', toAccountId: null, splits: null, tags: [],
  baseAmount: amount, baseCurrency: 'EUR', fxStatus: 'converted', version: 1,
});
const created = (t: TransactionSnapshot): LedgerChange => ({ userId: 'u1', transactionId: t.id, before: null, after: t });

/** A fake budgetStatuses over a fixed ledger (the FINAL data): one monthly budget of 100.00 EUR, linear pace. */
function sources(ledger: TransactionSnapshot[], goals: GoalStatusView[] = []): AlertSources {
  return {
    async budgetStatuses(_userId, date): Promise<BudgetStatusView[]> {
      const from = `${date.slice(0, 8)}01`;
      const to = `${date.slice(0, 8)}31`;
      const spent = ledger.filter((t) => t.date >= from && t.date <= date).reduce((s, t) => s + (t.baseAmount ?? 0), 0);
      const day = Number(date.slice(8));
      const projected = Math.round((spent * 31) / day);
      return [{ budgetId: 'b1', name: 'Food', period: { from, to }, thresholds: [50, 80, 100], available: 10000, spent, projected, projectedOverspend: Math.max(0, projected - 10000), expectedByNow: Math.round((10000 * day) / 31), asOf: date }];
    },
    async goalStatuses() {
      return goals;
    },
  };
}

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);

beforeEach(() => {
  store.reset();
  queue.reset();
  profiles.reset();
  sent.length = 0;
  receipts.clear();
  profiles.profiles.set('u1', { userId: 'u1', email: 'u1@example.com', username: 'u1', name: null, baseCurrency: 'EUR', monthlyIncome: null, timezone: 'UTC', createdAt: '', updatedAt: '', version: 1, confirmedAt: '2024-01-01T00:00:00Z' });
});

// Spending 30 + 30 + 25 + 20 = 105 % of the month's budget; by the 5th, 60 % spent projects 372 %.
const ledger = [snap('t1', '2024-03-02', 3000), snap('t2', '2024-03-05', 3000), snap('t3', '2024-03-24', 2500), snap('t4', '2024-03-30', 2000)];
const expected = new Set([
  alertId('budget.threshold', 'b1', '2024-03-01', '50'),
  alertId('budget.threshold', 'b1', '2024-03-01', '80'),
  alertId('budget.threshold', 'b1', '2024-03-01', '100'),
  alertId('budget.pace', 'b1', '2024-03-01'),
]);

describe('raiseAlerts', () => {
  it('stores every expected alert exactly once, whatever the order, duplicates and redeliveries', async () => {
    for (let run = 0; run < 20; run++) {
      store.reset();
      const deliveries = ledger.flatMap((t) => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => created(t)));
      deliveries.sort(() => rand() - 0.5);
      let creations = 0;
      for (const d of deliveries) creations += (await raiseAlerts(d, sources(ledger), NOW)).length;
      expect(new Set(store.of('u1').map((a) => a.id))).toEqual(expected);
      expect(creations).toBe(expected.size);
    }
  });

  it('ends with the final data’s thresholds when each event sees only the rollups applied before it (any order)', async () => {
    // Each event is evaluated right after its own rollup is applied, seeing the ledger applied so far: the event of
    // the 2nd may come last and see everything only through its own date.
    const thresholdIds = new Set([...expected].filter((id) => id !== alertId('budget.pace', 'b1', '2024-03-01')));
    for (let run = 0; run < 30; run++) {
      store.reset();
      const order = [...ledger].sort(() => rand() - 0.5);
      const applied: TransactionSnapshot[] = [];
      for (const t of order) {
        applied.push(t);
        await raiseAlerts(created(t), sources([...applied]), NOW);
      }
      const stored = new Set(store.of('u1').filter((a) => a.kind === 'budget.threshold').map((a) => a.id));
      expect(stored).toEqual(thresholdIds);
    }
  });

  it('raises nothing for periods that end before the budget’s first day', async () => {
    const late = { ...sources(ledger), budgetStarts: async () => new Map([['b1', '2024-04-01']]) };
    for (const t of ledger) await raiseAlerts(created(t), late, NOW);
    expect(store.of('u1')).toEqual([]);
    const started = { ...sources(ledger), budgetStarts: async () => new Map([['b1', '2024-03-15']]) };
    for (const t of ledger) await raiseAlerts(created(t), started, NOW);
    expect(new Set(store.of('u1').map((a) => a.id))).toEqual(expected);
  });

  it('does not store a kind switched off', async () => {
    await putPreferences('u1', { 'budget.pace': { enabled: false } });
    for (const t of ledger) await raiseAlerts(created(t), sources(ledger), NOW);
    expect(store.of('u1').map((a) => a.kind).sort()).toEqual(['budget.threshold', 'budget.threshold', 'budget.threshold']);
  });

  it('raises nothing for an erased account', async () => {
    profiles.profiles.clear();
    expect(await raiseAlerts(created(ledger[0] as TransactionSnapshot), sources(ledger), NOW)).toEqual([]);
  });

  it('flags an expense far above its category’s history, once', async () => {
    for (let i = 0; i < 10; i++) store.expenses.push({ userId: 'u1', id: `h${i}`, categoryId: 'coffee', date: `2024-02-${String(10 + i)}`, baseAmount: 300 + i * 10, baseCurrency: 'EUR' });
    const big = snap('big', '2024-03-01', 9000, 'coffee');
    const small = snap('small', '2024-03-01', 350, 'coffee');
    const a = await raiseAlerts(created(big), sources([]), NOW);
    await raiseAlerts(created(big), sources([]), NOW);
    await raiseAlerts(created(small), sources([]), NOW);
    expect(a.map((x) => x.kind)).toEqual(['transaction.unusual']);
    expect(store.of('u1')).toHaveLength(1);
    expect(store.of('u1')[0]).toMatchObject({ transactionId: 'big', evidence: { historySize: 10, method: expect.stringContaining('modified z-score') } });
  });

  it('raises goal alerts from the goal statuses', async () => {
    const goals: GoalStatusView[] = [
      { goalId: 'g1', name: 'Bike', status: 'reached', saved: 50000, targetAmount: 50000, currency: 'EUR' },
      { goalId: 'g2', name: 'House', status: 'off_track', saved: 100, targetAmount: 5000000, currency: 'EUR', targetDate: '2025-01-01' },
    ];
    await raiseAlerts(created(snap('x', '2024-03-01', 1)), sources([], goals), NOW);
    await raiseAlerts(created(snap('y', '2024-03-02', 1)), sources([], goals), NOW);
    expect(store.of('u1').map((a) => a.kind).sort()).toEqual(['goal.off_track', 'goal.reached']);
  });

  it('queues an immediate email once the alert is stored, again after a crash before the mark is cleared, and sends one', async () => {
    await putPreferences('u1', { 'budget.threshold': { email: 'immediate' } });
    crash.nextPublish = true;
    await expect(raiseAlerts(created(ledger[1] as TransactionSnapshot), sources(ledger.slice(0, 2)), NOW)).rejects.toThrow('SQS down');
    expect(store.of('u1').map((a) => a.kind)).toContain('budget.threshold'); // written before the crash
    expect(queue.published).toHaveLength(0);
    await raiseAlerts(created(ledger[1] as TransactionSnapshot), sources(ledger.slice(0, 2)), NOW); // redelivery
    await raiseAlerts(created(ledger[1] as TransactionSnapshot), sources(ledger.slice(0, 2)), NOW); // duplicate
    const emails = queue.published.filter((p) => p.queue === 'notifications');
    expect(emails).toHaveLength(1);
    const data = emails[0]?.event.data as { userId: string; alertId: string };
    expect(await sendAlertEmail(data.userId, data.alertId)).toBe('sent');
    expect(await sendAlertEmail(data.userId, data.alertId)).toBe('skipped');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toContain('50% of the budget spent');
  });
});

describe('listing and reading', () => {
  it('lists newest first with cursors, filters unread, marks read and read-all', async () => {
    for (const t of ledger) await raiseAlerts(created(t), sources(ledger), new Date(NOW.getTime() + Number(t.date.slice(8)) * 1000));
    const p1 = await listAlerts('u1', { unread: false, limit: 3 });
    expect(p1.items).toHaveLength(3);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = await listAlerts('u1', { unread: false, limit: 3, cursor: p1.nextCursor ?? '' });
    expect(p2.items).toHaveLength(1);
    expect(p2.nextCursor).toBeNull();
    const first = p1.items[0];
    expect(first && p1.items.every((a) => a.createdAt <= first.createdAt)).toBe(true);
    await readAlert('u1', p1.items[0]?.id ?? '');
    expect((await listAlerts('u1', { unread: true, limit: 50 })).items).toHaveLength(3);
    await expect(readAlert('u1', 'nope')).rejects.toThrow('No alert');
    expect(await readAllAlerts('u1')).toEqual({ marked: 3, more: false });
    expect((await listAlerts('u1', { unread: true, limit: 50 })).items).toHaveLength(0);
    await expect(listAlerts('u1', { unread: true, limit: 3, cursor: p1.nextCursor ?? '' })).rejects.toThrow('cursor');
  });
});
