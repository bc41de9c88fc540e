import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../metrics';

/**
 * Milliseconds from a ledger change (its event's `occurredAt`) to its rollups being written, emitted by the
 * analytics consumer (namespace `Tally`, dimension `service=analytics`). The dashboard and the pipeline-lag alarm
 * (infra/constructs/operations.ts) read it under this name.
 */
export const PIPELINE_LAG_METRIC = 'PipelineLag';

/** Milliseconds from a ledger change to the alerts it raises being stored, emitted by the alerts consumer. */
export const ALERT_LATENCY_METRIC = 'AlertLatency';

/** Milliseconds since an ISO time, or undefined when it is not one (a clock ahead of ours counts as 0). */
export function msSince(occurredAt: string, now = Date.now()): number | undefined {
  const at = Date.parse(occurredAt);
  return Number.isNaN(at) ? undefined : Math.max(0, now - at);
}

/** Adds one `name` value per record handled (not reported failed): now − the envelope's `occurredAt`. */
export function addLagOfBatch(name: string, records: readonly SQSRecord[], result: SQSBatchResponse, now = Date.now()): void {
  const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
  for (const record of records) {
    if (failed.has(record.messageId)) continue;
    let occurredAt: unknown;
    try {
      occurredAt = (JSON.parse(record.body) as { occurredAt?: unknown }).occurredAt;
    } catch {
      continue; // not an envelope: the consumer reported it
    }
    const lag = typeof occurredAt === 'string' ? msSince(occurredAt, now) : undefined;
    if (lag !== undefined) metrics.addMetric(name, MetricUnit.Milliseconds, lag);
  }
}
