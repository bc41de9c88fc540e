import * as z from 'zod/mini';
import { ALERT_KINDS } from '../domain/alerts/alert';
import { PageLimit } from './common';
import { route } from './route';

/** Largest and default page of `GET /alerts`. */
export const ALERTS_PAGE = { max: 100, default: 50 } as const;

const AlertIdParams = /*#__PURE__*/ (() => z.strictObject({ id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an alert id')) }))();
const Kind = /*#__PURE__*/ (() => z.enum(ALERT_KINDS))();

export const AlertSchema = /*#__PURE__*/ (() => z.lazy(() => z.object({
  id: z.string(),
  kind: Kind,
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string(),
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  budgetId: z.optional(z.string()),
  goalId: z.optional(z.string()),
  transactionId: z.optional(z.string()),
  createdAt: z.string(),
  readAt: z.nullable(z.string()),
})))();

const KindPreference = /*#__PURE__*/ (() => z.lazy(() => z.object({ enabled: z.boolean(), email: z.enum(['off', 'immediate', 'daily']) })))();
const Preferences = /*#__PURE__*/ (() => z.lazy(() => z.object({ kinds: z.object(Object.fromEntries(ALERT_KINDS.map((k) => [k, KindPreference])) as Record<(typeof ALERT_KINDS)[number], typeof KindPreference>) })))();
const KindPreferenceChange = /*#__PURE__*/ (() => z.strictObject({ enabled: z.optional(z.boolean()), email: z.optional(z.enum(['off', 'immediate', 'daily'])) }))();

const RULES = `Alerts are computed by the \`alerts\` queue consumer from the ledger's events, after the analytics rollups have counted them. Each alert's id is a hash of (kind, subject, period, threshold) and is written once ("does not exist" condition), so duplicated, reordered or redelivered events never raise it twice. The rules are level-based, and their "as of" dates come from the transaction, never from the delivery order:
- \`budget.threshold\` (one per budget, period and threshold): every threshold at or below the spending of the WHOLE period containing the transaction's date (the status as of the period's last day), so the event evaluated last sees the final spending and the set depends only on the final data;
- \`budget.pace\` (one per budget and period): the status as of the transaction's date projects the period to end over budget while spending is still under 100 % — raised at the write that tipped it, before the 100 % threshold;
- \`transaction.unusual\` (one per transaction): the expense's base amount against the same category's expenses in the 90 days before its date (at most 200, the by-category index), modified z-score 0.6745·(x−median)/MAD > 3.5 (Iglewicz–Hoaglin) with at least 8 earlier expenses; \`evidence.method\` says which variant applied;
- \`goal.reached\` (once per goal) and \`goal.off_track\` (once per goal and month), from the goals' status as of the day of evaluation (UTC).
- \`recurring.price_rise\` (once per recurring payment and date of the new price), raised by the \`recurring\` consumer when a detected recurring payment's amount stepped up and stayed (\`evidence\`: the recurring id, old and new amount, since); none for a payment the user ignored.
- \`health.drop\` (once per month): the financial-health score of a month (\`GET /reports/health\`) is 10 or more points below the previous month's; evaluated whenever that report is computed for the current month or a month that ended within the last 365 days (\`evidence\`: month, score, previousScore, delta, components).
Changes dated more than 365 days ago raise nothing; alerts are kept 400 days. A transient state undone before the consumer read it (a transaction created then deleted at once) may raise nothing; an alert once raised stays.`;

export const listAlerts = /*#__PURE__*/ (() => route({
  summary: 'The caller’s alerts, newest first',
  description: `${RULES}\n\n\`unread=true\` lists only unread alerts (a page may then come back shorter than \`limit\` with a \`nextCursor\`). \`nextCursor\` is opaque and signed; pass it back as \`cursor\`.`,
  auth: 'user',
  query: z.strictObject({
    unread: z.optional(z.enum(['true', 'false'])),
    limit: PageLimit(ALERTS_PAGE.max, ALERTS_PAGE.default),
    cursor: z.optional(z.string().check(z.maxLength(2048))),
  }),
  response: z.lazy(() => z.object({ items: z.array(AlertSchema), nextCursor: z.nullable(z.string()) })),
}))();

export const readAlert = /*#__PURE__*/ (() => route({
  summary: 'Mark one alert read',
  description: 'Idempotent: an alert already read keeps its first `readAt`. Another user’s alert answers 404.',
  auth: 'user',
  params: AlertIdParams,
  response: AlertSchema,
}))();

export const readAllAlerts = /*#__PURE__*/ (() => route({
  summary: 'Mark every unread alert read',
  description: 'Marks at most 500 unread alerts per call (newest first); `more: true` means some remain: call again.',
  auth: 'user',
  response: z.lazy(() => z.object({ marked: z.int(), more: z.boolean() })),
}))();

export const getAlertPreferences = /*#__PURE__*/ (() => route({
  summary: 'Alert preferences per kind',
  description: 'Per kind: `enabled` (a kind switched off is not raised at all: nothing is stored while it is off) and `email`: `off`, `immediate` (an email per alert through the notifications queue) or `daily` (one digest email the next morning, 07:00 UTC, listing the alerts of the previous UTC day). Defaults: every kind on, email off.',
  auth: 'user',
  response: Preferences,
}))();

export const putAlertPreferences = /*#__PURE__*/ (() => route({
  summary: 'Change alert preferences',
  description: 'Only the kinds named change (each field optional); the answer is the whole set.',
  auth: 'user',
  body: z.strictObject({ kinds: z.strictObject(Object.fromEntries(ALERT_KINDS.map((k) => [k, z.optional(KindPreferenceChange)])) as Record<(typeof ALERT_KINDS)[number], z.ZodMiniOptional<typeof KindPreferenceChange>>) }),
  response: Preferences,
}))();
