import type { Envelope } from '../../events/envelope';
import type * as Adapter from '../adapters/queue';

/**
 * Publishing events to a named queue (`ledger-jobs`, `imports`, …), optionally delayed. Implemented by
 * shared/adapters/queue.ts (SQS) and tests/support/memory/queue.ts (unit tests).
 */
export interface QueuePort {
  publish(queue: string, events: Envelope[], options?: { delaySeconds?: number }): Promise<void>;
}

/** Compile-time proof that the SQS adapter implements the port. */
export const queueAdapterImplementsPort: typeof Adapter extends QueuePort ? true : never = true;
