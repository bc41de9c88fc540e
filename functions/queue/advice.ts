import { on, PoisonMessageError, queueBatchConsumer } from '../../shared/async/handler';
import { AdviceInputsChanged, AdviceRefreshRequested, AdviceSweepPage } from '../../events/advice';
import { UsersSweepContinued } from '../../events/ledger-jobs';
import { monthlySweep, onAdviceBatch, onInputsChanged, onRefreshRequested, sweepPage } from '../../shared/use-cases/advice-refresh';
import { queueNamed } from '../queues';

/** Time a sweep message may page for: well inside the function's timeout. */
const SWEEP_BUDGET_MS = 20_000;

const queue = queueNamed('advice');

/** The messages handled one by one; ledger events are grouped by user (shared/use-cases/advice-refresh.ts `onAdviceBatch`). */
const single = {
  ...on(AdviceInputsChanged, async (e) => void (await onInputsChanged(e.data.userId))),
  ...on(AdviceRefreshRequested, async (e) => void (await onRefreshRequested(e.data))),
  ...on(AdviceSweepPage, async (e) => void (await sweepPage(e.data))),
  ...on(UsersSweepContinued, async (e) => {
    if (e.data.job !== 'advice-refresh') throw new PoisonMessageError(`the advice queue does not sweep ${e.data.job}`);
    if (e.data.shard === undefined && e.data.cursor !== undefined) throw new PoisonMessageError('a cursor of the unsharded users index');
    await monthlySweep(new Date(e.data.scheduledAt), e.data.shard, e.data.cursor, Date.now() + SWEEP_BUDGET_MS);
  }),
};

/**
 * `advice` queue: the delayed AdviceRefreshRequested (armed by the insights consumer for ledger events) recomputes once
 * the latest event is counted in the rollups; ledger events queued here before `insights` existed still arm it;
 * UsersSweepContinued is one shard page of the monthly refresh (AdviceSweepPage, its old form, starts it);
 * AdviceInputsChanged (a budget or goal write) arms the recompute as a ledger event does (shared/use-cases/advice-refresh.ts).
 */
export const handler = queueBatchConsumer(queue, (records) => onAdviceBatch(records, single, queue.maxReceiveCount));
