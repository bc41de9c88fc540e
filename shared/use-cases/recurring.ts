import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { ledgerEventsByUser, settleEachUser } from '../async/ledger-batch';
import type { TransactionSnapshot } from '../../events/transaction-changed';
import { AlertRaised } from '../../events/alert-raised';
import { applyChange, changesOf, detectRecurring, emptySeries, isLapsed, priceRiseAlert, seriesId, type Direction, type PriceChange, type SeriesChange } from '../domain/recurring';
import type { Period } from '../domain/recurring';
import { NotFoundError, PreconditionFailedError } from '../domain/errors';
import * as store from '../adapters/recurring';
import * as alertStore from '../adapters/alerts';
import { newEvent } from '../adapters/outbox';
import { publish } from '../adapters/queue';
import type { RecurringRecord, RecurringStatus, SeriesWrite } from '../ports/recurring';

/** Attempts at one series' write while other writers move it meanwhile. */
const MAX_ATTEMPTS = 6;

/** A recurring payment as the API answers it. */
export interface RecurringItem {
  id: string;
  merchant: string;
  /** `expense` (a subscription, a bill) or `income` (a salary). */
  type: Direction;
  categoryId: string | null;
  period: Period;
  averageAmount: number;
  lastAmount: number;
  currency: string;
  lastDate: string;
  nextExpectedDate: string;
  confidence: number;
  transactionIds: string[];
  priceChange?: PriceChange;
  /** Two expected payments overdue on the day of the read: most likely cancelled (a forecast should leave it out). */
  lapsed: boolean;
  status: RecurringStatus;
  version: number;
}

function view(r: RecurringRecord, today: string): RecurringItem {
  return {
    id: r.id,
    merchant: r.merchant,
    type: r.direction,
    categoryId: r.categoryId,
    period: r.period,
    averageAmount: r.averageAmount,
    lastAmount: r.lastAmount,
    currency: r.currency,
    lastDate: r.lastDate,
    nextExpectedDate: r.nextExpectedDate,
    confidence: r.confidence,
    transactionIds: r.transactionIds,
    ...(r.priceChange ? { priceChange: r.priceChange } : {}),
    lapsed: isLapsed(r.period, r.nextExpectedDate, today),
    status: r.status,
    version: r.version,
  };
}

const viewOf = (t: TransactionSnapshot | null) =>
  t && { id: t.id, type: t.type, amount: t.amount, currency: t.currency, date: t.date, description: t.description, categoryId: t.categoryId, version: t.version };

/** The payment a transaction gives the series (series, date, amount, currency, category), without its version. */
function paymentOf(t: TransactionSnapshot): string {
  const [change] = changesOf(null, viewOf(t));
  return change?.kind === 'upsert' ? JSON.stringify({ ...change, entry: { ...change.entry, version: 0 } }) : '';
}

/**
 * Whether an edit leaves the transaction's payment as the series see it (an edit of its tags, notes or account, its
 * FX conversion): it needs no read or write. Each event carries the version before it, so the latest version that
 * changed the payment gives the payment the latest version has, and the series end the same with or without these
 * events, in any order of delivery.
 */
export function paymentUnchanged(before: TransactionSnapshot | null, after: TransactionSnapshot | null): boolean {
  return before !== null && after !== null && paymentOf(before) === paymentOf(after);
}

/**
 * Reads each pending series once and builds the writes of those the changes move (a duplicate or late delivery moves
 * none), each with its detection.
 */
async function seriesWrites(userId: string, pending: Map<string, SeriesChange[]>): Promise<SeriesWrite[]> {
  const ids = [...pending.keys()];
  const stored = await Promise.all(ids.map((id) => store.getSeries(userId, id)));
  const writes: SeriesWrite[] = [];
  ids.forEach((id, i) => {
    const changes = pending.get(id) ?? [];
    const first = changes[0] as SeriesChange;
    const current = stored[i];
    let series = current?.series ?? emptySeries(first.direction, first.merchant);
    for (const c of changes) series = applyChange(series, c);
    if (current && series === current.series) return;
    writes.push({ id, series, expectedRev: current?.rev ?? 0, detection: detectRecurring(series.entries), hadDetection: current?.detected ?? false });
  });
  return writes;
}

/**
 * Applies one user's changes to their series and stores every series they move in one batch with one erasure
 * check (each conditional on its own revision: the series a conflict refused are read again), then raises the
 * price-rise alerts the detections call for.
 */
