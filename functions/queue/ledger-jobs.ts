import { on, PoisonMessageError, queueConsumer } from '../../shared/async/handler';
import { queueNamed } from '../queues';
import { FxRatesPublished } from '../../events/fx-rates-published';
import {
  AccountErasureRequested,
  AnalyticsReconcileRequested,
  BaseCurrencyChanged,
  PendingConversionRequested,
  PendingConversionSweepContinued,
  UsersSweepContinued,
} from '../../events/ledger-jobs';
import { continueErasure } from '../../shared/use-cases/account-deletion';
import { queueReconcileAll, reconcileUser } from '../../shared/use-cases/analytics-repair';
import { convertPendingOf, queuePendingConversions, rebasePage } from '../../shared/use-cases/revalue';

/**
 * Time one record may take: the function's timeout (60 s, manifest) less a margin. Records of a batch run side by
 * side, so a record that would overrun fails alone (a partial batch failure) instead of timing out the whole batch.
 */
const RECORD_BUDGET_MS = 40_000;
const deadline = () => Date.now() + RECORD_BUDGET_MS;

/**
 * `ledger-jobs` queue: background work on the ledger, each message about one user where it touches users' data
 * (converting one user's pending FX, re-basing, finishing account erasures, one user's nightly reconcile), plus the
 * fan-outs that queue those per-user messages.
 */
export const handler = queueConsumer(
  queueNamed('ledger-jobs'),
  on(FxRatesPublished, async (e) => {
    await queuePendingConversions({ date: e.data.date, currencies: [...e.data.currencies, e.data.base] }, deadline());
  }),
  on(PendingConversionSweepContinued, async (e) => {
    await queuePendingConversions(e.data, deadline());
  }),
  on(PendingConversionRequested, async (e) => {
    await convertPendingOf(e.data.userId, e.data.transactionIds);
  }),
  on(BaseCurrencyChanged, async (e) => {
    await rebasePage(e.data);
  }),
  on(AccountErasureRequested, async (e) => {
    await continueErasure(e.data.userId, new Date(), e.data.settle === true);
  }),
  on(AnalyticsReconcileRequested, async (e) => {
    await reconcileUser(e.data.userId, new Date(), deadline());
  }),
  on(UsersSweepContinued, async (e) => {
    if (e.data.job !== 'reconcile-analytics') throw new PoisonMessageError(`ledger-jobs does not sweep ${e.data.job}`);
    if (e.data.shard === undefined && e.data.cursor !== undefined) throw new PoisonMessageError('a cursor of the unsharded users index');
    await queueReconcileAll(new Date(e.data.scheduledAt), deadline(), e.data.shard, e.data.cursor);
  }),
);
