import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { learnFromEvents } from './categoriser';
import { applyLedgerEvents } from './recurring';
import { onAdviceBatch } from './advice-refresh';
import { logger } from '../observability';

/** The three followers of the ledger that {@link followLedger} runs over one batch (replaceable in unit tests). */
export interface LedgerFollowers {
  categoriser: (records: SQSRecord[]) => Promise<SQSBatchResponse>;
  recurring: (records: SQSRecord[]) => Promise<SQSBatchResponse>;
  advice: (records: SQSRecord[]) => Promise<SQSBatchResponse>;
}

const defaults = (maxReceiveCount: number): LedgerFollowers => ({
  categoriser: (records) => learnFromEvents(records),
  recurring: (records) => applyLedgerEvents(records),
  // Only ledger events come this way: any other type is a poison message (no handlers besides the ledger's).
  advice: (records) => onAdviceBatch(records, {}, maxReceiveCount),
});

/**
 * The `insights` queue's batch of ledger events: each user's categoriser model learns from them, their merchant series
 * and recurring payments are updated, and their debounced advice recompute is armed, side by side in one invocation
 * (one queue hop and one invocation per event instead of three). Each follower is idempotent by event id and fails
 * only the messages of the users it could not handle; a message any of them failed is redelivered to all three,
 * and the two that had handled it find it already counted.
 */
export async function followLedger(records: SQSRecord[], maxReceiveCount = Infinity, followers: LedgerFollowers = defaults(maxReceiveCount)): Promise<SQSBatchResponse> {
  const everyRecord = (error: unknown): SQSBatchResponse => {
    logger.warn('A ledger follower failed the whole batch; its messages are retried', { error: error as Error });
    return { batchItemFailures: records.map((r) => ({ itemIdentifier: r.messageId })) };
  };
  // A follower that throws instead of naming its failures fails the batch, but not the others' work (kept, and found
  // counted on redelivery).
  const results = await Promise.all([followers.categoriser, followers.recurring, followers.advice].map((follow) => follow(records).catch(everyRecord)));
  const failed = new Set(results.flatMap((r) => r.batchItemFailures.map((f) => f.itemIdentifier)));
  return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
}
