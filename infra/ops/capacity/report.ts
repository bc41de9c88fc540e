import { cpus } from 'node:os';
import { HISTORY_MONTHS, HISTORY_ROWS_PER_MONTH } from './history';
import { USER_SHARDS } from '../../../shared/adapters/keys';
import { partitionsOf, weighted, type Measurements, type PartitionUnits, type ScopeUnits } from './collector';
import {
  addUnits,
  importRowsPerSecond,
  monthlyCost,
  PARTITION_RCU_PER_SECOND,
  PARTITION_WCU_PER_SECOND,
  PEAK_FACTOR,
  PRICES,
  PRICES_AS_OF,
  totalUsd,
  unitsPerUserMonth,
  usersAtPartitionLimit,
  USAGE,
  ZERO_UNITS,
  AWS_CALL_MS,
  estimatedMs,
  INVOCATION_IO_MS,
  type Units,
} from './model';
import { IMPORT_ROWS } from './session';
import { ITEM_OVERHEAD_BYTES, steadyStateBytes, type StoredKind } from './storage';

/** One phase of the session as measured. */
export interface PhaseResult {
  action: string;
  count: number;
  schedule?: string | undefined;
  measured: Measurements;
  extra: { apiRequests: number; emails: number; logBytes: number };
}

export interface RunResult {
  results: PhaseResult[];
  all: Measurements;
  /** What the session stored, by kind of item (infra/ops/capacity/storage.ts). */
  stored: { setup: StoredKind[]; usage: StoredKind[] };
  sweptUsers: number;
  memoryMb: ReadonlyMap<string, number>;
  seconds: number;
  /** One-minute load average at the start and the end of the run (durations grow with it). */
  load: number[];
}

/** Transactions the session leaves stored: 30 created, 5 deleted, 2 files of 50 rows. */
const STORED_TRANSACTIONS = 30 - 5 + 2 * IMPORT_ROWS;
const ACTIVE_USERS = 1000;
/** Months of data a user has stored, for the storage line (items with a TTL: their lifetime, if shorter). */
export const STORED_MONTHS = 12;
/** Transactions per user and month in the stated usage (created by hand and imported). */
const TRANSACTIONS_PER_MONTH = (USAGE['transaction create'] ?? 0) + (USAGE['import (50 rows)'] ?? 0) * IMPORT_ROWS;

/**
 * The share of a scope that grows with the users in a sweep: none of the schedule's own call, none of a batch of
 * shard (continuation) messages only. A batch that mixes both counts whole as per-user work: a user's message (a
 * report, a recount) costs many times a shard message, so splitting by record count would charge the user's work
 * to the fixed part; counting it whole overstates the per-user figure by the shard message's share instead.
 */
function perUserShare(s: ScopeUnits): number {
  if (s.label === 'schedule') return 0;
  if (s.records <= 0) return 1;
  const shardMessages = Object.entries(s.types).filter(([t]) => t.endsWith('SweepContinued')).reduce((a, [, k]) => a + k, 0);
  return shardMessages < s.records ? 1 : 0;
}

/** Billable units of some scopes, divided by `divisor` (actions, or users reached by a sweep). */
export function unitsOf(scopes: ScopeUnits[], extra: PhaseResult['extra'], divisor: number, memoryMb: ReadonlyMap<string, number>, cpuPerWallMs: number): Units {
  let u: Units = { ...ZERO_UNITS, ...extra };
  for (const s of scopes) {
    const gb = (memoryMb.get(s.functionName) ?? 256) / 1024;
    const localGbSeconds = (s.ms / 1000) * gb;
    const gbSeconds = (estimatedMs({ cpuMs: s.ms * cpuPerWallMs, dynamoCalls: s.calls, invocations: s.invocations }) / 1000) * gb;
    // The requests the function made (its sends), plus Lambda's receive and delete of each batch it was given.
    const consumer = s.label !== 'stream' && s.records > 0;
    u = addUnits(u, { ...ZERO_UNITS, invocations: s.invocations, gbSeconds, localGbSeconds, rcu: s.rcu, wcu: s.wcu + s.failedWcu, sqsRequests: s.sqsRequests + (consumer ? 2 * s.invocations : 0) });
  }
  return addUnits(ZERO_UNITS, u, 1 / divisor);
}

