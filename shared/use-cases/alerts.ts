import type { LedgerChange, TransactionSnapshot } from '../../events/transaction-changed';
import { AlertDigestRequested } from '../../events/alert-digest-requested';
import { AlertRaised } from '../../events/alert-raised';
import * as store from '../adapters/alerts';
import { decodeCursor, encodeCursor } from '../adapters/cursor';
import { sendEmail } from '../adapters/email';
import { newEvent } from '../adapters/outbox';
import { getProfile } from '../adapters/profiles';
import { publish } from '../adapters/queue';
import { withCorrelationId } from '../correlation';
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
import { UNCATEGORISED } from '../domain/analytics/fields';
import { alertDigestEmail, alertEmail } from '../domain/emails/alert';
import { NotFoundError, ValidationError } from '../domain/errors';

/** A ledger change as the alerts consumer receives it (TransactionRecorded/Updated/Deleted). */
export type { LedgerChange };

/** A day on which a ledger change moved spending, and the categories it moved (`_uncategorised` for none). */
export interface SpendingTouch {
  date: string;
  categoryIds: readonly string[];
}

/** One budget a touch can move: as of the touched day, as of its period's last day, and its first day. */
export interface TouchedBudget {
  /** The budget's first day: periods ending before it raise nothing (absent: no such limit). */
  start?: string;
  atDate: BudgetStatusView;
  atEnd: BudgetStatusView;
}

/** Where the alert rules read budgets and goals from (the budgets and goals use cases; fakes in unit tests). */
export interface AlertSources {
  budgetStatuses(userId: string, date: string): Promise<BudgetStatusView[]>;
  /** `profile`: the user's, already read (the source need not read it again). */
  goalStatuses(userId: string, asOf: string, profile?: KnownProfile): Promise<GoalStatusView[]>;
  /** Each budget's first day (its `startDate`, else the day it was created): periods ending before it raise nothing. */
  budgetStarts?(userId: string): Promise<Map<string, string>>;
  /**
   * For each touch, only the budgets it can move (their category or a subcategory touched; a budget of every
   * category always), from one read of the rollups for all touches (shared/use-cases/budgets.ts
   * `budgetEvaluations`). Without it every budget is evaluated, from `budgetStatuses` and `budgetStarts`.
   */
  budgetEvaluations?(userId: string, touches: readonly SpendingTouch[], profile?: KnownProfile): Promise<TouchedBudget[][]>;
}

/** What the sources read of the profile, which the consumer has read already. */
export interface KnownProfile {
  baseCurrency: string;
  timezone: string;
}

/** A ledger change and the correlation id of the event that carried it (the emails it queues carry the id on). */
export interface TracedChange extends LedgerChange {
  correlationId?: string;
}

/** Days back from today the consumer still evaluates (alerts are kept 400 days: an id is never raised twice). */
export const EVALUATION_WINDOW_DAYS = 365;

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A draft and the change (its index) that raised it first. */
interface Drafted {
  draft: AlertDraft;
  origin: number;
}

/** The categories a transaction's amounts count under in the rollups: each split's, else its own (none: `_uncategorised`). */
export function spendingCategories(s: TransactionSnapshot): string[] {
  return s.splits && s.splits.length > 0 ? s.splits.map((p) => p.categoryId || UNCATEGORISED) : [s.categoryId || UNCATEGORISED];
}

/** Each change's days in the window (before and after an edit), with the categories its images count under on that day. */
function touchesOf(changes: readonly LedgerChange[], oldest: string): (SpendingTouch & { origin: number })[] {
  return changes.flatMap((change, origin) => {
    const byDate = new Map<string, Set<string>>();
    for (const s of [change.before, change.after]) {
      if (s === null || s.date < oldest) continue;
      byDate.set(s.date, new Set([...(byDate.get(s.date) ?? []), ...spendingCategories(s)]));
    }
    return [...byDate].map(([date, ids]) => ({ origin, date, categoryIds: [...ids] }));
  });
}

/** Without `budgetEvaluations`: every budget for every touch, one `budgetStatuses` read per distinct day. */
async function everyBudget(userId: string, touches: readonly SpendingTouch[], sources: AlertSources): Promise<TouchedBudget[][]> {
  const starts = sources.budgetStarts ? await sources.budgetStarts(userId) : new Map<string, string>();
  const reads = new Map<string, Promise<BudgetStatusView[]>>();
  const read = (day: string) => reads.get(day) ?? (reads.set(day, sources.budgetStatuses(userId, day)), reads.get(day) as Promise<BudgetStatusView[]>);
  const out: TouchedBudget[][] = [];
  for (const t of touches) {
    const row: TouchedBudget[] = [];
    for (const atDate of await read(t.date)) {
      const atEnd = (await read(atDate.period.to)).find((s) => s.budgetId === atDate.budgetId && s.period.to === atDate.period.to);
      if (atEnd) row.push({ start: starts.get(atDate.budgetId), atDate, atEnd });
    }
    out.push(row);
  }
  return out;
}

