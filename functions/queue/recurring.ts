import { queueBatchConsumer } from '../../shared/async/handler';
import { applyLedgerEvents } from '../../shared/use-cases/recurring';
import { queueNamed } from '../queues';

/** `recurring` queue (retired: `insights` took over; this drains what was queued before): ledger events → merchant series and recurring payments. */
export const handler = queueBatchConsumer(queueNamed('recurring'), (records) => applyLedgerEvents(records));
