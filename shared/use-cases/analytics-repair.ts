import { fieldDifference, parseRollupKey, recountExact, rollupKeyString, type StoredFields } from '../domain/analytics';
import { toExactMinor, toStoredInt, type ExactMinor } from '../domain/money/exact';
import { transactionsByDate, type TransactionRecord } from '../adapters/ledger';
import { allProfiles, sampleUserIds } from '../adapters/profiles';
import { dirtyPage } from '../adapters/dirty-users';
import { allDaily, allRollups, replaceDaily, replaceRollup } from '../adapters/rollups';
import { logger } from '../observability';
import { AnalyticsReconcileRequested } from '../../events/ledger-jobs';
import { newEvent } from '../adapters/outbox';
import { sweepUsers, type SweepResult } from './user-sweep';

/** A rollup is only rewritten when no delta touched it for this long (events in flight would be counted twice). */
const QUIET_MS = 10 * 60 * 1000;

export interface Drift {
  base: string;
  month: string;
  /** Set when the drift is in the DAILY rollup of that day (YYYY-MM-DD); absent for the monthly rollup. */
  day?: string;
  /** Recount minus stored, per field (what the fix adds), exact: a number while safe, else a string of digits. */
  difference: Readonly<Record<string, ExactMinor>>;
  fixed: boolean;
  /** Why a drifted rollup was left as it is. */
  skipped?: string;
}

/** A user's reconcile did not fit in its time: its message fails alone (and reaches the DLQ after its retries). */
export class ReconcileTimeoutError extends Error {
  override name = 'ReconcileTimeoutError';
}

async function transactionsOf(userId: string, deadline = Number.POSITIVE_INFINITY): Promise<TransactionRecord[]> {
  const out: TransactionRecord[] = [];
  const tooLarge = () => new ReconcileTimeoutError(`The ledger of ${userId} is too large to recount in one delivery (${out.length} transactions read).`);
  if (Date.now() > deadline) throw tooLarge();
  for await (const page of transactionsByDate(userId)) {
    out.push(...page.items);
    if (page.cursor && Date.now() > deadline) throw tooLarge();
  }
  return out;
}

/**
 * Recomputes a user's monthly AND daily rollups from the transactions and compares them with the stored ones,
 * exactly (in BigInt: a month's totals may pass 2^53). With `fix`, each drifted rollup (wrong, missing, or a daily
 * item the recount has nothing for) that has been quiet for 10 minutes is replaced by the recount (conditionally: a
 * delta applied meanwhile wins, and the next run looks again; an extra daily item is deleted under the same guard).
 * Returns how many monthly rollups and days the recount holds, and every drift found.
 */
export async function repairUser(userId: string, options: { fix: boolean; now?: Date; deadline?: number }): Promise<{ rollups: number; days: number; drifts: Drift[] }> {
  const now = options.now ?? new Date();
  const [txs, stored, storedDays] = await Promise.all([transactionsOf(userId, options.deadline), allRollups(userId), allDaily(userId)]);
  const want = recountExact(txs);
  const have = new Map<string, { fields: StoredFields; updatedAt: string }>([
    ...stored.map((r) => [rollupKeyString({ baseCurrency: r.base, month: r.month }), r] as const),
    ...storedDays.map((r) => [rollupKeyString({ baseCurrency: r.base, month: r.day.slice(0, 7), day: r.day }), r] as const),
  ]);
  const drifts: Drift[] = [];
  let days = 0;
  for (const key of want.keys()) if (parseRollupKey(key).day) days++;
  for (const key of [...new Set([...want.keys(), ...have.keys()])].sort()) {
    const target = want.get(key) ?? {};
    const current = have.get(key);
    const exact = fieldDifference(target, current?.fields);
    if (Object.keys(exact).length === 0) continue;
    const difference = Object.fromEntries(Object.entries(exact).map(([name, value]) => [name, toExactMinor(value)]));
    const { baseCurrency: base, month, day } = parseRollupKey(key);
    const drift: Drift = { base, month, ...(day ? { day } : {}), difference, fixed: false };
    if (options.fix) {
      const age = current ? now.getTime() - Date.parse(current.updatedAt) : Infinity;
      const fields = Object.fromEntries(Object.entries(target).map(([name, value]) => [name, toStoredInt(value)]));
      if (age < QUIET_MS) drift.skipped = 'changed in the last 10 minutes; events may still be in flight';
      else if (day) drift.fixed = await replaceDaily(userId, base, day, fields, current?.updatedAt, now);
      else drift.fixed = await replaceRollup(userId, base, month, fields, current?.updatedAt, now);
      if (!drift.fixed && !drift.skipped) drift.skipped = 'changed while being repaired';
    }
    drifts.push(drift);
  }
  if (drifts.length) logger.warn('Analytics drift', { userId, drifts: drifts.map((d) => ({ base: d.base, month: d.month, day: d.day, fixed: d.fixed, fields: Object.keys(d.difference).length })) });
  return { rollups: want.size - days, days, drifts };
}

