import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransactionSnapshot } from '../../../events/transaction-changed';

// The daily alert digest over in-memory ports: markers, the schedule's messages, the email, the receipt.
vi.mock('../../../shared/adapters/alerts', () => import('../../support/memory/alerts'));
vi.mock('../../../shared/adapters/profiles', () => import('../../support/memory/profiles'));
vi.mock('../../../shared/adapters/queue', () => import('../../support/memory/queue'));
const sent: { to: string; subject: string; html: string; text: string }[] = [];
const receipts = new Set<string>();
vi.mock('../../../shared/adapters/email', () => ({ sendEmail: async (m: (typeof sent)[number]) => (sent.push(m), `m${sent.length}`) }));
const claims = new Set<string>();
vi.mock('../../../shared/adapters/receipts', () => ({
  hasReceipt: async (id: string) => receipts.has(id),
  putReceipt: async (id: string) => void (claims.delete(id), receipts.add(id)),
  claimReceipt: async (id: string) => (receipts.has(id) ? 'done' : claims.has(id) ? 'busy' : (claims.add(id), 'claimed')),
}));

import type { BudgetStatusView } from '../../../shared/domain/alerts';
import { putPreferences, queueAlertDigests, raiseAlerts, sendAlertDigest, type AlertSources, type LedgerChange } from '../../../shared/use-cases/alerts';
import { memory as store } from '../../support/memory/alerts';
import { memory as profiles } from '../../support/memory/profiles';
import { memory as queue } from '../../support/memory/queue';

const DAY = '2024-03-25';
const NOW = new Date(`${DAY}T12:00:00Z`);
const NEXT_MORNING = new Date('2024-03-26T07:00:00Z');
const snap = (id: string, date: string, amount: number, description = id): TransactionSnapshot => ({
  id, userId: 'u1', type: 'expense', amount, currency: 'EUR', date, description, categoryId: 'food', accountId: 'a1', toAccountId: null, splits: null, tags: [],
  baseAmount: amount, baseCurrency: 'EUR', fxStatus: 'converted', version: 1,
});
const change = (userId: string, t: TransactionSnapshot): LedgerChange => ({ userId, transactionId: t.id, before: null, after: { ...t, userId } });

/** One monthly budget "Food <b>" of 100.00 EUR; spending is whatever the ledger holds. */
function sources(ledger: TransactionSnapshot[]): AlertSources {
  return {
    async budgetStatuses(_u, date): Promise<BudgetStatusView[]> {
      const spent = ledger.filter((t) => t.date <= date).reduce((s, t) => s + (t.baseAmount ?? 0), 0);
      return [{ budgetId: 'b1', name: 'Food <b>', period: { from: '2024-03-01', to: '2024-03-31' }, thresholds: [50, 80, 100], available: 10000, spent, projected: spent, projectedOverspend: Math.max(0, spent - 10000), expectedByNow: 8000, asOf: date }];
    },
    async goalStatuses() {
      return [];
    },
  };
}

const profile = (userId: string) => ({ userId, email: `${userId}@example.com`, username: userId, name: null, baseCurrency: 'EUR', monthlyIncome: null, timezone: 'UTC', createdAt: '', updatedAt: '', version: 1, confirmedAt: '2024-01-01T00:00:00Z' });
const over = [snap('t1', '2024-03-20', 6000), snap('t2', '2024-03-24', 3000)];

beforeEach(() => {
  store.reset();
  queue.reset();
  profiles.reset();
  sent.length = 0;
  receipts.clear();
  claims.clear();
  for (const u of ['daily', 'immediate', 'off']) profiles.profiles.set(u, profile(u));
});

async function raiseFor(userId: string) {
  for (const t of over) await raiseAlerts(change(userId, t), sources(over), NOW);
}

describe('daily alert digest', () => {
  it('marks only users whose kind is emailed daily, on the alert’s UTC day', async () => {
    await putPreferences('daily', { 'budget.threshold': { email: 'daily' } });
    await putPreferences('immediate', { 'budget.threshold': { email: 'immediate' } });
    await putPreferences('off', { 'budget.threshold': { email: 'off' } });
    for (const u of ['daily', 'immediate', 'off']) await raiseFor(u);
    expect(store.of('daily').filter((a) => a.kind === 'budget.threshold')).toHaveLength(2); // 50 % and 80 %
    expect([...(store.digests.get(DAY) ?? [])]).toEqual(['daily']);
    expect([...store.digests.keys()]).toEqual([DAY]);
  });

  it('queues one digest per marked user for yesterday, and the email lists that day’s daily alerts (escaped, with text)', async () => {
    await putPreferences('daily', { 'budget.threshold': { email: 'daily' } });
    await raiseFor('daily');
    const out = await queueAlertDigests(NEXT_MORNING);
    expect(out).toEqual({ day: DAY, queued: 1 });
    const digests = queue.published.filter((p) => p.queue === 'notifications' && p.event.type === 'AlertDigestRequested');
    expect(digests.map((p) => p.event.data)).toEqual([{ userId: 'daily', day: DAY }]);

    expect(await sendAlertDigest('daily', DAY, NEXT_MORNING)).toBe('sent');
    expect(sent).toHaveLength(1);
    const [email] = sent;
    if (!email) throw new Error('no digest sent');
    expect(email.to).toBe('daily@example.com');
    const titles = store.of('daily').filter((a) => a.kind === 'budget.threshold').map((a) => a.title);
    expect(titles).toHaveLength(2);
    for (const title of titles) expect(email.text).toContain(title);
    expect(email.text).toContain('Food <b>');
    expect(email.html).not.toContain('Food <b>');
    expect(email.html).toContain('Food &#60;b&#62;');
    expect(email.text).toMatch(/spent: 9000/);
    // No digest for a day without markers (the day itself, read on the same morning).
    expect(await queueAlertDigests(NOW)).toEqual({ day: '2024-03-24', queued: 0 });
  });

  it('sends once when the schedule and the sender run twice', async () => {
    await putPreferences('daily', { 'budget.threshold': { email: 'daily' } });
    await raiseFor('daily');
    await raiseFor('daily'); // redelivered events: the marker is rewritten, nothing else
    for (let run = 0; run < 2; run++) {
      await queueAlertDigests(NEXT_MORNING);
      for (const p of queue.published.filter((m) => m.event.type === 'AlertDigestRequested')) {
        const data = p.event.data as { userId: string; day: string };
        await sendAlertDigest(data.userId, data.day, NEXT_MORNING);
      }
    }
    expect(sent).toHaveLength(1);
    // The schedule names each message by user and day, so a rerun's messages are recognisable duplicates.
    expect(new Set(queue.published.filter((m) => m.event.type === 'AlertDigestRequested').map((p) => p.event.id))).toEqual(new Set([`alert-digest-daily-${DAY}`]));
  });

  it('sends once when two deliveries of the same digest run at the same time', async () => {
    await putPreferences('daily', { 'budget.threshold': { email: 'daily' } });
    await raiseFor('daily');
    const outcomes = await Promise.allSettled([sendAlertDigest('daily', DAY, NEXT_MORNING), sendAlertDigest('daily', DAY, NEXT_MORNING)]);
    expect(sent).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'sent')).toHaveLength(1);
  });

  it('sends nothing once the user no longer wants the daily email', async () => {
    await putPreferences('daily', { 'budget.threshold': { email: 'daily' } });
    await raiseFor('daily');
    await putPreferences('daily', { 'budget.threshold': { email: 'off' } });
    expect(await sendAlertDigest('daily', DAY, NEXT_MORNING)).toBe('skipped');
    expect(sent).toEqual([]);
  });
});
