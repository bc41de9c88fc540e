import { streamRelay } from '../../shared/async/relay';

/** Table stream → SQS: publishes each outbox event to the queues its type is routed to (events/routing.ts). */
export const handler = streamRelay();