/** The scopes a phase charges per action (a sweep: the per-user part) and what divides them. */
function perActionScopes(r: PhaseResult, sweptUsers: number): { scopes: ScopeUnits[]; divisor: number } {
  const scopes = Object.values(r.measured.scopes);
  if (!r.schedule) return { scopes, divisor: r.count };
  return { scopes: scopes.map((s) => weighted(s, perUserShare(s))), divisor: Math.max(1, sweptUsers) };
}

/** CPU the functions' process used per millisecond of invocation wall time (≤ 1), in some measurements. */
export function cpuPerWallMs(m: Measurements): number {
  const wall = Object.values(m.scopes).reduce((s, x) => s + x.ms, 0);
  return wall > 0 && m.cpuMs !== undefined ? Math.min(1, m.cpuMs / wall) : 1;
}

export function actionUnits(run: RunResult): Record<string, Units> {
  const out: Record<string, Units> = {};
  for (const r of run.results) {
    const { scopes, divisor } = perActionScopes(r, run.sweptUsers);
    out[r.action] = unitsOf(scopes, r.extra, divisor, run.memoryMb, cpuPerWallMs(r.measured));
  }
  return out;
}

const n = (x: number, digits = 1) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }) : '∞');
const usd = (x: number) => `$${x.toFixed(x < 1 ? 3 : 2)}`;

function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

function measuredSection(run: RunResult): string {
  const k = cpuPerWallMs(run.all);
  const rows = Object.values(run.all.scopes)
    .filter((s) => s.invocations > 0)
    .sort((a, b) => a.functionName.localeCompare(b.functionName) || a.label.localeCompare(b.label))
    .map((s) => {
      const aws = estimatedMs({ cpuMs: s.ms * k, dynamoCalls: s.calls, invocations: s.invocations }) / s.invocations;
      return [s.functionName, s.label, s.invocations, run.memoryMb.get(s.functionName) ?? 256, n(s.ms / s.invocations, 0), n(aws, 0), n(s.calls / s.invocations, 1), n(s.rcu / s.invocations, 2), n(s.wcu / s.invocations, 2), n(s.indexWcu / s.invocations, 2), n(s.failedWcu / s.invocations, 2)];
    });
  return [
    '### Measured per route and consumer (per invocation)',
    '',
    `RCU/WCU as DynamoDB Local reports them with ReturnConsumedCapacity INDEXES (index writes and the 2× of transactional writes included; index WCU is the part of WCU spent on the indexes). "failed" estimates writes refused by their condition (billed on AWS, not reported): 1 WCU per item, 2 in a transaction. Transactions are priced per item (DynamoDB Local reports one item's capacity for a whole TransactWriteItems): 2 WCU per started KB on the table and on each index the item is in, Updates and Deletes at the average size of their kind of item in the table after the session, a ConditionCheck as a write. "ms local" is wall time here (every function, DynamoDB Local and the emulators share 2 loaded cores); "ms AWS (est.)" is the invocation's share of the CPU the functions' process used, plus ${AWS_CALL_MS} ms per DynamoDB call and ${INVOCATION_IO_MS} ms of other I/O.`,
    '',
    table(['function', 'handles', 'invocations', 'MB', 'ms local', 'ms AWS (est.)', 'DynamoDB calls', 'RCU', 'WCU', 'of which index', 'failed WCU'], rows),
  ].join('\n');
}

function actionsSection(run: RunResult, units: Record<string, Units>): string {
  const rows = run.results.map((r) => {
    const u = units[r.action] ?? ZERO_UNITS;
    return [r.action, r.schedule ? `per user (${run.sweptUsers} swept)` : r.count, USAGE[r.action] ?? 0, n(u.apiRequests), n(u.invocations), n(u.gbSeconds, 3), n(u.localGbSeconds, 3), n(u.rcu), n(u.wcu), n(u.sqsRequests), n(u.emails, 2), n(u.logBytes, 0)];
  });
  return [
    '### Units per action (measured, with the asynchronous work each started)',
    '',
    table(['action', 'measured over', 'per user-month', 'API req', 'invocations', 'GB-s (AWS est.)', 'GB-s (local)', 'RCU', 'WCU', 'SQS requests', 'emails', 'log bytes'], rows),
  ].join('\n');
}