/**
 * Checks (and fixes) every user's rollups in this process (`npm run repair -- --fix`), one user at a time: a user
 * whose recount fails is reported in `failed` and the others go on. The nightly schedule fans out instead
 * ({@link queueReconcileAll}).
 */
export async function reconcileAll(now = new Date()): Promise<{ users: number; drifted: number; fixed: number; failed: { userId: string; error: string }[] }> {
  let users = 0;
  let drifted = 0;
  let fixed = 0;
  const failed: { userId: string; error: string }[] = [];
  for await (const page of allProfiles()) {
    for (const p of page) {
      users++;
      try {
        const r = await repairUser(String(p.userId), { fix: true, now });
        drifted += r.drifts.length;
        fixed += r.drifts.filter((d) => d.fixed).length;
      } catch (error) {
        logger.error('Reconcile failed for a user; the others go on', { userId: String(p.userId), error: error as Error });
        failed.push({ userId: String(p.userId), error: (error as Error).message });
      }
    }
  }
  return { users, drifted, fixed, failed };
}

/** Users of each users-index shard the nightly reconcile recounts at random besides the changed ones (a canary). */
export const RECONCILE_CANARY_PER_SHARD = 2;

/**
 * The nightly reconciler, in proportion to change: one AnalyticsReconcileRequested onto `ledger-jobs` per user whose
 * rollups were written yesterday or today (UTC, the consumer's dirty markers) plus `RECONCILE_CANARY_PER_SHARD`
 * random users of each shard (drift with no recent write shows there). The schedule's call queues one message per
 * shard; each shard message pages its dirty partitions (see `sweepUsers`); each user is recounted in its own
 * message, so one user's failure reaches the DLQ alone.
 */
export async function queueReconcileAll(scheduledAt: Date, deadline: number, shard?: number, cursor?: string, random: () => number = Math.random): Promise<SweepResult> {
  const today = scheduledAt.toISOString().slice(0, 10);
  const days = [new Date(scheduledAt.getTime() - 86_400_000).toISOString().slice(0, 10), today];
  return sweepUsers({
    job: 'reconcile-analytics',
    shard,
    cursor,
    pageOf: (s, start, size) => dirtyPage(days, s, start, size),
    extraUsers: (s) => sampleUserIds(s, RECONCILE_CANARY_PER_SHARD, random),
    scheduledAt,
    deadline,
    queue: 'ledger-jobs',
    continuationQueue: 'ledger-jobs',
    messageOf: (p) => newEvent(AnalyticsReconcileRequested, { userId: p.userId }, scheduledAt, `reconcile-${scheduledAt.toISOString()}-${p.userId}`),
  });
}

/** One user's nightly reconcile (its message): fixes drift; past `deadline` it fails, for this user alone. */
export async function reconcileUser(userId: string, now: Date, deadline: number): Promise<{ rollups: number; drifted: number; fixed: number }> {
  const r = await repairUser(userId, { fix: true, now, deadline });
  return { rollups: r.rollups, drifted: r.drifts.length, fixed: r.drifts.filter((d) => d.fixed).length };
}
