import type { SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addLagOfBatch, msSince, PIPELINE_LAG_METRIC } from '../../../shared/async/lag';
import { metrics } from '../../../shared/metrics';

const record = (messageId: string, body: string): SQSRecord => ({ messageId, body }) as SQSRecord;

describe('pipeline lag', () => {
  afterEach(() => vi.restoreAllMocks());

  it('measures milliseconds since an ISO time, 0 for a clock ahead, nothing for a non-time', () => {
    const now = Date.parse('2026-01-01T00:00:10.000Z');
    expect(msSince('2026-01-01T00:00:00.000Z', now)).toBe(10_000);
    expect(msSince('2026-01-01T00:00:11.000Z', now)).toBe(0);
    expect(msSince('yesterday', now)).toBeUndefined();
  });

  it('adds one value per handled record, none for failed or unreadable ones', () => {
    // Prepare
    const add = vi.spyOn(metrics, 'addMetric').mockImplementation(() => metrics);
    const now = Date.parse('2026-01-01T00:01:00.000Z');
    const records = [
      record('a', JSON.stringify({ occurredAt: '2026-01-01T00:00:00.000Z' })),
      record('b', JSON.stringify({ occurredAt: '2026-01-01T00:00:30.000Z' })),
      record('c', JSON.stringify({ occurredAt: '2026-01-01T00:00:59.000Z' })),
      record('d', 'not json'),
      record('e', JSON.stringify({ occurredAt: 42 })),
    ];
    // Act
    addLagOfBatch(PIPELINE_LAG_METRIC, records, { batchItemFailures: [{ itemIdentifier: 'b' }] }, now);
    // Assess
    expect(add.mock.calls.map(([name, , value]) => [name, value])).toEqual([
      ['PipelineLag', 60_000],
      ['PipelineLag', 1_000],
    ]);
  });
});
