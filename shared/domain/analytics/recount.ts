import { readInt } from '../money/exact';
import { contributions, type AnalyticsTransaction } from './contribution';
import { rollupKeyString, type StoredFields } from './fields';

/**
 * Exact recounts for the repair of rollups. One transaction's counters fit a number (|amount| ≤ 10^13), but a
 * month's total over an unbounded number of transactions does not: ~900 amounts near the ceiling pass 2^53. So the
 * recount and its comparison with the stored counters are done in BigInt, and never throw on size.
 */

/** Counters summed exactly: field name → bigint, zeros left out, names sorted. */
export type ExactFields = Readonly<Record<string, bigint>>;

function sortedNonZero(acc: ReadonlyMap<string, bigint>): ExactFields {
  const out: Record<string, bigint> = {};
  for (const name of [...acc.keys()].sort()) {
    const value = acc.get(name) ?? 0n;
    if (value !== 0n) out[name] = value;
  }
  return out;
}

/**
 * The rollups recomputed from a user's transactions, exactly: key string (`<base>#<YYYY-MM>` monthly,
 * `<base>#<YYYY-MM-DD>` daily) → counters, keys sorted, rollups without a non-zero counter left out. Same counters as
 * `recount`, at any size.
 *
 * @throws ValidationError when a transaction is malformed (as `contribution` does) — never because of a sum's size.
 */
export function recountExact(transactions: Iterable<AnalyticsTransaction>): Map<string, ExactFields> {
  const groups = new Map<string, Map<string, bigint>>();
  for (const tx of transactions) {
    for (const c of contributions(tx)) {
      const id = rollupKeyString(c.key);
      let acc = groups.get(id);
      if (!acc) groups.set(id, (acc = new Map()));
      for (const [name, value] of Object.entries(c.fields)) acc.set(name, (acc.get(name) ?? 0n) + BigInt(value));
    }
  }
  const out = new Map<string, ExactFields>();
  for (const id of [...groups.keys()].sort()) {
    const fields = sortedNonZero(groups.get(id) ?? new Map());
    if (Object.keys(fields).length > 0) out.set(id, fields);
  }
  return out;
}

/**
 * `want − have`, field by field and exactly (what a fix adds to the stored counters); fields that agree are left
 * out, so an empty result means no drift. Stored values that are not integers count as 0 (a fix replaces them).
 */
export function fieldDifference(want: ExactFields | undefined, have: StoredFields | undefined): ExactFields {
  const acc = new Map<string, bigint>();
  for (const [name, value] of Object.entries(want ?? {})) acc.set(name, value);
  for (const [name, value] of Object.entries(have ?? {})) acc.set(name, (acc.get(name) ?? 0n) - (readInt(value) ?? 0n));
  return sortedNonZero(acc);
}
