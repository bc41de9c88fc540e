/**
 * Queue consumers: see `./handler` (the one factory of queue, stream and schedule handlers). Kept for the modules
 * that decode queue records themselves.
 */
export { decodeRecord, on, PoisonMessageError, queueBatchConsumer, queueConsumer, type ConsumedQueue, type QueueHandler, type ReceivedEvent } from './handler';
