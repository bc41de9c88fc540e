export { periodContaining, periodDays, periodsBetween, monthsOf, shiftPeriod, type BudgetPeriodKind, type Period } from './periods';
export { addPending, categoryCounters, scopeOf, spendOf, spendOfCounters, type BudgetScope, type CategoryCounters, type PendingSpend } from './spending';
export { expectedByNow, MIN_PACE_PERIODS, paceAt, project, type Pace, type PaceHistory } from './pace';
export { budgetStatus, carryInto, percentOf, stateOf, type BudgetState, type BudgetStatus, type Rollover } from './status';
export { validateBudget, type Budget, type BudgetInput, DEFAULT_THRESHOLDS, MAX_THRESHOLDS } from './budget';
