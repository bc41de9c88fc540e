import * as z from 'zod/mini';
import { eventContract } from './envelope';

/** A user changed their base currency: every transaction is re-valued in it (in pages; `cursor` continues). */
export const BaseCurrencyChanged = /*#__PURE__*/ (() => eventContract(
  'BaseCurrencyChanged',
  1,
  z.object({ userId: z.string(), from: z.string(), to: z.string(), cursor: z.optional(z.string()) }),
))();

/**
 * An account was erased (DELETE /me): what the request could not delete in its time is deleted by the ledger-jobs
 * worker, one time-bounded pass per message, re-queued until nothing is left. Then one `settle` pass runs again
 * later, to delete what a consumer that read the account as not erased wrote after the partition was emptied.
 */
export const AccountErasureRequested = /*#__PURE__*/ (() => eventContract(
  'AccountErasureRequested',
  1,
  z.object({ userId: z.string(), settle: z.optional(z.boolean()) }),
))();

/**
 * Scheduled jobs that touch every user fan out one message per user, so one user's failure (a huge or malformed
 * ledger) reaches the DLQ alone and the others complete. The schedule queues one `UsersSweepContinued` per
 * users-index shard; each pages its shard within a bound and continues in a further one carrying where it stopped.
 */
export const UsersSweepContinued = /*#__PURE__*/ (() => eventContract(
  'UsersSweepContinued',
  1,
  z.object({
    /** Which per-user job the sweep queues. */
    job: z.enum(['reconcile-analytics', 'weekly-report', 'monthly-report', 'advice-refresh']),
    /** The users-index shard this message pages (absent on a message of the old, unsharded index: dropped). */
    shard: z.optional(z.number().check(z.int(), z.nonnegative())),
    /** Opaque position in the shard (from the previous page); absent on the shard's first message. */
    cursor: z.optional(z.string()),
    /**
     * The time zone (a zone key) whose partition of the shard this message pages, for the reports due at 07:00 in
     * that zone; absent for a sweep of the whole users index.
     */
    zone: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    /** When the schedule fired (a weekly report covers the week before it). */
    scheduledAt: z.string(),
  }),
))();

/** The nightly reconcile of one user: recount the monthly rollups from the transactions and fix any drift. */
export const AnalyticsReconcileRequested = /*#__PURE__*/ (() => eventContract('AnalyticsReconcileRequested', 1, z.object({ userId: z.string().check(z.minLength(1)) })))();

/** At most this many transactions per PendingConversionRequested (a user with more gets several messages). */
export const PENDING_PER_MESSAGE = 100;

/**
 * Pending transactions of one user that newly published rates may convert (found by the FxRatesPublished fan-out in
 * the pending index, only in the currencies that arrived).
 */
export const PendingConversionRequested = /*#__PURE__*/ (() => eventContract(
  'PendingConversionRequested',
  1,
  z.object({ userId: z.string().check(z.minLength(1)), transactionIds: z.array(z.string()).check(z.minLength(1), z.maxLength(PENDING_PER_MESSAGE)) }),
))();

/** The FxRatesPublished fan-out ran out of time: it goes on from `cursor` in the pending index. */
export const PendingConversionSweepContinued = /*#__PURE__*/ (() => eventContract(
  'PendingConversionSweepContinued',
  1,
  z.object({ date: z.string(), currencies: z.array(z.string()), cursor: z.string() }),
))();