function fixedSweepSection(run: RunResult): string {
  const rows = run.results
    .filter((r) => r.schedule)
    .map((r) => {
      const fixed = Object.values(r.measured.scopes).map((s) => weighted(s, 1 - perUserShare(s)));
      const u = unitsOf(fixed, { apiRequests: 0, emails: 0, logBytes: 0 }, 1, run.memoryMb, cpuPerWallMs(r.measured));
      return [r.schedule ?? '', n(u.invocations), n(u.gbSeconds, 3), n(u.rcu), n(u.wcu), n(u.sqsRequests)];
    });
  return ['Per run whatever the users (the schedule and its 16 shard messages; not in the per-user figures):', '', table(['schedule', 'invocations', 'GB-s', 'RCU', 'WCU', 'SQS requests'], rows)].join('\n');
}

/** Bytes a kind of setup item is kept: once per user (sign-up and setup run once), for its retention. */
const setupBytes = (kinds: readonly StoredKind[]) => kinds.reduce((sum, k) => sum + k.bytes * Math.min(1, k.retainedMonths), 0);

/**
 * Steady-state storage per user: what sign-up and setup stored, once, plus what the rest of the session stored,
 * scaled from its transactions to a month's and kept for its retention.
 */
function storagePerUser(run: RunResult): { bytes: number; bytesPerTx: number } {
  const scale = TRANSACTIONS_PER_MONTH / STORED_TRANSACTIONS;
  const bytes = setupBytes(run.stored.setup) + steadyStateBytes(run.stored.usage, scale);
  return { bytes, bytesPerTx: bytes / (TRANSACTIONS_PER_MONTH * STORED_MONTHS) };
}

function storageSection(run: RunResult): string {
  const scale = TRANSACTIONS_PER_MONTH / STORED_TRANSACTIONS;
  const { bytes: total } = storagePerUser(run);
  const kept = (k: StoredKind, once: boolean) => (once ? k.bytes * Math.min(1, k.retainedMonths) : k.bytes * scale * k.retainedMonths);
  const rows = [...run.stored.usage.map((k) => [k, false] as const), ...run.stored.setup.map((k) => [k, true] as const)]
    .filter(([k, once]) => kept(k, once) >= total / 1000)
    .sort((a, b) => kept(b[0], b[1]) - kept(a[0], a[1]))
    .map(([k, once]) => [`${k.kind}${once ? ' (sign-up and setup, once)' : ''}`, n(k.items), once ? '–' : n(k.bytes / STORED_TRANSACTIONS, 0), once ? 'kept' : n(k.retainedMonths, 2), n(kept(k, once) / 1e6, 3), `${n((100 * kept(k, once)) / total, 1)} %`]);
  return [
    `**Stored data, by kind of item.** What the session stored (new or grown items, scanned before and after it), billed as DynamoDB does: attribute names and values plus ${ITEM_OVERHEAD_BYTES} bytes per item, on the table and again in each index the item is in (the attributes that index projects). What sign-up and setup stored counts once per user; the rest is scaled from the session's ${STORED_TRANSACTIONS} transactions to ${TRANSACTIONS_PER_MONTH} a month and kept ${STORED_MONTHS} months, or for its TTL when every item of the kind has one. Kinds under 0.1 % of the total are left out.`,
    '',
    table(['item kind', 'items stored', 'bytes per session transaction', 'months kept', 'MB per user (steady state)', 'share'], rows),
  ].join('\n');
}

