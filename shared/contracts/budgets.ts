import * as z from 'zod/mini';
import { MAX_AMOUNT } from '../domain/limits';
import { capSentence, ExactSum, IsoDate, PositiveAmount } from './common';
import { route } from './route';

const Id = /*#__PURE__*/ (() => z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be an id')))();
const IdParams = /*#__PURE__*/ (() => z.strictObject({ id: Id }))();
const Minor = ExactSum;

const Period = /*#__PURE__*/ (() => z.enum(['monthly', 'weekly', 'yearly']))();
const Rollover = /*#__PURE__*/ (() => z.enum(['none', 'positive', 'full']))();
const Thresholds = /*#__PURE__*/ (() => z
  .array(z.int().check(z.gte(1, 'must be at least 1 percent'), z.lte(1000, 'must be at most 1000 percent')))
  .check(z.minLength(1), z.maxLength(10, 'at most 10 thresholds'), z.describe('Percent of the available amount an alert fires at; stored ascending without duplicates. Default [50, 80, 100].')))();

export const Budget = /*#__PURE__*/ (() => z.lazy(() => z.object({
  id: z.string(),
  name: z.string(),
  categoryId: z.nullable(z.string()),
  period: Period,
  amount: z.int(),
  rollover: Rollover,
  thresholds: z.array(z.int()),
  startDate: z.nullable(z.string()),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
})))();

const BudgetBody = /*#__PURE__*/ (() => ({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  /** null: an overall budget over every category. */
  categoryId: z.nullable(Id),
  period: Period,
  amount: PositiveAmount,
  rollover: Rollover,
  thresholds: Thresholds,
  startDate: z.nullable(IsoDate),
}))();

const ABOUT =
  `A budget limits spending per period (calendar month, ISO week from Monday, or calendar year) in minor units of the base currency (1 to ${MAX_AMOUNT}). ` +
  'A category budget covers the category and its children; `categoryId: null` covers every category. Spending is expenses minus refunds (income booked in a covered expense category); transfers never count. ' +
  '`rollover`: `positive` carries what was left of a period into the next, `full` also carries an overspend (lowering the next period), chained from the period containing `startDate` (default: the day the budget was created).';

export const listBudgets = /*#__PURE__*/ (() => route({
  summary: 'List budgets',
  description: `Every budget in one answer (there are at most as many as the cap), oldest first. ${capSentence('budgets', 'budgets')}`,
  auth: 'user',
  response: z.lazy(() => z.object({ items: z.array(Budget) })),
}))();
export const createBudget = /*#__PURE__*/ (() => route({
  summary: 'Create a budget',
  description: `${ABOUT} ${capSentence('budgets', 'budgets')}`,
  auth: 'user',
  body: z.strictObject({
    ...BudgetBody,
    categoryId: z._default(BudgetBody.categoryId, null),
    rollover: z._default(BudgetBody.rollover, 'none'),
    thresholds: z.optional(BudgetBody.thresholds),
    startDate: z.optional(BudgetBody.startDate),
  }),
  response: Budget,
  status: 201,
  idempotent: true,
  concurrency: 'if-match',
}))();
export const getBudget = /*#__PURE__*/ (() => route({ summary: 'One budget', auth: 'user', params: IdParams, response: Budget, concurrency: 'if-match' }))();
export const updateBudget = /*#__PURE__*/ (() => route({
  summary: 'Change a budget',
  description: ABOUT,
  auth: 'user',
  params: IdParams,
  body: z.strictObject({
    name: z.optional(BudgetBody.name),
    categoryId: z.optional(BudgetBody.categoryId),
    period: z.optional(BudgetBody.period),
    amount: z.optional(BudgetBody.amount),
    rollover: z.optional(BudgetBody.rollover),
    thresholds: z.optional(BudgetBody.thresholds),
    startDate: z.optional(BudgetBody.startDate),
  }),
  response: Budget,
  concurrency: 'if-match',
}))();
export const deleteBudget = /*#__PURE__*/ (() => route({ summary: 'Delete a budget', auth: 'user', params: IdParams, concurrency: 'if-match' }))();

const Status = /*#__PURE__*/ (() => z.lazy(() => z.object({
  budgetId: z.string(),
  name: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  limit: Minor,
  carriedOver: Minor,
  available: Minor,
  spent: Minor,
  remaining: Minor,
  percentUsed: z.nullable(z.number()),
  expectedByNow: Minor,
  projected: Minor,
  projectedOverspend: Minor,
  status: z.enum(['on_track', 'at_risk', 'over']),
  pace: z.object({ method: z.enum(['pattern', 'linear']), periods: z.int(), share: z.number() }),
  pendingFx: z.object({ count: z.int(), byCurrency: z.record(z.string(), Minor) }),
  asOf: z.nullable(z.string()),
})))();

export const budgetStatus = /*#__PURE__*/ (() => route({
  summary: 'Where every budget stands in its period as of a day, and where it is heading',
  description:
    'Spending through `date` (default: today in your time zone) in the period containing it, read from pre-computed daily and monthly rollups only (cost independent of how many transactions exist). ' +
    '`available` = `limit` + `carriedOver`; `status` is `over` once `spent` > `available`, `at_risk` when `projected` > `available`, else `on_track`. ' +
    'Pending-FX expenses are counted apart in `pendingFx` (native amounts per currency), never at 1:1. ' +
    'Pace learns from your own previous periods: the cumulative share of the period’s spending by day (by month for yearly budgets) over the previous 3 months, 6 weeks or 3 years with spending in the budget’s categories, so a rent paid on the 1st is not a pace problem on the 2nd; without that history it is linear. ' +
    'Rollover replays at most the last 24 monthly, 13 weekly or 5 yearly periods before the current one (earlier ones carry nothing). `method` states the formulas.',
  auth: 'user',
  query: z.strictObject({ date: z.optional(IsoDate) }),
  response: z.lazy(() => z.object({ date: z.string(), items: z.array(Status), method: z.string() })),
}))();
