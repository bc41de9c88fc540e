import { on, queueConsumer } from '../../shared/async/consumer';
import { ImportRequested } from '../../events/import-requested';
import { failImport, runImport } from '../../shared/use-cases/imports';

/** Maximum deliveries of the `imports` queue (manifest); on the last one a failing import is marked failed. */
const LAST_DELIVERY = 3;

/** `imports` queue: writes the rows of a parsed bank file. */
export const handler = queueConsumer(
  on(ImportRequested, async (e) => {
    try {
      await runImport(e.data.userId, e.data.importId);
    } catch (error) {
      if (e.receiveCount >= LAST_DELIVERY) await failImport(e.data.userId, e.data.importId, 'The import could not be completed; try again or contact support.');
      throw error;
    }
  }),
);
