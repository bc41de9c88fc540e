import { queueBatchConsumer } from '../../shared/async/handler';
import { applyLedgerEvents } from '../../shared/use-cases/analytics-apply';
import { queueNamed } from '../queues';

/** `analytics` queue: ledger events → monthly rollups, each event counted exactly once. */
export const handler = queueBatchConsumer(queueNamed('analytics'), (records) => applyLedgerEvents(records));
