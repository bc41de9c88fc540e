import type { TransactionSnapshot } from '../../events/transaction-changed';
import { AlertDigestRequested } from '../../events/alert-digest-requested';
import { AlertRaised } from '../../events/alert-raised';
import * as store from '../adapters/alerts';
import { decodeCursor, encodeCursor } from '../adapters/cursor';
import { sendEmail } from '../adapters/email';
import { newEvent } from '../adapters/outbox';
import { getProfile } from '../adapters/profiles';
import { publish } from '../adapters/queue';
import { claimReceipt, hasReceipt, putReceipt } from '../adapters/receipts';
import {
  goalAlerts,
  HISTORY_DAYS,
  HISTORY_LIMIT,
  paceAlert,
  thresholdAlerts,
  unusualAlert,
  type Alert,
  type AlertDraft,
  type AlertKind,
  type AlertPreferences,
  type BudgetStatusView,
  type GoalStatusView,
  type KindPreference,
} from '../domain/alerts';
import { alertDigestEmail, alertEmail } from '../domain/emails/alert';
import { NotFoundError, ValidationError } from '../domain/errors';

/** Where the alert rules read budgets and goals from (the budgets and goals use cases; fakes in unit tests). */
export interface AlertSources {
  budgetStatuses(userId: string, date: string): Promise<BudgetStatusView[]>;
  goalStatuses(userId: string, asOf: string): Promise<GoalStatusView[]>;
  /** Each budget's first day (its `startDate`, else the day it was created): periods ending before it raise nothing. */
  budgetStarts?(userId: string): Promise<Map<string, string>>;
}

/** A ledger change as the alerts consumer receives it (TransactionRecorded/Updated/Deleted). */
export interface LedgerChange {
  userId: string;
  transactionId: string;
  before: TransactionSnapshot | null;
  after: TransactionSnapshot | null;
}

/** Days back from today the consumer still evaluates (alerts are kept 400 days: an id is never raised twice). */
export const EVALUATION_WINDOW_DAYS = 365;

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Every alert the current data raises for one ledger change, decided by pure rules (shared/domain/alerts) — no
 * store write. The "as of" dates come from the change itself, never from the order of delivery:
 * Periods that end before a budget's first day raise nothing.
 * - `budget.threshold`: for each budget period containing the transaction's date (before and after an edit), the
 *   status as of the period's LAST day, i.e. the whole period's spending; every threshold at or below it.
 * - `budget.pace`: the status as of the transaction's date (spending through that date, projected to the period's
 *   end).
 * - `transaction.unusual`: the new or changed expense against its category's expenses in the 90 days before its date.
 * - goals: the statuses as of `today` (UTC), `goal.off_track` once per goal and month.
 */
export async function alertsFor(change: LedgerChange, sources: AlertSources, today: string, enabled: (kind: AlertKind) => boolean = () => true): Promise<AlertDraft[]> {
  const { userId } = change;
  const profile = await getProfile(userId);
  if (!profile) return []; // an erased (or never created) account: nothing to say
  const budgetKinds = enabled('budget.threshold') || enabled('budget.pace');
  const currency = profile.baseCurrency ?? 'EUR';
  const oldest = addDays(today, -EVALUATION_WINDOW_DAYS);
  const snapshots = [change.before, change.after].filter((s): s is TransactionSnapshot => s !== null && s.date >= oldest);
  const drafts: AlertDraft[] = [];
  const seenEnds = new Set<string>();
  const starts = budgetKinds && snapshots.length > 0 && sources.budgetStarts ? await sources.budgetStarts(userId) : new Map<string, string>();
  const budgeted = (s: BudgetStatusView) => s.period.to >= (starts.get(s.budgetId) ?? '');
  for (const date of budgetKinds ? [...new Set(snapshots.map((s) => s.date))] : []) {
    const trigger = { transactionId: change.transactionId, date };
    const statuses = (await sources.budgetStatuses(userId, date)).filter(budgeted);
    for (const s of statuses) {
      const pace = paceAlert(s, trigger, currency);
      if (pace) drafts.push(pace);
    }
    // The whole period's spending: the status as of each period's last day (one read per distinct end).
    const ends = [...new Set(statuses.map((s) => s.period.to))].filter((end) => !seenEnds.has(end));
    for (const end of ends) {
      seenEnds.add(end);
      const atEnd = end === date ? statuses : await sources.budgetStatuses(userId, end);
      for (const s of atEnd) if (s.period.to === end && budgeted(s)) drafts.push(...thresholdAlerts(s, trigger, currency));
    }
  }
  const after = change.after;
  const before = change.before;
  if (
    enabled('transaction.unusual') &&
    after &&
    after.date >= oldest &&
    after.type === 'expense' &&
    after.categoryId &&
    after.baseAmount !== null &&
    after.fxStatus === 'converted' &&
    (!before || before.baseAmount !== after.baseAmount || before.categoryId !== after.categoryId || before.date !== after.date || before.type !== after.type || before.fxStatus !== after.fxStatus)
  ) {
    const history = await store.categoryExpenseAmounts(userId, after.categoryId, { from: addDays(after.date, -HISTORY_DAYS), to: addDays(after.date, -1) }, after.baseCurrency, HISTORY_LIMIT, after.id);
    const unusual = unusualAlert({ id: after.id, date: after.date, description: after.description, categoryId: after.categoryId, baseAmount: Math.abs(after.baseAmount), baseCurrency: after.baseCurrency }, history);
    if (unusual) drafts.push(unusual);
  }
  if (enabled('goal.reached') || enabled('goal.off_track')) {
    for (const g of await sources.goalStatuses(userId, today)) drafts.push(...goalAlerts(g, today, { transactionId: change.transactionId }));
  }
  return [...new Map(drafts.filter((d) => enabled(d.kind)).map((d) => [d.id, d])).values()];
}

