/**
 * The cost and partition model of `npm run capacity`, as pure functions: measured units per action × a stated usage
 * per active user and month × list prices. No I/O; tested in tests/unit/ops/capacity-model.test.ts.
 */

/** What one action costs in billable units, measured (or, for log bytes not written locally, derived). */
export interface Units {
  apiRequests: number;
  invocations: number;
  /** Lambda GB-seconds at the estimated AWS durations ({@link estimatedMs}) × each function's memory. */
  gbSeconds: number;
  /** The same at the durations measured locally: an upper bound on a loaded machine. */
  localGbSeconds: number;
  rcu: number;
  wcu: number;
  /** SQS requests: each message's send (an upper bound: sends are batched) and each consumer batch's receive and delete. */
  sqsRequests: number;
  emails: number;
  /** Bytes CloudWatch Logs ingests: the functions' own logs, Lambda's platform lines and the API's access log. */
  logBytes: number;
}

export const ZERO_UNITS: Units = { apiRequests: 0, invocations: 0, gbSeconds: 0, localGbSeconds: 0, rcu: 0, wcu: 0, sqsRequests: 0, emails: 0, logBytes: 0 };

const FIELDS = Object.keys(ZERO_UNITS) as (keyof Units)[];

export function addUnits(a: Units, b: Units, times = 1): Units {
  const out = { ...a };
  for (const f of FIELDS) out[f] += b[f] * times;
  return out;
}

export function scaleUnits(a: Units, factor: number): Units {
  return addUnits(ZERO_UNITS, a, factor);
}

/**
 * On-demand list prices in us-east-1 (USD), as published on the AWS pricing pages in 2025 and recorded here on
 * 2026-11-25 without a fresh online check (this run has no internet): check them before quoting a figure.
 */
export const PRICES_AS_OF = '2026-11-25 (AWS us-east-1 on-demand list prices, as published in 2025)';
export const PRICES = {
  apiGatewayPerMillion: 1.0,
  lambdaRequestsPerMillion: 0.2,
  /** arm64 (the CDK app's architecture). */
  lambdaPerGbSecond: 0.0000133334,
  dynamoWritePerMillion: 0.625,
  dynamoReadPerMillion: 0.125,
  dynamoStoragePerGbMonth: 0.25,
  dynamoPitrPerGbMonth: 0.2,
  sqsPerMillion: 0.4,
  sesPerThousand: 0.1,
  /** Cognito Plus (the default, threat protection on); Essentials is 0.015 past 10,000 MAU, Lite 0.0055. */
  cognitoPlusPerMau: 0.02,
  cognitoEssentialsPerMau: 0.015,
  cognitoLitePerMau: 0.0055,
  logsIngestPerGb: 0.5,
  xrayPerMillionTraces: 5.0,
} as const;
export type Prices = { [K in keyof typeof PRICES]: number };

/** Fixed per-request overheads of logging on AWS that a local run does not write: Lambda's START/END/REPORT lines and one access-log line. */
export const PLATFORM_LOG_BYTES_PER_INVOCATION = 260;
export const ACCESS_LOG_BYTES_PER_REQUEST = 420;
/** A month of seconds (30 days), for rates against monthly totals. */
export const SECONDS_PER_MONTH = 30 * 86_400;
/**
 * X-Ray's default sampling, which Lambda's active tracing applies: a reservoir of one request a second, then 5 % of
 * the rest. Only Lambda invocations start traces here: an HTTP API (unlike a REST API) has no X-Ray tracing, so a
 * request's trace is its function's, counted once.
 */
export const XRAY_RESERVOIR_PER_SECOND = 1;
export const XRAY_RATE = 0.05;

/**
 * Traces recorded in a month of `invocations` spread evenly: all of them up to the reservoir, 5 % beyond it. One
 * reservoir for the whole deployment is the fewest traces the rule can give (each function having its own only adds
 * more): below about 2.6 million invocations a month nearly every invocation is traced.
 */
export function xrayTraces(invocations: number): number {
  const reservoir = XRAY_RESERVOIR_PER_SECOND * SECONDS_PER_MONTH;
  return Math.min(invocations, reservoir) + XRAY_RATE * Math.max(0, invocations - reservoir);
}

/** Latency of one DynamoDB call inside a region, and of the rest of an invocation's I/O, for {@link estimatedMs}. */
export const AWS_CALL_MS = 8;
export const INVOCATION_IO_MS = 10;

/**
 * An invocation's duration on AWS, estimated: its share of the CPU the local functions used, plus in-region
 * latency for each DynamoDB call and for its other I/O. Local wall time on a loaded 2-core machine (DynamoDB Local,
 * every function and emulator on the same cores) overstates it.
 */
export function estimatedMs(o: { cpuMs: number; dynamoCalls: number; invocations: number }): number {
  return o.cpuMs + o.dynamoCalls * AWS_CALL_MS + o.invocations * INVOCATION_IO_MS;
}

/** Units of one user and month: Σ over actions of (times per month × units per action). */
export function unitsPerUserMonth(perAction: Readonly<Record<string, Units>>, usage: Readonly<Record<string, number>>): Units {
  let total = ZERO_UNITS;
  for (const [action, times] of Object.entries(usage)) {
    const units = perAction[action];
    if (!units) throw new Error(`No measured units for the action "${action}"`);
    total = addUnits(total, units, times);
  }
  return total;
}

