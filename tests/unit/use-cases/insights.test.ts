import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { followLedger, type LedgerFollowers } from '../../../shared/use-cases/insights';

// The insights consumer runs the three followers of the ledger over one batch: each sees every record, and the batch's
// failures are what any of them failed.

const records = ['m1', 'm2', 'm3'].map((messageId) => ({ messageId, body: '{}' }) as unknown as SQSRecord);
const failing = (...ids: string[]) => async (): Promise<SQSBatchResponse> => ({ batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })) });

function recording(answers: Partial<Record<keyof LedgerFollowers, () => Promise<SQSBatchResponse>>> = {}) {
  const seen: Record<string, string[][]> = { categoriser: [], recurring: [], advice: [] };
  const follower = (name: keyof LedgerFollowers) => async (batch: SQSRecord[]) => {
    seen[name]?.push(batch.map((r) => r.messageId));
    return (answers[name] ?? failing())();
  };
  return { seen, followers: { categoriser: follower('categoriser'), recurring: follower('recurring'), advice: follower('advice') } };
}

const failedIds = (r: SQSBatchResponse) => r.batchItemFailures.map((f) => f.itemIdentifier).sort();

describe('followLedger', () => {
  it('hands every record of the batch to the categoriser, the recurring series and the advice debounce, once each', async () => {
    const { seen, followers } = recording();
    const result = await followLedger(records, 5, followers);
    expect(seen).toEqual({ categoriser: [['m1', 'm2', 'm3']], recurring: [['m1', 'm2', 'm3']], advice: [['m1', 'm2', 'm3']] });
    expect(result.batchItemFailures).toEqual([]);
  });

  it('fails the messages any follower failed, each once', async () => {
    const { followers } = recording({ categoriser: failing('m2'), recurring: failing('m2', 'm3'), advice: failing() });
    expect(failedIds(await followLedger(records, 5, followers))).toEqual(['m2', 'm3']);
  });

  it('fails the whole batch when a follower throws, after the others have done their work', async () => {
    const { seen, followers } = recording({ recurring: async () => Promise.reject(new Error('table unavailable')) });
    expect(failedIds(await followLedger(records, 5, followers))).toEqual(['m1', 'm2', 'm3']);
    expect(seen.categoriser).toHaveLength(1);
    expect(seen.advice).toHaveLength(1);
  });
});