/**
 * Raises the alerts of one ledger change, each exactly once: the kinds the user switched off are not stored; every
 * other is written with a "does not exist" condition under its deterministic id, so a duplicate, a reordered or a
 * redelivered event (after a crash past the write) adds nothing. An alert the user wants emailed at once is stored
 * with `emailPending`, its email queued to `notifications`, then the mark removed: a crash in between queues it again
 * on redelivery, and the sender's receipt (named by the alert) keeps that to one email. An alert of a kind emailed
 * `daily` gets its user a digest marker for the alert's UTC day, right after the write (again on a redelivery: the
 * marker is an idempotent put), which the `alerts-digest` schedule reads. Returns the alerts created.
 */
export async function raiseAlerts(change: LedgerChange, sources: AlertSources, now = new Date()): Promise<Alert[]> {
  const preferences = await store.getPreferences(change.userId);
  // A kind switched off is neither computed nor stored.
  const drafts = await alertsFor(change, sources, now.toISOString().slice(0, 10), (kind) => preferences[kind].enabled);
  const created: Alert[] = [];
  for (const draft of drafts) {
    const pref = preferences[draft.kind];
    const result = await store.putAlertOnce(change.userId, draft, now, pref.email === 'immediate');
    if (result.outcome === 'created') created.push(result.alert);
    if (pref.email === 'daily') await store.markDigest(change.userId, result.alert.createdAt.slice(0, 10), now);
    if (result.emailPending) {
      await publish('notifications', [newEvent(AlertRaised, { userId: change.userId, alertId: draft.id }, now, `alert-email-${change.userId}-${draft.id}`)]);
      await store.clearEmailPending(change.userId, draft.id);
    }
  }
  return created;
}

/** Emails one alert (once: a receipt named by the alert), to a confirmed address; skipped if the alert is gone. */
export async function sendAlertEmail(userId: string, alertId: string, now = new Date()): Promise<'sent' | 'skipped'> {
  const receipt = `alert-email#${userId}#${alertId}`;
  if (await hasReceipt(receipt)) return 'skipped';
  const [profile, alert] = await Promise.all([getProfile(userId), store.getAlert(userId, alertId)]);
  if (!profile?.confirmedAt || !alert) return 'skipped';
  const messageId = await sendEmail({ to: profile.email, ...alertEmail(alert) });
  await putReceipt(receipt, now, { messageId });
  return 'sent';
}

/** The UTC day before `now`'s (the day the `alerts-digest` schedule emails). */
export const digestDayBefore = (now: Date): string => new Date(Date.parse(now.toISOString().slice(0, 10)) - 86_400_000).toISOString().slice(0, 10);

/**
 * The `alerts-digest` schedule: one AlertDigestRequested per user marked for yesterday's digest (UTC), onto
 * `notifications`, reading only that day's marker partition page by page. Each message id is named by user and day,
 * and the sender keeps a receipt by user and day, so a second run (or a redelivery) emails nothing new.
 */
export async function queueAlertDigests(now = new Date()): Promise<{ day: string; queued: number }> {
  const day = digestDayBefore(now);
  let queued = 0;
  for await (const users of store.digestUsers(day)) {
    await publish('notifications', users.map((userId) => newEvent(AlertDigestRequested, { userId, day }, now, `alert-digest-${userId}-${day}`)));
    queued += users.length;
  }
  return { day, queued };
}

