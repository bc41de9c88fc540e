import { queueBatchConsumer } from '../../shared/async/handler';
import { learnFromEvents } from '../../shared/use-cases/categoriser';
import { queueNamed } from '../queues';

/** `categoriser` queue: ledger events → each user's learned categoriser (duplicates and late events change nothing). */
export const handler = queueBatchConsumer(queueNamed('categoriser'), (records) => learnFromEvents(records));
