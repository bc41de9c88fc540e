import { on, queueConsumer } from '../../shared/async/handler';
import { queueNamed, retryDelayOf } from '../queues';
import { ImportRequested } from '../../events/import-requested';
import { failImport, retryImportLater, runImport } from '../../shared/use-cases/imports';

/**
 * Time one delivery may spend writing groups: the function's timeout (300 s, manifest) less a margin for the group
 * writes in flight and the report. What is left is written by a continuation message.
 */
const DELIVERY_BUDGET_MS = 240_000;

const queue = queueNamed('imports');

/** `imports` queue: writes the rows of a parsed bank file (one message per invocation, batchSize 1). */
export const handler = queueConsumer(
  queue,
  on(ImportRequested, async (e) => {
    try {
      await runImport(e.data.userId, e.data.importId, new Date(), { deadline: Date.now() + DELIVERY_BUDGET_MS });
    } catch (error) {
      // On the queue's last delivery (its maxReceiveCount in the manifest) a failing import is marked failed; before
      // it, the next delivery comes after the queue's retry delay rather than its 30-minute visibility timeout.
      if (e.lastDelivery) await failImport(e.data.userId, e.data.importId, 'The import could not be completed; try again or contact support.');
      else await retryImportLater(e.record.receiptHandle, retryDelayOf(queue, e.receiveCount));
      throw error;
    }
  }),
);