/**
 * Budget alerts of the changes. For each day a change touched (before and after an edit) and each budget the touch
 * can move: `budget.pace` from the status as of that day (spending through it, projected to the period's end), and
 * `budget.threshold` from the status as of the last day of the period containing it (the whole period's spending),
 * every threshold at or below it. Periods that end before a budget's first day raise nothing.
 */
async function budgetDrafts(userId: string, changes: readonly LedgerChange[], sources: AlertSources, oldest: string, profile: KnownProfile): Promise<Drafted[]> {
  const touches = touchesOf(changes, oldest);
  if (touches.length === 0) return [];
  const evaluations = sources.budgetEvaluations ? await sources.budgetEvaluations(userId, touches, profile) : await everyBudget(userId, touches, sources);
  const currency = profile.baseCurrency;
  const out: Drafted[] = [];
  touches.forEach((t, i) => {
    const trigger = { transactionId: changes[t.origin]?.transactionId ?? '', date: t.date };
    for (const e of evaluations[i] ?? []) {
      if (e.start !== undefined && e.atEnd.period.to < e.start) continue;
      const pace = paceAlert(e.atDate, trigger, currency);
      if (pace) out.push({ draft: pace, origin: t.origin });
      for (const draft of thresholdAlerts(e.atEnd, trigger, currency)) out.push({ draft, origin: t.origin });
    }
  });
  return out;
}

/** `transaction.unusual`: a new or changed expense in the window against its category's expenses in the 90 days before it. */
async function unusualDraft(change: LedgerChange, oldest: string): Promise<AlertDraft | undefined> {
  const { after, before } = change;
  if (!after || after.date < oldest || after.type !== 'expense' || !after.categoryId || after.baseAmount === null || after.fxStatus !== 'converted') return undefined;
  if (before && before.baseAmount === after.baseAmount && before.categoryId === after.categoryId && before.date === after.date && before.type === after.type && before.fxStatus === after.fxStatus) return undefined;
  const history = await store.categoryExpenseAmounts(change.userId, after.categoryId, { from: addDays(after.date, -HISTORY_DAYS), to: addDays(after.date, -1) }, after.baseCurrency, HISTORY_LIMIT, after.id);
  return unusualAlert({ id: after.id, date: after.date, description: after.description, categoryId: after.categoryId, baseAmount: Math.abs(after.baseAmount), baseCurrency: after.baseCurrency }, history);
}

/**
 * Every alert the current data raises for some ledger changes of ONE user (a batch's), decided by pure rules
 * (shared/domain/alerts) — no store write — each id once, credited to the first change that raised it. The "as of"
 * dates come from the changes themselves, never from the order of delivery; the budgets, the goals, the profile are
 * read once for all the changes:
 * - budgets: see {@link budgetDrafts};
 * - `transaction.unusual`: per change, the new or changed expense against its category's history;
 * - goals: the statuses as of `today` (UTC), `goal.off_track` once per goal and month.
 */
async function draftsFor(userId: string, changes: readonly LedgerChange[], sources: AlertSources, today: string, enabled: (kind: AlertKind) => boolean): Promise<Drafted[]> {
  if (changes.length === 0) return [];
  const profile = await getProfile(userId);
  if (!profile) return []; // an erased (or never created) account: nothing to say
  const known = { baseCurrency: profile.baseCurrency ?? 'EUR', timezone: profile.timezone };
  const oldest = addDays(today, -EVALUATION_WINDOW_DAYS);
  const drafts = enabled('budget.threshold') || enabled('budget.pace') ? await budgetDrafts(userId, changes, sources, oldest, known) : [];
  if (enabled('transaction.unusual')) {
    const unusual = await Promise.all(changes.map((c) => unusualDraft(c, oldest)));
    unusual.forEach((draft, origin) => draft && drafts.push({ draft, origin }));
  }
  if (enabled('goal.reached') || enabled('goal.off_track')) {
    for (const g of await sources.goalStatuses(userId, today, known)) for (const draft of goalAlerts(g, today, { transactionId: changes[0]?.transactionId ?? null })) drafts.push({ draft, origin: 0 });
  }
  const first = new Map<string, Drafted>();
  for (const d of drafts) if (enabled(d.draft.kind) && !first.has(d.draft.id)) first.set(d.draft.id, d);
  return [...first.values()];
}

