import * as z from 'zod/mini';
import { COMPONENT_KEYS } from '../domain/health/components';
import { HEALTH_METHOD_SUMMARY } from '../domain/health/score';
import { route } from './route';

const Month = /*#__PURE__*/ (() => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')))();

export const HealthComponentSchema = /*#__PURE__*/ (() => z.lazy(() => z.object({
  key: z.enum(COMPONENT_KEYS),
  /** A ratio (savings rate, budget adherence, stability, recurring burden, goal progress) or months (emergency fund). */
  value: z.number(),
  target: z.number(),
  points: z.number(),
  maxPoints: z.int(),
  explanation: z.string(),
})))();

export const HealthReport = /*#__PURE__*/ (() => z.lazy(() => z.object({
  month: z.string(),
  baseCurrency: z.string(),
  /** 0–100; null when no component has data. */
  score: z.nullable(z.int().check(z.gte(0), z.lte(100))),
  components: z.array(HealthComponentSchema),
  change: z.nullable(z.object({ previousScore: z.int(), delta: z.int() })),
  adviceIds: z.array(z.string()),
  method: z.string(),
})))();

export const healthReport = /*#__PURE__*/ (() => route({
  summary: 'Financial-health report of a month: a 0–100 score from six components, the change from the previous month, related advice',
  description: `${HEALTH_METHOD_SUMMARY} \`month\` defaults to the current month in your time zone; a month after it or before 1900-01 is a 400. Read from pre-computed state only (rollups, accounts, budget and goal statuses, recurring payments, advice): its cost does not grow with the number of transactions.`,
  auth: 'user',
  query: z.strictObject({ month: z.optional(Month) }),
  response: HealthReport,
}))();
