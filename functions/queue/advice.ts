import { on, queueConsumer } from '../../shared/async/handler';
import { AdviceInputsChanged, AdviceRefreshRequested, AdviceSweepPage } from '../../events/advice';
import { TransactionDeleted, TransactionRecorded, TransactionUpdated } from '../../events/transaction-changed';
import { onInputsChanged, onLedgerEvent, onRefreshRequested, sweepPage } from '../../shared/use-cases/advice';
import { queueNamed } from '../queues';

/**
 * `advice` queue: ledger events (routed by the relay, beside `analytics`) arm each user's debounced recompute; the
 * delayed AdviceRefreshRequested recomputes once the latest event is counted in the rollups; AdviceSweepPage is one
 * page of the monthly refresh; AdviceInputsChanged (a budget or goal write) arms the recompute as a ledger event does (shared/use-cases/advice.ts).
 */
export const handler = queueConsumer(
  queueNamed('advice'),
  on(TransactionRecorded, async (e) => void (await onLedgerEvent(e.data.userId, e.id))),
  on(TransactionUpdated, async (e) => void (await onLedgerEvent(e.data.userId, e.id))),
  on(TransactionDeleted, async (e) => void (await onLedgerEvent(e.data.userId, e.id))),
  on(AdviceInputsChanged, async (e) => void (await onInputsChanged(e.data.userId))),
  on(AdviceRefreshRequested, async (e) => void (await onRefreshRequested(e.data))),
  on(AdviceSweepPage, async (e) => void (await sweepPage(e.data))),
);
