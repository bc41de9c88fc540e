import * as z from 'zod/mini';
import { PERIODS } from '../domain/recurring/detect';
import { route } from './route';

const Id = /*#__PURE__*/ (() => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a recurring payment id')))();

export const RecurringSchema = /*#__PURE__*/ (() => z.lazy(() => z.object({
  id: z.string(),
  merchant: z.string(),
  type: z.enum(['expense', 'income']),
  categoryId: z.nullable(z.string()),
  period: z.enum(PERIODS),
  averageAmount: z.int(),
  lastAmount: z.int(),
  currency: z.string(),
  lastDate: z.string(),
  nextExpectedDate: z.string(),
  confidence: z.number(),
  transactionIds: z.array(z.string()),
  priceChange: z.optional(z.object({ from: z.int(), to: z.int(), since: z.string() })),
  lapsed: z.boolean(),
  status: z.enum(['detected', 'confirmed', 'ignored']),
  version: z.int(),
})))();

const METHOD = `Detected per merchant (the description's merchant key) from your own last 36 payments to it, kept up to date by the \`recurring\` queue consumer as transactions are recorded, changed or deleted (a few seconds behind the ledger). Expenses and income are separate series; transfers are left out; one currency per series (the latest payment's). Periods: weekly, fortnightly, monthly, quarterly, yearly — each gap between payments may be one to three periods (skipped payments) within ± 2, 3, 5, 12 or 20 days (shifted ones). Amounts: 80 % within 20 % of their median, or one step to a new price that stayed for at least two payments (\`priceChange\`; a rise raises a \`recurring.price_rise\` alert). \`confidence\` (0–1) grows with regularity and count; only series at 0.5 or more are listed. \`nextExpectedDate\` is one period after the last payment (same day of the month for monthly, quarterly and yearly); \`lapsed\` says that payment and the next are both overdue beyond the tolerance today (UTC): most likely cancelled. Amounts are minor units of \`currency\`.`;

export const listRecurring = /*#__PURE__*/ (() => route({
  summary: 'Recurring payments detected in your ledger',
  description: `${METHOD} An \`ignored\` payment is still listed (with its status) and stays ignored when detected again. Sorted by next expected date.`,
  auth: 'user',
  response: z.lazy(() => z.object({ items: z.array(RecurringSchema) })),
}))();

export const updateRecurring = /*#__PURE__*/ (() => route({
  summary: 'Confirm or ignore a recurring payment',
  description: 'Needs `If-Match` with the item’s `version` (each new detection moves it on too: read again on 412). An ignored payment raises no price-rise alert. Another user’s id answers 404.',
  auth: 'user',
  params: z.strictObject({ id: Id }),
  body: z.strictObject({ status: z.enum(['confirmed', 'ignored']) }),
  response: RecurringSchema,
  concurrency: 'if-match',
}))();
