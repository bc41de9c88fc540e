import * as z from 'zod/mini';
import { ExactSum } from './common';
import { route } from './route';

const Percentiles = /*#__PURE__*/ (() => z.lazy(() => z.object({ p10: ExactSum, p50: ExactSum, p90: ExactSum })))();

const ForecastMonth = /*#__PURE__*/ (() => z.lazy(() => z.object({
  month: z.string(),
  /** Share of the month covered: 1, or the days left of the current month. */
  share: z.number(),
  income: ExactSum,
  expenses: ExactSum,
  net: ExactSum,
  recurringIncome: ExactSum,
  recurringExpenses: ExactSum,
  balance: Percentiles,
})))();

const Excluded = /*#__PURE__*/ (() => z.lazy(() => z.object({ kind: z.enum(['account', 'recurring']), id: z.string(), currency: z.string(), reason: z.string() })))();

export const Forecast = /*#__PURE__*/ (() => z.lazy(() => z.object({
  currency: z.string(),
  startingBalance: ExactSum,
  asOf: z.string(),
  method: z.object({
    name: z.enum(['recurring-plus-bootstrap', 'bootstrap']),
    description: z.string(),
    seed: z.int(),
    draws: z.int(),
    historyMonths: z.int(),
    history: z.array(z.string()),
    recurringItems: z.int(),
    /** What the starting balance or the known part left out (no rate for its currency), and why. */
    excluded: z.array(Excluded),
  }),
  months: z.array(ForecastMonth),
})))();

const METHOD = /*#__PURE__*/ (() => [
  'Read only from pre-computed state — your accounts, your recurring payments and your monthly rollups — never the transactions, so it costs the same at any ledger size.',
  '`startingBalance`: the sum of your accounts’ balances (opening balance + transactions, per currency) in your base currency; an amount in another currency is converted at the latest ECB rate (at most 7 days old), or left out and listed in `method.excluded` when there is none.',
  '`months` starts with what is left of the current month (`share` < 1) when `asOf` is not its last day, then whole calendar months, `months` entries in all (1–6, default 3).',
  'Known part: each recurring payment (confirmed, or detected with confidence ≥ 0.6; ignored ones never) counted once per expected date in the month after `asOf` (a payment due but not yet seen counts on the next day; one more than a period late is taken as stopped), at its average amount, converted at the latest rate when in another currency (or left out and listed).',
  'Residual: each past complete month’s income and expenses (monthly rollups, the latest up to 24 months from the first with activity) minus the recurring payments that fell in it (each side at least 0). 2,000 balance paths each draw their own replicate of those months (with replacement), then, month after month, one month of that replicate’s residual (jittered by a small normal kernel: 0.2 × Silverman’s bandwidth), so the spread grows with the horizon; `balance` is the P10/P50/P90 of the paths at each month end (integers, nearest rank). Seeded by your user id and the figures: the same data gives the same answer.',
  '`income` / `expenses` / `net`: the known part plus the mean residual (scaled by `share`). Without recurring payments `method.name` is `bootstrap`.',
].join('\n\n'))();

export const getForecast = /*#__PURE__*/ (() => route({
  summary: 'Cash-flow forecast with its confidence band',
  description: METHOD,
  auth: 'user',
  query: z.strictObject({ months: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(6)), 3) }),
  response: Forecast,
}))();
