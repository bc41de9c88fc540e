/**
 * Analytics: monthly and daily rollups kept as flat integer counters, maintained by exact deltas of ledger changes, and the
 * read models built from them (monthly summary, trends, category totals, cash flow).
 */
export {
  addCount,
  addFields,
  addStoredFields,
  bigByPrefix,
  bigField,
  byPrefix,
  compactFields,
  field,
  FIELD,
  isDailyKey,
  isRollupField,
  MAX_MERCHANT_LENGTH,
  negateFields,
  NO_ACCOUNT,
  parseRollupKey,
  pickRollupFields,
  pickStoredFields,
  PREFIX,
  rollupKeyString,
  UNCATEGORISED,
  UNKNOWN_MERCHANT,
  type RollupDelta,
  type RollupFields,
  type RollupKey,
  type StoredFields,
} from './fields';
export { addMonths, assertMonth, isMonth, MAX_MONTHS, monthDiff, monthOf, monthsBetween, dayOf } from './months';
export { allocateSigned, contribution, contributions, dailyContribution, delta, isConverted, merchantName, mergeDeltas, recount, type AnalyticsTransaction } from './contribution';
export { fieldDifference, recountExact, type ExactFields } from './recount';
export { CategoryIndex, UNCATEGORISED_NAME, type AnalyticsCategory, type CategoryAmount, type CategoryLevel } from './category-tree';
export {
  cashflow,
  categoryTotals,
  fillMonths,
  flowsOf,
  meanMinor,
  monthlySummary,
  ratio,
  TOP_MERCHANTS,
  trends,
  type CashflowPoint,
  type CategoryTotal,
  type CategoryTotals,
  type CategoryTrend,
  type Flows,
  type MonthFields,
  type MonthlySummary,
  type SummaryCategory,
  type TrendPoint,
  type Trends,
} from './reports';
