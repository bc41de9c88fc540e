import type { QueueFunction, ScheduleFunction, StreamFunction } from './manifest';

/**
 * The manifest's functions not behind the API: the outbox relay, the queue consumers and the schedules (plain data,
 * part of `functions` in functions/manifest.ts). In a module of their own, beside ./queues.ts, so the async handler
 * factory can read its function's access list (and check at cold start the variables it implies) without bundling
 * every route contract.
 */
export type AsyncFunction = QueueFunction | ScheduleFunction | StreamFunction;

export const asyncFunctions: AsyncFunction[] = [
  {
    kind: 'stream',
    name: 'outbox-relay',
    entry: 'functions/stream/outbox-relay.ts',
    batchSize: 100,
    // Outbox events, and every change of a transaction item (its images become TransactionRecorded/Updated/Deleted).
    filters: [
      { attribute: 'pk', prefix: 'OUTBOX#' },
      { attribute: 'sk', prefix: 'TX#' },
    ],
    access: ['queue:notifications', 'queue:reports', 'queue:ledger-jobs', 'queue:analytics', 'queue:imports', 'queue:insights', 'queue:advice'],
  },
  {
    kind: 'queue',
    name: 'analytics',
    entry: 'functions/queue/analytics.ts',
    queue: 'analytics',
    batchSize: 10,
    maxConcurrency: 10,
    // queue:alerts: every applied event is forwarded there once its rollups are written.
    access: ['table:write', 'queue:alerts'],
    timeoutSeconds: 30,
  },
  {
    kind: 'queue',
    name: 'insights',
    entry: 'functions/queue/insights.ts',
    queue: 'insights',
    batchSize: 10,
    // Few at once: one user's events contend on their one model item and one merchant's on its series item (each
    // write is conditional on its revision).
    maxConcurrency: 2,
    // queue:notifications: a price-rise alert the user wants emailed at once (AlertRaised); queue:advice: the
    // debounced advice recompute.
    access: ['table:write', 'queue:notifications', 'queue:advice'],
    timeoutSeconds: 30,
  },
  // Retired (functions/queues.ts): they drain their queues of what was queued before `insights`; removed next release.
  {
    kind: 'queue',
    name: 'categoriser',
    entry: 'functions/queue/categoriser.ts',
    queue: 'categoriser',
    batchSize: 10,
    maxConcurrency: 2,
    access: ['table:write'],
    timeoutSeconds: 30,
  },
  {
    kind: 'queue',
    name: 'recurring',
    entry: 'functions/queue/recurring.ts',
    queue: 'recurring',
    batchSize: 10,
    maxConcurrency: 2,
    access: ['table:write', 'queue:notifications'],
    timeoutSeconds: 30,
  },
  {
    kind: 'queue',
    name: 'advice',
    entry: 'functions/queue/advice.ts',
    queue: 'advice',
    batchSize: 10,
    maxConcurrency: 5,
    // queue:advice: the debounced recompute and the monthly sweep's next page are its own delayed messages.
    access: ['table:write', 'queue:advice'],
    timeoutSeconds: 30,
  },
  {
    kind: 'queue',
    name: 'import-worker',
    entry: 'functions/queue/imports.ts',
    queue: 'imports',
    batchSize: 1,
    maxConcurrency: 5,
    access: ['table:write', 'queue:imports'],
    timeoutSeconds: 300,
    memoryMb: 1769,
  },
  {
    kind: 'queue',
    name: 'ledger-jobs',
    entry: 'functions/queue/ledger-jobs.ts',
    queue: 'ledger-jobs',
    batchSize: 5,
    maxConcurrency: 5,
    access: ['table:write', 'queue:ledger-jobs'],
    timeoutSeconds: 60,
  },
  {
    kind: 'queue',
    name: 'alerts',
    entry: 'functions/queue/alerts.ts',
    queue: 'alerts',
    batchSize: 10,
    maxConcurrency: 5,
    // queue:notifications: an alert the user wants emailed at once is queued there (AlertRaised).
    access: ['table:write', 'queue:notifications'],
    timeoutSeconds: 30,
  },
  {
    kind: 'queue',
    name: 'send-notification',
    entry: 'functions/queue/send-notification.ts',
    queue: 'notifications',
    batchSize: 10,
    maxConcurrency: 2,
    // table:write: the receipts that keep each email (welcome, alert, daily digest) to one send.
    access: ['table:write', 'email:send'],
    timeoutSeconds: 10,
  },
  {
    kind: 'queue',
    name: 'send-report',
    entry: 'functions/queue/send-report.ts',
    queue: 'reports',
    batchSize: 10,
    maxConcurrency: 2,
    // queue:reports: a weekly sweep over many users continues in a message on this queue; table:write for the
    // per-report receipt (and the health.drop alert the report's health score may store).
    access: ['table:write', 'email:send', 'queue:reports', 'secret:cursor'],
    timeoutSeconds: 30,
  },
  {
    kind: 'schedule',
    name: 'schedule-reports',
    entry: 'functions/schedule/schedule-reports.ts',
    // Monday 07:00 local falls between Sunday 17:00 UTC (UTC+14) and Monday 19:00 UTC (UTC−12): every hour of
    // both days; each run reads the zone registry and queues the zones whose Monday 07:00 just passed.
    schedule: 'cron(0 * ? * SUN,MON *)',
    description: 'Hourly on Sundays and Mondays (UTC): queue the weekly report for the users of the time zones where it is Monday 07:00',
    access: ['table:read', 'queue:reports'],
    timeoutSeconds: 60,
  },
  {
    kind: 'schedule',
    name: 'schedule-monthly-reports',
    entry: 'functions/schedule/schedule-monthly-reports.ts',
    // The 1st 07:00 local falls between the last day's 17:00 UTC (UTC+14) and the 1st's 19:00 UTC (UTC−12).
    schedule: 'cron(0 * 1,28-31 * ? *)',
    description: 'Hourly on the 28th to the 1st (UTC): queue the previous month’s report for the users of the time zones where it is the 1st, 07:00',
    access: ['table:read', 'queue:reports'],
    timeoutSeconds: 60,
  },
  {
    kind: 'schedule',
    name: 'alerts-digest',
    entry: 'functions/schedule/alerts-digest.ts',
    schedule: 'cron(0 7 * * ? *)',
    description: 'Every day 07:00 UTC: queue one digest email per user with alerts of yesterday emailed daily (reads only that day’s markers)',
    access: ['table:read', 'queue:notifications'],
    timeoutSeconds: 300,
  },
  {
    kind: 'schedule',
    name: 'fetch-ecb-rates',
    entry: 'functions/schedule/fetch-ecb-rates.ts',
    schedule: 'cron(30 15 ? * MON-FRI *)',
    description: 'Working days 15:30 UTC (after the ECB publishes at 16:00 CET): store the day’s ECB reference rates',
    access: ['table:write'],
    timeoutSeconds: 30,
  },
  {
    kind: 'schedule',
    name: 'expire-unconfirmed',
    entry: 'functions/schedule/expire-unconfirmed.ts',
    schedule: 'cron(15 4 * * ? *)',
    description: 'Every day 04:15 UTC: delete the accounts whose address nobody confirmed within 7 days (Cognito: AdminGetUser, AdminDeleteUser)',
    access: ['table:write', 'cognito:AdminGetUser', 'cognito:AdminDeleteUser'],
    timeoutSeconds: 300,
  },
  {
    kind: 'schedule',
    name: 'refresh-advice',
    entry: 'functions/schedule/refresh-advice.ts',
    schedule: 'cron(0 5 1 * ? *)',
    description: 'The 1st of every month 05:00 UTC: refresh every user’s advice (one message per page of users, one per user)',
    access: ['queue:advice'],
    timeoutSeconds: 30,
  },
  {
    kind: 'schedule',
    name: 'reconcile-analytics',
    entry: 'functions/schedule/reconcile-analytics.ts',
    schedule: 'cron(30 3 * * ? *)',
    description: 'Every day 03:30 UTC: queue each user’s recount of their monthly rollups (one ledger-jobs message per user), fixing any drift',
    access: ['table:read', 'queue:ledger-jobs'],
    timeoutSeconds: 300,
  },
];

/**
 * The async function of that name; throws (at a handler's cold start) when there is
 * none, so a handler cannot run unchecked under a name the manifest does not know.
 */
export function asyncFunctionNamed(name: string): AsyncFunction {
  const def = asyncFunctions.find((f) => f.name === name);
  if (!def) throw new Error(`No async function named "${name}" in functions/async-functions.ts.`);
  return def;
}

/** The manifest function that consumes a queue; throws when none does. */
export function consumerOf(queue: string): QueueFunction {
  const def = asyncFunctions.find((f): f is QueueFunction => f.kind === 'queue' && f.queue === queue);
  if (!def) throw new Error(`No function consumes the queue "${queue}" in functions/async-functions.ts.`);
  return def;
}
