import { on, queueConsumer } from '../../shared/async/consumer';
import { FxRatesPublished } from '../../events/fx-rates-published';
import { BaseCurrencyChanged } from '../../events/ledger-jobs';
import { convertPending, rebasePage } from '../../shared/use-cases/revalue';

/** `ledger-jobs` queue: background work on the ledger (converting pending FX, re-basing). */
export const handler = queueConsumer(
  on(FxRatesPublished, async (e) => {
    await convertPending(e.data.date);
  }),
  on(BaseCurrencyChanged, async (e) => {
    await rebasePage(e.data);
  }),
);
