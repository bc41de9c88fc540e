import * as z from 'zod/mini';
import { ADVICE_KINDS } from '../domain/advice/advice';
import { route } from './route';

const AdviceIdParams = /*#__PURE__*/ (() => z.strictObject({ id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an advice id')) }))();

export const AdviceSchema = /*#__PURE__*/ (() => z.lazy(() => z.object({
  id: z.string(),
  kind: z.enum(ADVICE_KINDS),
  title: z.string(),
  message: z.string(),
  impact: z.object({ monthly: z.int(), currency: z.string() }),
  evidence: z.object({
    window: z.object({ from: z.string(), to: z.string() }),
    baseline: z.int(),
    observed: z.int(),
    threshold: z.int(),
    transactionIds: z.array(z.string()),
    method: z.string(),
    modelVersion: z.string(),
    details: z.optional(z.record(z.string(), z.unknown())),
  }),
  action: z.optional(z.object({ budgets: z.array(z.object({ categoryId: z.string(), amount: z.int() })) })),
  createdAt: z.string(),
  updatedAt: z.string(),
  status: z.enum(['open', 'dismissed', 'applied']),
  useful: z.nullable(z.boolean()),
  appliedBudgetIds: z.optional(z.array(z.string())),
})))();

const RULES = `Advice is computed by the \`advice\` queue consumer from pre-computed state only — the monthly rollups of the current and the 6 previous months, budgets, goals (and their suggested cuts), recurring payments, account balances and the ECB rates — never by reading transactions. Every ledger write reaches the consumer; a burst of writes gives one recompute (debounced per user, about 1 s), run once the analytics consumer has counted the latest write; a monthly schedule refreshes everyone. Amounts are integer minor units of \`impact.currency\`; \`impact.monthly\` is what following the advice is worth a month.
Kinds: \`category.above_baseline\` (this month so far > max(1.3 × median of the previous 3–6 complete months, median + 20.00)); \`subscriptions.total\` (Σ recurring expenses as monthly equivalents, two or more); \`subscriptions.price_rise\` (a recurring payment's price stepped up and stayed); \`subscriptions.unused\` (no other spending in its category in each of the last 2 complete months); \`savings.rate\` (last complete month's (income − expenses) ÷ income below 20 %; income from the rollups, else the declared monthly income); \`budgets.suggested\` (median spend of the top 5 categories without a budget, rounded up to 100 minor units; \`POST /advice/{id}/apply\` creates them); \`goal.funding\` (an off-track or at-risk goal's discretionary cuts); \`emergency.fund\` (checking, savings and cash balances in the base currency ÷ median monthly expenses below 3 months); \`fx.effect\` (the part of the last month-over-month change of foreign-currency flows due to exchange rates, from the \`cur:<CUR>\` native totals at each month-end's rate).
An advice's id is a hash of (kind, subject, evidence fingerprint: e.g. category and month), so it keeps its id while its figures move within the same evidence, and a dismissed advice stays dismissed until the evidence changes (another month, another price).`;

export const listAdvice = /*#__PURE__*/ (() => route({
  summary: 'Your advice, highest monthly impact first',
  description: `${RULES}\n\n\`status\`: \`open\` (default), \`dismissed\`, \`applied\` or \`all\`.`,
  auth: 'user',
  query: z.strictObject({ status: z.optional(z.enum(['open', 'dismissed', 'applied', 'all'])) }),
  response: z.lazy(() => z.object({ items: z.array(AdviceSchema) })),
}))();

export const adviceFeedback = /*#__PURE__*/ (() => route({
  summary: 'Say whether an advice was useful, and dismiss it',
  description: '`useful` is recorded (the latest answer wins); `dismiss: true` closes the advice: it is no longer listed as open and does not come back for the same evidence. Another user’s advice answers 404.',
  auth: 'user',
  params: AdviceIdParams,
  body: z.strictObject({ useful: z.boolean(), dismiss: z.optional(z.boolean()) }),
  response: AdviceSchema,
}))();

export const applyAdvice = /*#__PURE__*/ (() => route({
  summary: 'Apply a budgets.suggested advice: create its budgets in one call',
  description: 'Creates each suggested monthly budget (no rollover) through the budgets rules, skipping a category that already has a budget, and marks the advice `applied` with `appliedBudgetIds`. Idempotent: applying it again creates nothing and answers the same advice. Any other kind, or a dismissed advice, answers 409. Another user’s advice answers 404.',
  auth: 'user',
  params: AdviceIdParams,
  response: AdviceSchema,
}))();