function costSection(run: RunResult, perUser: Units): string {
  const { bytes, bytesPerTx } = storagePerUser(run);
  const storageGbPerUser = bytes / 1e9;
  const lines = monthlyCost(perUser, ACTIVE_USERS, PRICES, { storageGbPerUser, cognitoPerMau: PRICES.cognitoPlusPerMau });
  // Tracing is off unless a deployment asks for it (-c tracing=true), so the default total leaves X-Ray out.
  const xray = totalUsd(lines.filter((l) => l.service === 'X-Ray traces'));
  const withoutCognito = totalUsd(lines.filter((l) => l.service !== 'Cognito')) - xray;
  const tiers = [['Plus (default, threat protection)', PRICES.cognitoPlusPerMau], ['Essentials', PRICES.cognitoEssentialsPerMau], ['Lite', PRICES.cognitoLitePerMau]] as const;
  return [
    `### Cost per ${ACTIVE_USERS.toLocaleString('en-US')} active users per month`,
    '',
    `Prices: ${PRICES_AS_OF}. Usage per active user and month: ${Object.entries(USAGE).map(([a, t]) => `${t} × ${a}`).join(', ')}. Storage: ${n(bytesPerTx, 0)} bytes kept per transaction at steady state (table and index copies with their overhead, and the derived items, each kind for its retention; see the storage table below) × ${TRANSACTIONS_PER_MONTH} a month × ${STORED_MONTHS} months, with point-in-time recovery. Free tiers left out.`,
    '',
    table(['service', 'billed', 'USD / month'], lines.map((l) => [l.service === 'X-Ray traces' ? 'X-Ray traces (only with `-c tracing=true`)' : l.service, l.quantity, usd(l.usd)])),
    '',
    `Lambda compute at the durations measured locally instead (${n(perUser.localGbSeconds * ACTIVE_USERS, 0)} GB-s): ${usd(perUser.localGbSeconds * ACTIVE_USERS * PRICES.lambdaPerGbSecond)}, for comparison (local wall time has no in-region latency per call, but shares two loaded cores).`,
    '',
    `**Everything but Cognito, as deployed by default (no tracing): ${usd(withoutCognito)}** per ${ACTIVE_USERS.toLocaleString('en-US')} users (goal ≤ $5: ${withoutCognito <= 5 ? 'met' : 'missed'}). With Cognito: ${tiers.map(([t, p]) => `${t} ${usd(withoutCognito + p * ACTIVE_USERS)}`).join(', ')} (Essentials and Lite have 10,000 MAU free a month).`,
    '',
    `With tracing (\`-c tracing=true\`, the X-Ray line): **${usd(withoutCognito + xray)}** everything but Cognito. X-Ray's first 100,000 traces a month are free (left out above, as every free tier).`,
  ].join('\n');
}

function scaled(run: RunResult): Record<string, PartitionUnits> {
  const out: Record<string, PartitionUnits> = {};
  for (const r of run.results) {
    const { scopes, divisor } = perActionScopes(r, run.sweptUsers);
    const times = (USAGE[r.action] ?? 0) / divisor;
    for (const [k, u] of Object.entries(partitionsOf(scopes))) {
      const p = (out[k] ??= { rcu: 0, wcu: 0 });
      p.rcu += u.rcu * times;
      p.wcu += u.wcu * times;
    }
  }
  return out;
}

/** Partitions every user shares (the rest are one user's, or one event's). */
const SHARED_PARTITIONS: Readonly<Record<string, number>> = { 'USERS#<shard>': USER_SHARDS, 'DIRTY#<day>#<shard>': USER_SHARDS };

function isShared(partitionClass: string): boolean {
  const key = partitionClass.replace(/^\S+ /, '');
  return !key.startsWith('USER#') && !key.startsWith('<') && !key.startsWith('RATE#') && key !== '?';
}

function importCeiling(run: RunResult): string {
  const phase = run.results.find((r) => r.action.startsWith('import'));
  if (!phase) return '';
  const rows = phase.count * IMPORT_ROWS;
  const scopes = Object.values(phase.measured.scopes);
  const alone = partitionsOf(scopes.filter((s) => s.functionName === 'import-worker'));
  const parts = Object.entries(partitionsOf(scopes))
    .filter(([k]) => k.replace(/^\S+ /, '').startsWith('USER#'))
    .map(([k, u]) => [k, u.wcu / rows, (alone[k]?.wcu ?? 0) / rows] as const)
    .sort((a, b) => b[1] - a[1]);
  const busiest = parts[0];
  const worker = scopes.filter((s) => s.functionName === 'import-worker').reduce((s, x) => s + x.wcu, 0) / rows;
  return [
    `**One user's import.** Measured over ${rows} imported rows: ${n(worker, 2)} WCU per row in the import worker itself (transactional group writes at 2×, with their index writes). Per partition of that user, WCU per row of every function (the pipeline the rows start writes the same partition meanwhile: rollups, merchant series, the categoriser, advice) and of the worker alone:`,
    '',
    table(['partition', 'WCU per row (all)', 'rows/s at 1,000 WCU/s', 'WCU per row (worker)', 'rows/s (worker alone)'], parts.map(([k, w, a]) => [k, n(w, 2), n(importRowsPerSecond(w), 0), n(a, 2), n(importRowsPerSecond(a), 0)])),
    '',
    busiest ? `The ceiling is the busiest partition, \`${busiest[0]}\`: about ${n(importRowsPerSecond(busiest[1]), 0)} rows a second for one user on AWS while the pipeline keeps up (${n(importRowsPerSecond(busiest[2]), 0)} for the worker's own writes). DynamoDB splits a hot partition by sort key over time (transaction ids spread), but not within an import.` : '',
  ].join('\n');
}

