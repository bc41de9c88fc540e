import { createHash } from 'node:crypto';
import { merchantKey } from '../ledger/merchant';
import { MAX_OCCURRENCES, type Occurrence } from './detect';

/**
 * A user's payments to (or from) one merchant, kept as a bounded set keyed by transaction id so that duplicate and
 * reordered delivery of ledger events converge: each entry carries the transaction version it was written at, and a
 * removal leaves a tombstone with its version, so an older event arriving late changes nothing.
 */

/** Expenses and income are separate series (a refund from a shop is not its subscription). */
export type Direction = 'expense' | 'income';

export interface SeriesEntry extends Occurrence {
  version: number;
}

export interface Tombstone {
  transactionId: string;
  version: number;
}

export interface Series {
  direction: Direction;
  merchant: string;
  entries: SeriesEntry[];
  tombstones: Tombstone[];
}

/** Tombstones kept per series (the latest ones): enough for any realistic reordering of a merchant's events. */
export const MAX_TOMBSTONES = 36;

/** What of a transaction the series need (a ledger event's snapshot fits). */
export interface TransactionView {
  id: string;
  type: 'expense' | 'income' | 'transfer';
  amount: number;
  currency: string;
  date: string;
  description: string;
  categoryId: string | null;
  version: number;
}

/** One change to one series. */
export type SeriesChange =
  | { kind: 'upsert'; direction: Direction; merchant: string; entry: SeriesEntry }
  | { kind: 'remove'; direction: Direction; merchant: string; transactionId: string; version: number };

/** The series a transaction belongs to, or undefined (transfers, no merchant name). */
export function seriesOf(t: TransactionView): { direction: Direction; merchant: string } | undefined {
  if (t.type === 'transfer') return undefined;
  const merchant = merchantKey(t.description).slice(0, 200);
  return merchant === '' ? undefined : { direction: t.type, merchant };
}

/**
 * The series changes of one ledger event (before/after images): a transaction leaving a series (deleted, moved to
 * another merchant by a new description, turned into a transfer) is removed at the new version; one in a series is
 * upserted there.
 */
export function changesOf(before: TransactionView | null, after: TransactionView | null): SeriesChange[] {
  const out: SeriesChange[] = [];
  const from = before ? seriesOf(before) : undefined;
  const to = after ? seriesOf(after) : undefined;
  const version = after?.version ?? before?.version ?? 0;
  if (before && from && (!to || to.direction !== from.direction || to.merchant !== from.merchant)) {
    out.push({ kind: 'remove', ...from, transactionId: before.id, version });
  }
  if (after && to) {
    out.push({
      kind: 'upsert',
      ...to,
      entry: { transactionId: after.id, date: after.date, amount: Math.abs(after.amount), currency: after.currency, categoryId: after.categoryId, version: after.version },
    });
  }
  return out;
}

/** A stable id of a series (and of its recurring item): a hash of direction and merchant key. */
export function seriesId(direction: Direction, merchant: string): string {
  return createHash('sha256').update(JSON.stringify([direction, merchant])).digest('base64url').slice(0, 24);
}

export function emptySeries(direction: Direction, merchant: string): Series {
  return { direction, merchant, entries: [], tombstones: [] };
}

const byDate = (a: SeriesEntry, b: SeriesEntry): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.transactionId < b.transactionId ? -1 : a.transactionId > b.transactionId ? 1 : 0);

/**
 * The series after one change (a new object; the input is not modified). An upsert older than (or as old as) the
 * entry or tombstone already there is ignored; a removal older than the entry there is ignored. The entries stay
 * sorted by date and bounded to the latest {@link MAX_OCCURRENCES}; tombstones to the latest {@link MAX_TOMBSTONES}.
 */
export function applyChange(series: Series, change: SeriesChange): Series {
  const id = change.kind === 'upsert' ? change.entry.transactionId : change.transactionId;
  const version = change.kind === 'upsert' ? change.entry.version : change.version;
  const existing = series.entries.find((e) => e.transactionId === id);
  const tomb = series.tombstones.find((t) => t.transactionId === id);
  if (change.kind === 'upsert') {
    if ((existing && existing.version >= version) || (tomb && tomb.version >= version)) return series;
    const entries = [...series.entries.filter((e) => e.transactionId !== id), change.entry].sort(byDate).slice(-MAX_OCCURRENCES);
    return { ...series, entries, tombstones: series.tombstones.filter((t) => t.transactionId !== id) };
  }
  if ((existing && existing.version > version) || (tomb && tomb.version >= version)) return series;
  return {
    ...series,
    entries: series.entries.filter((e) => e.transactionId !== id),
    tombstones: [...series.tombstones.filter((t) => t.transactionId !== id), { transactionId: id, version }].slice(-MAX_TOMBSTONES),
  };
}
