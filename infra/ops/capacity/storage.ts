/**
 * The storage side of `npm run capacity`, as pure functions: what a usage session left in the table, by kind of
 * item, and the steady-state bytes one user keeps. DynamoDB bills an item's attribute names and values plus 100 bytes
 * of overhead, on the table and again in every index the item is projected into (the whole item where the index
 * projects ALL, its keys and included attributes where it projects INCLUDE).
 * Items that carry the TTL attribute (`expiresAt`) are kept only for their lifetime, so they are charged for that
 * long, not for the whole horizon.
 */

/** Per-item overhead DynamoDB bills on the table and on each index entry. */
export const ITEM_OVERHEAD_BYTES = 100;
const DAY_SECONDS = 86_400;
const MONTH_DAYS = 30;

/** One item as the capacity scan saw it. */
export interface ScannedItem {
  kind: string;
  /** Attribute names and values, DynamoDB's item size. */
  size: number;
  /** Indexes the item is in. */
  indexes: number;
  /** Bytes of its copies in those indexes, without overhead (the whole item where an index projects ALL). */
  indexBytes: number;
  /** Seconds from the scan to the item's TTL, when it has one. */
  ttlSeconds?: number | undefined;
}

/** What the session stored of one kind of item. */
export interface StoredKind {
  kind: string;
  items: number;
  /** Bytes billed: table and index copies, with their overhead. */
  bytes: number;
  /** Months an item of this kind is kept (its TTL, at most the horizon); the horizon when it has no TTL. */
  retainedMonths: number;
}

/** Billed bytes of one item: on the table and in each index it is projected into, each copy with its overhead. */
export function billedBytes(item: ScannedItem): number {
  return item.size + item.indexBytes + ITEM_OVERHEAD_BYTES * (1 + item.indexes);
}

/**
 * The items the session stored, by kind: those present after it that were not before it, or that grew (counted at
 * their growth). `before` and `after` map each item's key to what the scan saw.
 */
export function storedKinds(before: ReadonlyMap<string, ScannedItem>, after: ReadonlyMap<string, ScannedItem>, horizonMonths: number): StoredKind[] {
  const by = new Map<string, { items: number; bytes: number; ttl: number[] }>();
  for (const [key, item] of after) {
    const was = before.get(key);
    const grew = billedBytes(item) - (was ? billedBytes(was) : 0);
    if (grew <= 0) continue;
    const k = by.get(item.kind) ?? { items: 0, bytes: 0, ttl: [] };
    k.items += was ? 0 : 1;
    k.bytes += grew;
    if (item.ttlSeconds !== undefined) k.ttl.push(item.ttlSeconds);
    by.set(item.kind, k);
  }
  return [...by.entries()]
    .map(([kind, k]) => ({ kind, items: k.items, bytes: k.bytes, retainedMonths: retention(k.ttl, k.items, horizonMonths) }))
    .sort((a, b) => b.bytes * b.retainedMonths - a.bytes * a.retainedMonths);
}

/** Months a kind is kept: the horizon unless every stored item of it expires, then its longest TTL (at most the horizon). */
function retention(ttls: readonly number[], items: number, horizonMonths: number): number {
  if (ttls.length === 0 || ttls.length < items) return horizonMonths;
  const longest = Math.max(...ttls);
  return Math.min(horizonMonths, Math.max(0, longest) / DAY_SECONDS / MONTH_DAYS);
}

/**
 * Bytes one user keeps at steady state: what the session stored of each kind, scaled from the session's transactions
 * to a month's (`scale`), times the months it is kept. A kind kept for a horizon of 12 months holds 12 months of
 * writes; a kind with a 14-day TTL holds about half a month's.
 */
export function steadyStateBytes(kinds: readonly StoredKind[], scale: number): number {
  return kinds.reduce((s, k) => s + k.bytes * scale * k.retainedMonths, 0);
}