/** Keys every user shares that a session may not touch: listed even at zero, so the table says so. */
const KNOWN_SHARED = ['gsi1 USERS#<shard>', 'gsi2 TZ#<zone>#<hour>', 'gsi3 FXPENDING', 'table ROLES', 'table FX#<base>', 'table DIGEST#<day>', 'table UNCONFIRMED#<day>', 'table DIRTY#<day>#<shard>', 'table AUDIT'];

function sharedSection(run: RunResult): string {
  const perUser = scaled(run);
  for (const k of KNOWN_SHARED) perUser[k] ??= { rcu: 0, wcu: 0 };
  const rows = Object.entries(perUser)
    .filter(([k]) => isShared(k))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, u]) => {
      const parts = SHARED_PARTITIONS[k.replace(/^\S+ /, '')] ?? 1;
      const limit = Math.min(usersAtPartitionLimit(u.wcu, parts, PARTITION_WCU_PER_SECOND, PEAK_FACTOR), usersAtPartitionLimit(u.rcu, parts, PARTITION_RCU_PER_SECOND, PEAK_FACTOR));
      return [k, parts, n(u.wcu, 3), n(u.rcu, 3), limit === Infinity ? 'not touched in the session' : limit >= 1e9 ? '> 1,000,000,000' : n(limit, 0)];
    });
  return [
    `**Keys every user shares.** Units per user and month at the stated usage (measured), spread over the partitions of each key; a key needs more shards (or a cache) beyond the number of active users at which its busiest hour (${PEAK_FACTOR}× the monthly average) reaches ${PARTITION_WCU_PER_SECOND.toLocaleString('en-US')} WCU/s or ${PARTITION_RCU_PER_SECOND.toLocaleString('en-US')} RCU/s on one partition:`,
    '',
    table(['key (table or index)', 'partitions', 'WCU / user-month', 'RCU / user-month', 'more shards beyond (users)'], rows),
  ].join('\n');
}

/** Prints the whole report as Markdown (what the README's "Capacity and cost" section holds). */
export function printReport(run: RunResult): void {
  const units = actionUnits(run);
  // A partial run (`-- <phase>`) prices only the actions it measured.
  const perUser = unitsPerUserMonth(units, Object.fromEntries(Object.entries(USAGE).filter(([a]) => a in units)));
  const out = [
    `Measured by \`npm run capacity\` on ${new Date().toISOString().slice(0, 10)} (${n(run.seconds, 0)} s, one local cloud on loopback, ${run.sweptUsers} users in the index; load average ${run.load.map((l) => l.toFixed(1)).join(' → ')} on ${cpus().length} cores). Every action is measured on an account in its steady state: before the measured phases the user imports a year of history (${n(HISTORY_MONTHS * HISTORY_ROWS_PER_MONTH, 0)} categorised transactions over ${HISTORY_MONTHS} months, not counted; infra/ops/capacity/history.ts), so the categoriser's model, the rollups the advice, dashboard and reports read and the alerts' category baselines are a year old.`,
    '',
    measuredSection(run),
    '',
    actionsSection(run, units),
    '',
    fixedSweepSection(run),
    '',
    costSection(run, perUser),
    '',
    storageSection(run),
    '',
    '### Per-partition limits',
    '',
    importCeiling(run),
    '',
    sharedSection(run),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
