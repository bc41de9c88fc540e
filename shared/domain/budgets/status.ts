import { toExactMinor, type ExactMinor } from '../money/exact';
import { expectedByNow, project, type Pace } from './pace';
import type { Period } from './periods';
import type { PendingSpend } from './spending';

/** What a budget carries from one period into the next. */
export type Rollover = 'none' | 'positive' | 'full';

/**
 * The amount carried into the period after the given ones, chained in order: each period's available amount is
 * `amount + carried`; `positive` carries what was left when that is positive (an overspend carries nothing), `full`
 * carries what was left either way (an overspend lowers the next period), `none` nothing.
 * @param spentByPeriod the spending of each past period, oldest first.
 */
export function carryInto(rollover: Rollover, amount: bigint, spentByPeriod: readonly bigint[]): bigint {
  if (rollover === 'none') return 0n;
  let carried = 0n;
  for (const spent of spentByPeriod) {
    const left = amount + carried - spent;
    carried = rollover === 'full' ? left : left > 0n ? left : 0n;
  }
  return carried;
}

/** A budget's standing in one period as of one day. */
export type BudgetState = 'on_track' | 'at_risk' | 'over';

/** The status of one budget (amounts exact, base minor units). */
export interface BudgetStatus {
  budgetId: string;
  name: string;
  period: Period;
  limit: ExactMinor;
  carriedOver: ExactMinor;
  available: ExactMinor;
  spent: ExactMinor;
  remaining: ExactMinor;
  /** spent ÷ available in percent (one decimal); null when nothing is available. */
  percentUsed: number | null;
  expectedByNow: ExactMinor;
  projected: ExactMinor;
  projectedOverspend: ExactMinor;
  status: BudgetState;
  pace: { method: 'pattern' | 'linear'; periods: number; share: number };
  pendingFx: { count: number; byCurrency: Record<string, ExactMinor> };
  asOf: string | null;
}

/** `over` once spent passes what is available; `at_risk` when the projection does; else `on_track`. */
export function stateOf(spent: bigint, projected: bigint, available: bigint): BudgetState {
  if (spent > available) return 'over';
  if (projected > available) return 'at_risk';
  return 'on_track';
}

/** One decimal of spent ÷ available in percent; null when available ≤ 0. */
export function percentOf(spent: bigint, available: bigint): number | null {
  if (available <= 0n) return null;
  const tenths = (spent * 1000n * 2n + available) / (available * 2n);
  return Number(tenths) / 10;
}

/** Assembles a budget's status from its figures (pure; the use case reads the figures from the rollups). */
export function budgetStatus(input: {
  budgetId: string;
  name: string;
  period: Period;
  amount: bigint;
  carriedOver: bigint;
  spent: bigint;
  pace: Pace;
  pending: PendingSpend;
  asOf: string | null;
}): BudgetStatus {
  const available = input.amount + input.carriedOver;
  const projected = project(input.spent, input.pace);
  const overspend = projected - available;
  return {
    budgetId: input.budgetId,
    name: input.name,
    period: input.period,
    limit: toExactMinor(input.amount),
    carriedOver: toExactMinor(input.carriedOver),
    available: toExactMinor(available),
    spent: toExactMinor(input.spent),
    remaining: toExactMinor(available - input.spent),
    percentUsed: percentOf(input.spent, available),
    expectedByNow: toExactMinor(expectedByNow(available, input.pace)),
    projected: toExactMinor(projected),
    projectedOverspend: toExactMinor(overspend > 0n ? overspend : 0n),
    status: stateOf(input.spent, projected, available),
    pace: { method: input.pace.method, periods: input.pace.periods, share: Math.round(input.pace.share * 10000) / 10000 },
    pendingFx: { count: input.pending.count, byCurrency: Object.fromEntries([...input.pending.byCurrency].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, v]) => [c, toExactMinor(v)])) },
    asOf: input.asOf,
  };
}