export interface CostLine {
  service: string;
  /** What is billed, per month for all the users. */
  quantity: string;
  usd: number;
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3));

/**
 * The monthly bill of `users` active users, by service, at `prices`. `storageGbPerUser` is the table data one user
 * keeps (billed with point-in-time recovery on); `cognitoPerMau` the tier's price per monthly active user.
 */
export function monthlyCost(perUser: Units, users: number, prices: Prices, o: { storageGbPerUser: number; cognitoPerMau: number }): CostLine[] {
  const u = scaleUnits(perUser, users);
  const logGb = (u.logBytes + u.invocations * PLATFORM_LOG_BYTES_PER_INVOCATION + u.apiRequests * ACCESS_LOG_BYTES_PER_REQUEST) / 1e9;
  const storageGb = o.storageGbPerUser * users;
  return [
    { service: 'API Gateway (HTTP API)', quantity: `${fmt(u.apiRequests)} requests`, usd: (u.apiRequests / 1e6) * prices.apiGatewayPerMillion },
    { service: 'Lambda requests', quantity: `${fmt(u.invocations)} invocations`, usd: (u.invocations / 1e6) * prices.lambdaRequestsPerMillion },
    { service: 'Lambda compute (arm64)', quantity: `${fmt(u.gbSeconds)} GB-s`, usd: u.gbSeconds * prices.lambdaPerGbSecond },
    { service: 'DynamoDB writes', quantity: `${fmt(u.wcu)} WRU`, usd: (u.wcu / 1e6) * prices.dynamoWritePerMillion },
    { service: 'DynamoDB reads', quantity: `${fmt(u.rcu)} RRU`, usd: (u.rcu / 1e6) * prices.dynamoReadPerMillion },
    { service: 'DynamoDB storage + PITR', quantity: `${fmt(storageGb)} GB`, usd: storageGb * (prices.dynamoStoragePerGbMonth + prices.dynamoPitrPerGbMonth) },
    { service: 'SQS', quantity: `${fmt(u.sqsRequests)} requests`, usd: (u.sqsRequests / 1e6) * prices.sqsPerMillion },
    { service: 'SES', quantity: `${fmt(u.emails)} emails`, usd: (u.emails / 1000) * prices.sesPerThousand },
    { service: 'CloudWatch Logs ingestion', quantity: `${fmt(logGb)} GB`, usd: logGb * prices.logsIngestPerGb },
    { service: 'X-Ray traces', quantity: `${fmt(xrayTraces(u.invocations))} traces`, usd: (xrayTraces(u.invocations) / 1e6) * prices.xrayPerMillionTraces },
    { service: 'Cognito', quantity: `${fmt(users)} MAU`, usd: users * o.cognitoPerMau },
  ];
}

export function totalUsd(lines: readonly CostLine[]): number {
  return lines.reduce((s, l) => s + l.usd, 0);
}

/** DynamoDB's ceiling per partition (table or index): 1,000 write units and 3,000 read units a second. */
export const PARTITION_WCU_PER_SECOND = 1000;
export const PARTITION_RCU_PER_SECOND = 3000;

/**
 * How many active users a set of shared partitions serves before one of them reaches its per-second ceiling,
 * when each user spends `unitsPerUserMonth` there, spread over `partitions` evenly, and the busiest hour runs at
 * `peakFactor` × the monthly average.
 */
export function usersAtPartitionLimit(unitsPerUserMonth: number, partitions: number, limitPerSecond: number, peakFactor: number): number {
  if (unitsPerUserMonth <= 0) return Infinity;
  return (limitPerSecond * partitions * SECONDS_PER_MONTH) / (unitsPerUserMonth * peakFactor);
}

/** Rows a second one user's import can write before its busiest partition reaches 1,000 WCU/s. */
export function importRowsPerSecond(wcuPerRowInBusiestPartition: number): number {
  return wcuPerRowInBusiestPartition > 0 ? PARTITION_WCU_PER_SECOND / wcuPerRowInBusiestPartition : Infinity;
}

/**
 * The usage assumed per active user and month, by action of the capacity session (infra/ops/capacity/session.ts):
 * 150 transactions (50 entered by hand, 100 from 2 bank files of 50 rows), 30 sign-ins, 2 dashboard views a day,
 * weekly and monthly email reports, the nightly recount on the 20 days the user writes, and a tenth of users new
 * in the month (sign-up and setting up accounts, budgets and a goal).
 */
export const USAGE: Readonly<Record<string, number>> = {
  signup: 0.1,
  setup: 0.1,
  login: 30,
  'transaction create': 50,
  'transaction update': 15,
  'transaction delete': 3,
  'transaction list': 30,
  'import (50 rows)': 2,
  'dashboard view': 60,
  'report on demand': 1,
  'weekly report run': 4.33,
  'monthly report run': 1,
  'nightly reconcile run': 20,
  'advice refresh run': 1,
  'alerts digest run': 30,
};

/** How much busier the busiest hour is than the monthly average, for the partition limits. */
export const PEAK_FACTOR = 10;