/** How long a digest send may hold its claim before another delivery may take over (the sender's timeout is 10 s). */
const DIGEST_SEND_LEASE_MS = 60_000;

/**
 * Emails one user's digest of `day`: the alerts created that day of the kinds they still want emailed `daily`, in
 * one email, to a confirmed address; once per user and day: a receipt named by both is claimed conditionally before
 * the send (two schedule runs delivered at once cannot both send) and marked done after it.
 */
export async function sendAlertDigest(userId: string, day: string, now = new Date()): Promise<'sent' | 'skipped'> {
  const receipt = `alert-digest#${userId}#${day}`;
  if (await hasReceipt(receipt)) return 'skipped';
  const [profile, preferences, alerts] = await Promise.all([getProfile(userId), store.getPreferences(userId), store.alertsOfDay(userId, day)]);
  const due = alerts.filter((a) => preferences[a.kind].email === 'daily');
  if (!profile?.confirmedAt || due.length === 0) return 'skipped';
  const claim = await claimReceipt(receipt, now, DIGEST_SEND_LEASE_MS);
  if (claim === 'done') return 'skipped';
  if (claim === 'busy') throw new Error(`digest ${receipt} is being sent by another delivery; retry after it finishes`);
  const messageId = await sendEmail({ to: profile.email, ...alertDigestEmail(day, due) });
  await putReceipt(receipt, now, { messageId });
  return 'sent';
}

// ── the API ───────────────────────────────────────────────────────────────────────────────────────────────────────

const invalidCursor = () => new ValidationError('The cursor is invalid, or was made for another query; start again without it.', [{ path: 'query.cursor', message: 'invalid cursor' }]);

/** One page of the caller's alerts, newest first; `unread` lists only the unread ones. Cursors are signed to the caller and the filter. */
export async function listAlerts(userId: string, input: { unread: boolean; limit: number; cursor?: string }): Promise<{ items: Alert[]; nextCursor: string | null }> {
  const scope = { unread: input.unread };
  let start: string | undefined;
  if (input.cursor) {
    const position = await decodeCursor(input.cursor, userId, scope);
    if (typeof position.at !== 'string') throw invalidCursor();
    start = position.at;
  }
  const page = await store.listAlerts(userId, { unreadOnly: input.unread, limit: input.limit, start });
  return { items: page.items, nextCursor: page.next ? await encodeCursor(userId, scope, { at: page.next }) : null };
}

/** Marks one of the caller's alerts read (again: no change); 404 when the caller has no such alert. */
export async function readAlert(userId: string, id: string, now = new Date()): Promise<Alert> {
  const alert = await store.markRead(userId, id, now);
  if (!alert) throw new NotFoundError(`No alert ${id}.`);
  return alert;
}

/** Most alerts one `read-all` marks; `more: true` says to call again. */
export const READ_ALL_MAX = 500;

/** Marks the caller's unread alerts read, newest first, at most {@link READ_ALL_MAX} per call. */
export async function readAllAlerts(userId: string, now = new Date()): Promise<{ marked: number; more: boolean }> {
  const page = await store.listAlerts(userId, { unreadOnly: true, limit: READ_ALL_MAX, maxScanned: 5000 });
  let marked = 0;
  for (let i = 0; i < page.items.length; i += 25) {
    const chunk = page.items.slice(i, i + 25);
    const done = await Promise.all(chunk.map((a) => store.markRead(userId, a.id, now)));
    marked += done.filter(Boolean).length;
  }
  return { marked, more: page.next !== undefined };
}

export async function getPreferences(userId: string): Promise<{ kinds: AlertPreferences }> {
  return { kinds: await store.getPreferences(userId) };
}

/** Replaces the preferences of the kinds named; the others keep theirs. */
export async function putPreferences(userId: string, kinds: Partial<Record<keyof AlertPreferences, Partial<KindPreference>>>, now = new Date()): Promise<{ kinds: AlertPreferences }> {
  const current = await store.getPreferences(userId);
  for (const [kind, pref] of Object.entries(kinds) as [keyof AlertPreferences, Partial<KindPreference> | undefined][]) {
    if (pref) current[kind] = { enabled: pref.enabled ?? current[kind].enabled, email: pref.email ?? current[kind].email };
  }
  return { kinds: await store.putPreferences(userId, current, now) };
}
