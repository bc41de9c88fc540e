import { readInt } from '../money/exact';
import { formatAmount } from '../money/amount';
import { alertId, readableAmount, type AlertDraft } from './alert';

const money = (v: bigint, currency: string) => readableAmount(plain(v), currency, formatAmount);

/** What the alert rules read of one budget's status (shared/use-cases/budgets.ts `budgetStatuses`). */
export interface BudgetStatusView {
  budgetId: string;
  name: string;
  period: { from: string; to: string };
  thresholds: number[];
  available: unknown;
  spent: unknown;
  projected?: unknown;
  projectedOverspend?: unknown;
  expectedByNow?: unknown;
  /** How the projection was made (the budgets use case's `pace`: the user's pattern or linear). */
  pace?: unknown;
  asOf: string | null;
}

/** The transaction whose event led to the evaluation (named in the evidence). */
export interface Trigger {
  transactionId: string;
  date: string;
}

const big = (v: unknown): bigint => readInt(v) ?? 0n;
const plain = (v: bigint): number | string => (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString());

/** Whole percent of `available` that `spent` is (rounded down); spending with nothing available counts as 100 % per unit. */
function percentOf(spent: bigint, available: bigint): number {
  if (available <= 0n) return spent > 0n ? Number.POSITIVE_INFINITY : 0;
  return Number((spent * 100n) / available);
}

/**
 * `budget.threshold`, level-based: one alert for EVERY threshold at or below the spending of the whole period
 * (`status` as of the period's last day), never only the one just crossed. So whichever event of the period is
 * evaluated last — after every rollup of the period is applied — sees the final spending and raises every
 * threshold it reached: the set depends only on the final data, not on the delivery order. One per
 * (budget, period start, threshold).
 */
export function thresholdAlerts(status: BudgetStatusView, trigger: Trigger, currency: string): AlertDraft[] {
  const spent = big(status.spent);
  const available = big(status.available);
  const out: AlertDraft[] = [];
  for (const threshold of [...new Set(status.thresholds)].sort((a, b) => a - b)) {
    // spent ≥ threshold % of available, in integers (no rounding at the edge).
    const reached = available <= 0n ? spent > 0n : spent * 100n >= BigInt(Math.round(threshold)) * available;
    if (!reached) continue;
    const percent = percentOf(spent, available);
    out.push(budgetAlert(status, trigger, currency, {
      id: alertId('budget.threshold', status.budgetId, status.period.from, String(threshold)),
      kind: 'budget.threshold',
      severity: threshold >= 100 ? 'critical' : threshold >= 80 ? 'warning' : 'info',
      title: `${status.name}: ${threshold}% of the budget spent`,
      message: `Spending in ${status.period.from}…${status.period.to} reached ${Number.isFinite(percent) ? `${percent}%` : 'more than'} of the ${money(available, currency)} available (threshold ${threshold}%).`,
      method: 'level: spent ≥ threshold% × available, spending of the whole period',
      figures: { threshold, spent: plain(spent), available: plain(available), percentUsed: Number.isFinite(percent) ? percent : null },
    }));
  }
  return out;
}

/**
 * `budget.pace`: the status as of the triggering transaction's date projects the period to end over budget while
 * spending is still under 100 % of it — the warning comes before the money is gone. One per (budget, period start).
 */
export function paceAlert(status: BudgetStatusView, trigger: Trigger, currency: string): AlertDraft | undefined {
  const spent = big(status.spent);
  const available = big(status.available);
  const overspend = big(status.projectedOverspend);
  if (overspend <= 0n || spent >= available || available <= 0n) return undefined;
  return budgetAlert(status, trigger, currency, {
    id: alertId('budget.pace', status.budgetId, status.period.from),
    kind: 'budget.pace',
    severity: 'warning',
    title: `${status.name}: on pace to overspend`,
    message: `By ${status.asOf ?? trigger.date} you spent ${money(spent, currency)} of ${money(available, currency)}; at your usual pace the period ends at ${money(big(status.projected), currency)}, ${money(overspend, currency)} over.`,
    method: 'projection of the budget status as of the transaction date (the user’s own pattern in the period, linear without history)',
    figures: {
      pace: status.pace ?? null,
      spent: plain(spent),
      available: plain(available),
      expectedByNow: plain(big(status.expectedByNow)),
      projected: plain(big(status.projected)),
      projectedOverspend: plain(overspend),
    },
  });
}

/** What a budget alert says, and the figures its evidence holds between its method and its period. */
interface BudgetAlertFacts extends Omit<AlertDraft, 'evidence' | 'budgetId' | 'transactionId'> {
  method: string;
  figures: Record<string, unknown>;
}

/**
 * A budget alert with its evidence: how it was decided, the figures, then the currency, the period and its status
 * date, and the transaction whose event raised it.
 */
function budgetAlert(status: BudgetStatusView, trigger: Trigger, currency: string, facts: BudgetAlertFacts): AlertDraft {
  const { method, figures, ...alert } = facts;
  return {
    ...alert,
    evidence: { method, ...figures, currency, period: status.period, asOf: status.asOf, transactionId: trigger.transactionId, transactionDate: trigger.date },
    budgetId: status.budgetId,
    transactionId: trigger.transactionId,
  };
}
