import * as z from 'zod/mini';
import { Profile } from './me';
import { Account } from './ledger';
import { budgetStatus } from './budgets';
import { Goal } from './goals';
import { ALERTS_PAGE, AlertSchema } from './alerts';
import { AdviceSchema } from './advice';
import { Forecast } from './forecast';
import { summary, trends } from './analytics';
import { HealthReport } from './health';
import { route } from './route';

/** The success schema of a route this one composes (every one of them declares it). */
function bodyOf<R>(contract: { summary: string; response?: R }): R {
  if (contract.response === undefined) throw new Error(`${contract.summary}: no response schema to compose`);
  return contract.response;
}

const Month = /*#__PURE__*/ (() => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')))();

/** The sections of `GET /dashboard`, each the answer of the route it stands for (names as in `problems[].section`). */
export const DASHBOARD_SECTIONS = ['accounts', 'budgets', 'goals', 'alerts', 'advice', 'forecast', 'summary', 'trends', 'health'] as const;

/** Months of the trend section: the 12 months ending with the dashboard's month. */
export const DASHBOARD_TREND_MONTHS = 12;
/** Months of the forecast section (the route's default). */
export const DASHBOARD_FORECAST_MONTHS = 3;

/** A section that could not be computed: its name and the problem its own route would have answered. */
const SectionProblem = /*#__PURE__*/ (() =>
  z.lazy(() => z.looseObject({ section: z.enum(DASHBOARD_SECTIONS), type: z.string(), title: z.string(), status: z.int(), detail: z.string() }).check(
    z.describe('A problem document (RFC 9457) for one section, as its own route would have answered it, with the section\'s name.'),
  )))();

const DESCRIPTION = /*#__PURE__*/ (() => [
  'What a home screen shows, in one request: the same bodies as the routes each section stands for, computed for the caller only (the user id comes from the token), with the items several sections read fetched once.',
  '',
  `- \`me\`: \`GET /me\`.`,
  `- \`accounts\`: \`GET /accounts\`; \`budgets\`: \`GET /budgets/status\` (today); \`goals\`: \`GET /goals\` (today); \`alerts\`: \`GET /alerts?unread=true&limit=${ALERTS_PAGE.max}\` (the first page of unread alerts; more are paged with its \`nextCursor\` on \`GET /alerts\`); \`advice\`: \`GET /advice?status=open\`; \`forecast\`: \`GET /forecast?months=${DASHBOARD_FORECAST_MONTHS}\`.`,
  `- \`summary\`: \`GET /analytics/summary?month=…\` (with the previous month's figure of each category); \`trends\`: \`GET /analytics/trends\` over the ${DASHBOARD_TREND_MONTHS} months ending with \`month\`; \`health\`: \`GET /reports/health?month=…\` (which may raise the month's \`health.drop\` alert, as that route does).`,
  '',
  '`month` (YYYY-MM) chooses the month of `summary`, `trends` and `health`; it defaults to the current month in your time zone, and a month after it or before 1901-01 is a 400. The other sections are as of now.',
  '',
  '**Partial answers.** A section that fails (a dependency unavailable, an internal error) does not fail the others: it comes back `null`, and `problems` holds one problem document for it with its `section` name and the status its own route would have answered (e.g. 503). The answer is still 200; a client shows the sections it has and may retry the failed one on its own route. `problems` is empty when every section is present. Only a failure to read the caller\'s profile (`me`, which every section needs) fails the whole request.',
].join('\n'))();

export const getDashboard = /*#__PURE__*/ (() => route({
  summary: 'Home screen in one request: profile, accounts, budgets, goals, unread alerts, open advice, forecast, the month\'s summary and trend, health score',
  description: DESCRIPTION,
  auth: 'user',
  readAhead: ['profile'],
  query: z.strictObject({ month: z.optional(Month) }),
  response: z.lazy(() => z.object({
    month: z.string(),
    me: Profile,
    accounts: z.nullable(z.object({ items: z.array(Account) })),
    budgets: z.nullable(bodyOf(budgetStatus)),
    goals: z.nullable(z.object({ items: z.array(Goal) })),
    alerts: z.nullable(z.object({ items: z.array(AlertSchema), nextCursor: z.nullable(z.string()) })),
    advice: z.nullable(z.object({ items: z.array(AdviceSchema) })),
    forecast: z.nullable(Forecast),
    summary: z.nullable(bodyOf(summary)),
    trends: z.nullable(bodyOf(trends)),
    health: z.nullable(HealthReport),
    problems: z.array(SectionProblem),
  })),
}))();
