import * as z from 'zod/mini';
import { eventContract } from './envelope';

/**
 * Recompute one user's advice (shared/use-cases/advice-refresh.ts). Queued DELAYED by the debounce (one per burst of ledger
 * events) and by the monthly sweep; `attempt` counts the waits for the analytics consumer to count the latest event.
 */
export const AdviceRefreshRequested = /*#__PURE__*/ (() => eventContract('AdviceRefreshRequested', 1, z.object({ userId: z.string(), attempt: z.int(), reason: z.enum(['ledger', 'monthly']) })))();

/** The monthly sweep: queue the advice refresh of one page of users, then the next page (one message per page). */
export const AdviceSweepPage = /*#__PURE__*/ (() => eventContract('AdviceSweepPage', 1, z.object({ cursor: z.optional(z.string()), scheduledAt: z.string() })))();

/**
 * A budget or goal was created, changed, deleted or contributed to (written to the outbox by the HTTP write): the
 * advice consumer arms the user's debounced recompute, as a ledger event does, so goal-funding and budget advice
 * follow the plan without waiting for the next transaction.
 */
export const AdviceInputsChanged = /*#__PURE__*/ (() => eventContract('AdviceInputsChanged', 1, z.object({ userId: z.string(), source: z.enum(['budget', 'goal']) })))();
