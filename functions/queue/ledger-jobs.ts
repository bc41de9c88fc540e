import { on, queueConsumer } from '../../shared/async/consumer';
import { FxRatesPublished } from '../../events/fx-rates-published';
import { AccountErasureRequested, BaseCurrencyChanged } from '../../events/ledger-jobs';
import { continueErasure } from '../../shared/use-cases/account-deletion';
import { convertPending, rebasePage } from '../../shared/use-cases/revalue';

/** `ledger-jobs` queue: background work on the ledger (converting pending FX, re-basing, finishing account erasures). */
export const handler = queueConsumer(
  on(FxRatesPublished, async (e) => {
    await convertPending(e.data.date);
  }),
  on(BaseCurrencyChanged, async (e) => {
    await rebasePage(e.data);
  }),
  on(AccountErasureRequested, async (e) => {
    await continueErasure(e.data.userId);
  }),
);