/** Every alert the current data raises for one ledger change (see {@link draftsFor}); no store write. */
export async function alertsFor(change: LedgerChange, sources: AlertSources, today: string, enabled: (kind: AlertKind) => boolean = () => true): Promise<AlertDraft[]> {
  return (await draftsFor(change.userId, [change], sources, today, enabled)).map((d) => d.draft);
}

/** Raises the alerts of one ledger change (see {@link raiseUserAlerts}). Returns the alerts created. */
export async function raiseAlerts(change: TracedChange, sources: AlertSources, now = new Date()): Promise<Alert[]> {
  return raiseUserAlerts(change.userId, [change], sources, now);
}

/**
 * Raises the alerts of some ledger changes of one user (a batch's), each exactly once: the kinds the user switched off
 * are not stored. The ids the user already has are read first (one BatchGet) and not written again; every other is
 * written with a "does not exist" condition under its deterministic id, which still guards against a concurrent
 * writer, so a duplicate, a reordered or a redelivered event (after a crash past the write) adds nothing. An alert
 * the user wants emailed at once is stored with `emailPending`, its email queued to `notifications`, then the mark
 * removed: a crash in between queues it again on redelivery, and the sender's receipt (named by the alert) keeps that
 * to one email. An alert of a kind emailed `daily` gets its user a digest marker for the alert's UTC day, right after
 * the write, and again on a redelivery that finds the marker missing, which the `alerts-digest` schedule reads.
 * Returns the alerts created.
 */
export async function raiseUserAlerts(userId: string, changes: readonly TracedChange[], sources: AlertSources, now = new Date()): Promise<Alert[]> {
  const preferences = await store.getPreferences(userId);
  // A kind switched off is neither computed nor stored.
  const drafted = await draftsFor(userId, changes, sources, now.toISOString().slice(0, 10), (kind) => preferences[kind].enabled);
  if (drafted.length === 0) return [];
  const known = await store.existingAlerts(userId, drafted.map((d) => d.draft.id));
  const created: Alert[] = [];
  const digestDays = new Set<string>();
  for (const { draft, origin } of drafted) {
    const pref = preferences[draft.kind];
    const had = known.get(draft.id);
    const result = had ? { outcome: 'exists' as const, createdAt: had.createdAt, emailPending: had.emailPending } : await putOnce(userId, draft, now, pref.email === 'immediate');
    if (result.outcome === 'created') created.push(result.alert);
    if (pref.email === 'daily') {
      if (result.outcome === 'created') await store.markDigest(userId, result.createdAt.slice(0, 10), now);
      else digestDays.add(result.createdAt.slice(0, 10));
    }
    if (result.emailPending) await queueEmail(userId, draft.id, changes[origin]?.correlationId, now);
  }
  if (digestDays.size > 0) {
    const marked = await store.digestMarks(userId, [...digestDays]);
    for (const day of digestDays) if (!marked.has(day)) await store.markDigest(userId, day, now);
  }
  return created;
}

/** The conditional write: `created` with the alert, or `exists` (another writer won) with the stored one's facts. */
async function putOnce(userId: string, draft: AlertDraft, now: Date, emailPending: boolean) {
  const r = await store.putAlertOnce(userId, draft, now, emailPending);
  return r.outcome === 'created' ? { outcome: 'created' as const, alert: r.alert, createdAt: r.alert.createdAt, emailPending: r.emailPending } : { outcome: 'exists' as const, createdAt: r.alert.createdAt, emailPending: r.emailPending };
}

/** Queues an alert's email (named by the alert: a repeat is the same message), in the raising event's correlation, then clears the mark. */
async function queueEmail(userId: string, alertId: string, correlationId: string | undefined, now: Date): Promise<void> {
  const send = () => publish('notifications', [newEvent(AlertRaised, { userId, alertId }, now, `alert-email-${userId}-${alertId}`)]);
  await (correlationId ? withCorrelationId(correlationId, send) : send());
  await store.clearEmailPending(userId, alertId);
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

/**
 * Up to `limit` of the caller's alerts created from `from` to `to` (days, UTC, inclusive), newest first: what a
 * report of that period lists, found however many alerts came after it, with no cursor to sign.
 */
export function alertsBetween(userId: string, from: string, to: string, limit: number): Promise<Alert[]> {
  return store.alertsBetween(userId, from, to, limit);
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
