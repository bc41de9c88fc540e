import * as z from 'zod/mini';
import { route } from './route';

const Month = /*#__PURE__*/ (() => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')))();

/** A cell of money: base minor units, exact (a string of digits beyond ±(2^53 − 1)). */
const Minor = /*#__PURE__*/ (() => z.union([z.int(), z.string()]))();
const Flows = /*#__PURE__*/ (() => z.object({ income: Minor, expenses: Minor, net: Minor }))();

/** The report content, as JSON (the emails are rendered from the same object). */
export const ReportContent = /*#__PURE__*/ (() => z.object({
  kind: z.enum(['weekly', 'monthly']),
  period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  baseCurrency: z.string(),
  name: z.nullable(z.string()),
  totals: Flows,
  previous: z.extend(Flows, { label: z.string() }),
  change: Flows,
  topCategories: z.array(z.object({ name: z.string(), amount: Minor, share: z.number() })),
  budgets: z.array(z.object({ name: z.string(), spent: Minor, available: Minor, percentUsed: z.nullable(z.number()), status: z.string() })),
  goals: z.array(z.object({ name: z.string(), saved: Minor, targetAmount: Minor, currency: z.string(), percent: z.number(), status: z.string() })),
  alerts: z.array(z.object({ title: z.string(), message: z.string(), severity: z.string(), createdAt: z.string() })),
  advice: z.array(z.object({ title: z.string(), message: z.string() })),
  health: z.nullable(z.object({ score: z.nullable(z.number()), change: z.nullable(z.number()) })),
}))();

export const monthlyReport = /*#__PURE__*/ (() => route({
  summary: 'Monthly report on demand: totals and change, top categories, budgets, goals, alerts, open advice, health score',
  description:
    '`month` defaults to the current month in your time zone (a later month is a 400). `format=html` answers the HTML part of the report email (`text/html`, tables and inline CSS only, served with a CSP that allows no script and no remote resource); `format=json` (default) the same content as JSON. Amounts are base minor units.',
  auth: 'user',
  query: z.strictObject({ month: z.optional(Month), format: z._default(z.enum(['json', 'html']), 'json') }),
  // No `response` schema: the answer is JSON (ReportContent) or HTML by `format`, which one schema cannot type; the
  // status is declared so the document says 200, not 204.
  status: 200,
}))();

const Token = /*#__PURE__*/ (() => z.string().check(z.minLength(1), z.maxLength(1024)))();

export const unsubscribeReports = /*#__PURE__*/ (() => route({
  summary: 'One-click unsubscribe from report emails (RFC 8058), without signing in',
  description:
    'The `token` comes from the signed link in a report email (`List-Unsubscribe`). Sets the account\'s `reports` preference to `off` and answers 204; a tampered, malformed or expired token is a 400 problem. Repeating it changes nothing more.',
  auth: 'public',
  query: z.strictObject({ token: Token }),
  maxBodyBytes: 1024,
}))();

export const unsubscribePage = /*#__PURE__*/ (() => route({
  summary: 'The page an unsubscribe link opens: a button that confirms (POST), so that a link scanner changes nothing',
  auth: 'public',
  query: z.strictObject({ token: Token }),
  produces: 'text/html',
}))();
