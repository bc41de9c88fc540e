import { formatAmount } from '../money/amount';
import { alertId, readableAmount, type AlertDraft } from './alert';

/** What the alert rules read of one goal's status (shared/use-cases/goals.ts `goalStatuses`). */
export interface GoalStatusView {
  goalId: string;
  name: string;
  status: 'on_track' | 'at_risk' | 'off_track' | 'reached';
  saved: unknown;
  targetAmount: unknown;
  currency: string;
  percent?: unknown;
  targetDate?: string | null;
  projectedCompletion?: string | null;
}

const figures = (g: GoalStatusView) => ({
  saved: g.saved,
  targetAmount: g.targetAmount,
  currency: g.currency,
  percent: g.percent ?? null,
  targetDate: g.targetDate ?? null,
  projectedCompletion: g.projectedCompletion ?? null,
});

/**
 * `goal.reached` once per goal; `goal.off_track` once per goal and month (`asOf`'s month): a goal still off track
 * next month is said again, not on every write.
 */
export function goalAlerts(g: GoalStatusView, asOf: string, trigger: { transactionId: string | null }): AlertDraft[] {
  const evidence = { ...figures(g), status: g.status, asOf, transactionId: trigger.transactionId };
  const withTx = trigger.transactionId ? { transactionId: trigger.transactionId } : {};
  if (g.status === 'reached') {
    return [{ id: alertId('goal.reached', g.goalId), kind: 'goal.reached', severity: 'info', title: `Goal reached: ${g.name}`, message: `You saved ${readableAmount(g.saved, g.currency, formatAmount)} of ${readableAmount(g.targetAmount, g.currency, formatAmount)}.`, evidence, goalId: g.goalId, ...withTx }];
  }
  if (g.status === 'off_track') {
    const month = asOf.slice(0, 7);
    return [
      {
        id: alertId('goal.off_track', g.goalId, month),
        kind: 'goal.off_track',
        severity: 'warning',
        title: `Goal off track: ${g.name}`,
        message: `At the current pace ${g.name} will not reach ${readableAmount(g.targetAmount, g.currency, formatAmount)} by ${g.targetDate ?? 'its date'}${g.projectedCompletion ? ` (projected ${g.projectedCompletion})` : ''}.`,
        evidence: { ...evidence, month },
        goalId: g.goalId,
        ...withTx,
      },
    ];
  }
  return [];
}
