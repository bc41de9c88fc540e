import * as z from 'zod/mini';
import { capSentence, CurrencyCode, ExactSum, IsoDate, NonNegativeAmount, PositiveAmount, SignedAmount } from './common';
import { route } from './route';

const Id = /*#__PURE__*/ (() => z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be an id')))();
const IdParams = /*#__PURE__*/ (() => z.strictObject({ id: Id }))();
const Name = /*#__PURE__*/ (() => z.string().check(z.trim(), z.minLength(1), z.maxLength(100)))();
const AsOfQuery = /*#__PURE__*/ (() => z.strictObject({
  asOf: z.optional(IsoDate.check(z.describe('The day to compute progress for (YYYY-MM-DD); default today in your time zone.'))),
}))();

const Contribution = /*#__PURE__*/ (() => z.lazy(() => z.object({ id: z.string(), amount: z.int(), date: z.string(), note: z.nullable(z.string()), createdAt: z.string() })))();

const Feasibility = /*#__PURE__*/ (() => z.lazy(() => z.object({
  probability: z.nullable(z.number()),
  method: z.enum(['bootstrap', 'normal-approximation', 'deterministic', 'none']),
  basis: z.object({
    source: z.string(),
    months: z.array(z.string()),
    count: z.int(),
    figures: z.array(ExactSum),
    monthsLeft: z.nullable(z.int()),
    remaining: ExactSum,
    draws: z.nullable(z.int()),
    seed: z.nullable(z.int()),
    reason: z.nullable(z.string()),
  }),
})))();

const Suggestion = /*#__PURE__*/ (() => z.lazy(() => z.object({
  monthlyGap: z.int(),
  totalCut: z.int(),
  closesGap: z.boolean(),
  shortfall: z.int(),
  percentOfDiscretionary: z.number(),
  months: z.array(z.string()),
  cuts: z.array(z.object({ categoryId: z.string(), median: z.int(), cut: z.int(), newMonthly: z.int() })),
})))();

export const GoalStatus = /*#__PURE__*/ (() => z.lazy(() => z.enum(['on_track', 'at_risk', 'off_track', 'reached'])))();

export const Goal = /*#__PURE__*/ (() => z.lazy(() => z.object({
  id: z.string(),
  name: z.string(),
  targetAmount: z.int(),
  currency: z.string(),
  targetDate: z.nullable(z.string()),
  accountId: z.nullable(z.string()),
  startAmount: z.int(),
  contributionCount: z.int(),
  recentContributions: z.array(Contribution),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  asOf: z.string(),
  /** `account` (the account's balance in the goal's currency) or `contributions` (start amount + contributions). */
  savedFrom: z.enum(['account', 'contributions']),
  saved: ExactSum,
  remaining: ExactSum,
  percent: z.number(),
  requiredMonthly: z.nullable(ExactSum),
  averageMonthly: z.nullable(ExactSum),
  projectedCompletion: z.nullable(z.string()),
  status: GoalStatus,
  feasibility: Feasibility,
  suggestion: z.nullable(Suggestion),
})))();

const PROGRESS = /*#__PURE__*/ (() => [
  'Progress is computed on read for `asOf` (default today in your time zone), from pre-computed data only (the goal item, the account item, the monthly rollups): never the transactions.',
  '`saved`: for a goal with `accountId`, that account’s balance in the goal’s currency (opening balance + transactions when it is the account’s own currency); otherwise `startAmount` + every contribution. `remaining` = max(target − saved, 0); `percent` = saved ÷ target, two decimals.',
  '`requiredMonthly` = remaining ÷ months left (the current month and the target date’s month both count), rounded up; the whole remainder once the date has passed; null without a target date.',
  'The goal’s monthly flow (its history, the latest up-to-12 complete months before `asOf`): for an account goal the account’s own net flow that month in the base currency (rollup field `a:<accountId>`: income and transfers in, minus expenses and transfers out — the part of your monthly surplus that stayed in that account), from the account’s first month with any flow among them (a back-dated or imported ledger counts); for a contribution goal the month’s net contributions, from the month it was created or of its first contribution. An account goal in a currency other than your base has no usable history (the flows are recorded in the base currency).',
  '`averageMonthly`: mean flow of the latest 3 of those months. `projectedCompletion`: last day of the month that pace reaches the target.',
  '`feasibility.probability`: P(the flows of the months left add up to `remaining`), by a bootstrap of your own months (10,000 sums of months drawn with replacement, seeded by the goal id and the figures so the answer is stable; past 36 months left the normal approximation of that sum with its skewness term); exactly 0 or 1 when every month is the same; null with `basis.reason` without a target date or without a complete month of history. `basis` lists the months, their count and the figures.',
  '`status`: `reached` when saved ≥ target; past the date `off_track`; else from the probability (≥ 0.8 `on_track`, < 0.5 `off_track`, between `at_risk`); without a probability `on_track` while the recent pace covers `requiredMonthly`, else `at_risk`.',
  '`suggestion` (null when there is no gap, no target date, or the goal is not in your base currency): the monthly gap (requiredMonthly − max(averageMonthly, 0)) and the smallest cut that closes it — exactly the gap, spread over your discretionary categories (shopping, entertainment, travel and their children, eating and drinking out, hair & beauty; shared/domain/ledger/categories.ts) in proportion to each one’s median spend over the latest 3 complete months; when all of that spend is less than the gap, all of it, with the `shortfall`.',
].join('\n\n'))();

const GoalBody = {
  name: Name,
  targetAmount: PositiveAmount,
  currency: CurrencyCode,
  targetDate: IsoDate,
  accountId: Id,
  startAmount: NonNegativeAmount,
};

export const listGoals = /*#__PURE__*/ (() => route({
  summary: 'List savings goals with their progress',
  description: `Every goal in one answer (there are at most as many as the cap), each with its progress as \`GET /goals/{id}\` answers it.\n\n${PROGRESS}`,
  auth: 'user',
  query: AsOfQuery,
  response: z.lazy(() => z.object({ items: z.array(Goal) })),
}))();
export const getGoal = /*#__PURE__*/ (() => route({ summary: 'A savings goal and its progress', description: PROGRESS, auth: 'user', params: IdParams, query: AsOfQuery, response: Goal, concurrency: 'if-match' }))();
export const createGoal = /*#__PURE__*/ (() => route({
  summary: 'Create a savings goal',
  description: `\`targetAmount\` in minor units of \`currency\` (default your base currency). With \`accountId\` (one of your accounts) progress follows that account's balance in the goal's currency and contributions are refused; without it, progress is \`startAmount\` (default 0) plus the contributions you record. \`targetDate\` (optional) may not be in the past. ${capSentence('goals', 'goals')}`,
  auth: 'user',
  body: z.strictObject({
    name: GoalBody.name,
    targetAmount: GoalBody.targetAmount,
    currency: z.optional(GoalBody.currency),
    targetDate: z.optional(GoalBody.targetDate),
    accountId: z.optional(GoalBody.accountId),
    startAmount: z.optional(GoalBody.startAmount),
  }),
  response: Goal,
  status: 201,
  idempotent: true,
  concurrency: 'if-match',
}))();
export const updateGoal = /*#__PURE__*/ (() => route({
  summary: 'Change a savings goal',
  description: '`targetDate: null` removes the date; `accountId: null` stops following an account (progress is then the start amount and contributions). A goal with a start amount or contributions cannot start following an account (409).',
  auth: 'user',
  params: IdParams,
  body: z.strictObject({
    name: z.optional(GoalBody.name),
    targetAmount: z.optional(GoalBody.targetAmount),
    currency: z.optional(GoalBody.currency),
    targetDate: z.optional(z.nullable(GoalBody.targetDate)),
    accountId: z.optional(z.nullable(GoalBody.accountId)),
    startAmount: z.optional(GoalBody.startAmount),
  }),
  response: Goal,
  concurrency: 'if-match',
}))();
export const deleteGoal = /*#__PURE__*/ (() => route({ summary: 'Delete a savings goal', auth: 'user', params: IdParams, concurrency: 'if-match' }))();
export const addContribution = /*#__PURE__*/ (() => route({
  summary: 'Record a contribution to a savings goal',
  description:
    'Only for a goal that does not follow an account (409 otherwise: move money into the account instead). `amount` is signed minor units of the goal’s currency, never 0 (negative takes money out). `date` may not be later than tomorrow. The goal keeps a running total per month (120 months one by one, older ones summed) and its latest 20 contributions with their notes, so it never grows without bound; its `version` goes up.',
  auth: 'user',
  params: IdParams,
  body: z.strictObject({
    amount: SignedAmount.check(z.refine((v) => v !== 0, 'must not be 0')),
    date: IsoDate,
    note: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  }),
  response: z.lazy(() => z.object({ contribution: Contribution, goal: Goal })),
  status: 201,
  idempotent: true,
}))();
