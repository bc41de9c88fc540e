import { queueBatchConsumer } from '../../shared/async/handler';
import { addLagOfBatch, PIPELINE_LAG_METRIC } from '../../shared/async/lag';
import { applyLedgerEvents } from '../../shared/use-cases/analytics-apply';
import { queueNamed } from '../queues';

/** `analytics` queue: ledger events → monthly rollups, each event counted exactly once. */
export const handler = queueBatchConsumer(queueNamed('analytics'), async (records) => {
  const result = await applyLedgerEvents(records);
  // Pipeline lag: ledger change → rollups written (the dashboard's and the PipelineLag alarm's metric).
  addLagOfBatch(PIPELINE_LAG_METRIC, records, result);
  return result;
});