async function updateUserSeries(userId: string, changes: Map<string, SeriesChange[]>, now: Date): Promise<void> {
  let pending = changes;
  for (let attempt = 1; ; attempt++) {
    const writes = await seriesWrites(userId, pending);
    if (writes.length === 0) return;
    const result = await store.saveSeriesBatch(userId, writes, now);
    if (result.erased) return;
    const unsaved = new Set(result.unsaved);
    for (const w of writes) if (!unsaved.has(w.id) && w.detection?.priceChange) await raisePriceRise(userId, w.id, now);
    if (unsaved.size === 0) return;
    if (attempt >= MAX_ATTEMPTS) throw new Error(`The series of user ${userId} kept changing under ${MAX_ATTEMPTS} attempts; the batch is retried.`);
    pending = new Map([...pending].filter(([id]) => unsaved.has(id)));
    await new Promise((r) => setTimeout(r, Math.random() * 50 * attempt));
  }
}

/**
 * Stores the price-rise alert of a recurring item once (its id: the item and the date of the new price), unless the
 * user ignored the item or switched the kind off; emailed when the user asked for immediate emails, as the alerts
 * consumer does (mark, queue, unmark: a redelivery queues again, the sender's receipt keeps it to one email).
 */
async function raisePriceRise(userId: string, id: string, now: Date): Promise<void> {
  const item = await store.getRecurring(userId, id);
  if (!item?.active || item.status === 'ignored') return;
  const draft = priceRiseAlert(item, now.toISOString().slice(0, 10));
  if (!draft) return;
  const preference = (await alertStore.getPreferences(userId))['recurring.price_rise'];
  if (!preference.enabled) return;
  const result = await alertStore.putAlertOnce(userId, draft, now, preference.email === 'immediate');
  if (result.emailPending) {
    await publish('notifications', [newEvent(AlertRaised, { userId, alertId: draft.id }, now, `alert-email-${userId}-${draft.id}`)]);
    await alertStore.clearEmailPending(userId, draft.id);
  }
}

/**
 * `recurring` queue: ledger events → each user's merchant series and the recurring payments detected in them.
 * Exact under duplicate and reordered delivery: a series is a set by transaction id with the version each entry was
 * written at and tombstones for removals (shared/domain/recurring/series.ts), stored conditionally on its revision
 * together with its detection. The batch is grouped by user: each user's series are written in one batch, after
 * one read of the erasure mark, and a user whose write fails fails only their own messages; an edit that leaves the payment as
 * it was ({@link paymentUnchanged}) costs nothing. Transfers are left out; expenses and income are separate series.
 */
export async function applyLedgerEvents(records: SQSRecord[], now = new Date()): Promise<SQSBatchResponse> {
  const { byUser, poison } = ledgerEventsByUser(records);
  const failures = [...poison];
  // One user's failure fails only that user's messages.
  await settleEachUser(byUser, failures, 'Recurring update', async (userId, events) => {
    const series = new Map<string, SeriesChange[]>();
    for (const { event } of events) {
      if (paymentUnchanged(event.data.before, event.data.after)) continue;
      for (const change of changesOf(viewOf(event.data.before), viewOf(event.data.after))) {
        const id = seriesId(change.direction, change.merchant);
        series.set(id, [...(series.get(id) ?? []), change]);
      }
    }
    if (series.size > 0) await updateUserSeries(userId, series, now);
  });
  return { batchItemFailures: [...new Set(failures)].map((itemIdentifier) => ({ itemIdentifier })) };
}

// ── reads and the API ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The user's recurring payments as currently detected (inactive ones left out), with their status: `ignored` ones
 * included, for the caller to leave out, and `lapsed` as of `now` (UTC). Sorted by next expected date. For the forecast
 * and the advice.
 */
export async function recurringItems(userId: string, now = new Date()): Promise<RecurringItem[]> {
  const all = await store.listRecurring(userId);
  const today = now.toISOString().slice(0, 10);
  return all
    .filter((r) => r.active)
    .map((r) => view(r, today))
    .sort((a, b) => (a.nextExpectedDate < b.nextExpectedDate ? -1 : a.nextExpectedDate > b.nextExpectedDate ? 1 : a.id < b.id ? -1 : 1));
}

/** `GET /recurring`. */
export async function listRecurring(userId: string): Promise<{ items: RecurringItem[] }> {
  return { items: await recurringItems(userId) };
}

/** `PATCH /recurring/{id}`: confirms or ignores one of the caller's recurring payments at the version they read. */
export async function setRecurringStatus(userId: string, id: string, status: Exclude<RecurringStatus, 'detected'>, expectedVersion: number, now = new Date()): Promise<RecurringItem> {
  const current = await store.getRecurring(userId, id);
  if (!current) throw new NotFoundError(`No recurring payment ${id}.`);
  const stale = (version: number) => new PreconditionFailedError(`The recurring payment is at version ${version}, not ${expectedVersion}; read it again.`, version);
  if (current.version !== expectedVersion) throw stale(current.version);
  const next = await store.setRecurringStatus(userId, id, status, expectedVersion, now);
  if (next) return view(next, now.toISOString().slice(0, 10));
  const again = await store.getRecurring(userId, id);
  if (!again) throw new NotFoundError(`No recurring payment ${id}.`);
  throw stale(again.version);
}
