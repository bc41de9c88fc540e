import { queueBatchConsumer } from '../../shared/async/handler';
import { followLedger } from '../../shared/use-cases/insights';
import { queueNamed } from '../queues';

const queue = queueNamed('insights');

/** `insights` queue: ledger events → the categoriser's model, merchant series and recurring payments, the advice recompute armed. */
export const handler = queueBatchConsumer(queue, (records) => followLedger(records, queue.maxReceiveCount));
