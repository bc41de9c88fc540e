import { queueBatchConsumer } from '../../shared/async/handler';
import { learnFromEvents } from '../../shared/use-cases/categoriser';
import { queueNamed } from '../queues';

/** `categoriser` queue (retired: `insights` took over; this drains what was queued before): ledger events → each user's learned categoriser. */
export const handler = queueBatchConsumer(queueNamed('categoriser'), (records) => learnFromEvents(records));
