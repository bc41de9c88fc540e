import { queueBatchConsumer } from '../../shared/async/handler';
import { applyLedgerEvents } from '../../shared/use-cases/recurring';
import { queueNamed } from '../queues';

/** `recurring` queue: ledger events → each user's merchant series and the recurring payments detected in them. */
export const handler = queueBatchConsumer(queueNamed('recurring'), (records) => applyLedgerEvents(records));
