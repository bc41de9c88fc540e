/**
 * `npm run load [-- --seconds 60 --writers 50 --users 15]`: starts its own local cloud (loopback only, a temporary
 * data folder, DynamoDB Local compiled for throughput), runs the mixed write load of ./workload.ts, then checks:
 * no answer ≥ 500 and none unanswered; every acknowledged write stored as acknowledged; every balance equal to its
 * opening balance plus its transactions; every monthly rollup equal to a recount from the transactions (once the
 * event pipeline has drained); no message in a dead-letter queue. Prints the figures; exits 1 on any violation.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCloud } from '../../infra/local/cloud';
import { runLoad, summarize, verifyStored } from './workload';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    writers: { type: 'string', default: '50' },
    users: { type: 'string', default: '15' },
    'drain-seconds': { type: 'string', default: '120' },
  },
});
const seconds = Math.min(600, Math.max(1, Number(args.seconds)));
const writers = Math.min(200, Math.max(1, Number(args.writers)));
const users = Math.min(100, Math.max(1, Number(args.users)));
const drainMs = Math.min(600, Math.max(5, Number(args['drain-seconds']))) * 1000;
const log = (s: string) => console.log(`[load] ${s}`);

const dataDir = await mkdtemp(join(tmpdir(), 'tally-load-'));
const cloud = await startLocalCloud({ port: 0, inMemory: true, fresh: true, quiet: true, dataDir, dynamoDbJit: 'throughput' });
let exitCode = 1;
// Nothing runs past this, whatever happens (the load, the drain and the checks are each bounded too).
const watchdog = setTimeout(() => {
  console.error('[load] did not finish in time; stopping');
  cloud.kill();
  process.exit(2);
}, (seconds + 60 + drainMs / 1000 + 300) * 1000);
watchdog.unref();
try {
  await cloud.fxReady;
  log(`local cloud at ${cloud.apiUrl}; ${writers} writers, ${users} users, ${seconds} s`);
  const run = await runLoad({ apiUrl: cloud.apiUrl, seconds, writers, users, progress: log });
  const figures = summarize(run);
  log(`load done: ${figures.requests} requests in ${figures.seconds.toFixed(1)} s (${figures.throughput.toFixed(0)}/s; writes ${figures.writeThroughput.toFixed(0)}/s)`);
  for (const [op, statuses] of Object.entries(figures.byOp)) {
    const l = figures.latency[op];
    log(`  ${op.padEnd(6)} ${JSON.stringify(statuses)}  p50 ${l?.p50} ms, p95 ${l?.p95} ms, p99 ${l?.p99} ms, max ${l?.max} ms`);
  }

  const violations: string[] = [];
  if (figures.fiveXX > 0) violations.push(`${figures.fiveXX} answers ≥ 500`);
  if (figures.failed > 0) violations.push(`${figures.failed} requests unanswered (timeout or connection error)`);

  const t = Date.now();
  const stored = await verifyStored(cloud.apiUrl, run);
  violations.push(...stored.violations);
  log(
    `stored: ${stored.transactionsChecked} acknowledged transactions and ${stored.deletesChecked} deletes as acknowledged; ${stored.importsChecked} imports (${stored.importedRows} rows); ${stored.accountsChecked} balances = opening + transactions (${Date.now() - t} ms)`,
  );

  // Rollups: the analytics consumer applies each event's delta; once the pipeline drains they must equal a recount.
  // Imported here: shared/ reads the handler environment the cloud has just set.
  const { repairUser } = await import('../../shared/use-cases/analytics-repair');
  const drainStart = Date.now();
  let drifted: string[] = [];
  let rollups = 0;
  for (;;) {
    drifted = [];
    rollups = 0;
    for (const u of run.users) {
      const r = await repairUser(u.userId, { fix: false });
      rollups += r.rollups;
      for (const d of r.drifts) drifted.push(`user ${u.userId} ${d.base} ${d.month}: ${JSON.stringify(d.difference)}`);
    }
    if (drifted.length === 0 || Date.now() - drainStart > drainMs) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  violations.push(...drifted.map((d) => `rollup drift: ${d}`));
  log(`rollups: ${rollups} monthly rollups of ${run.users.length} users ${drifted.length ? `with ${drifted.length} drifted` : 'equal a recount'} (pipeline drained in ${((Date.now() - drainStart) / 1000).toFixed(1)} s)`);

  const queues = (await (await fetch(`${cloud.consoleUrl}/api/queues`)).json()) as { items: { name: string; visible: number; inFlight: number; delayed: number }[] };
  const dead = queues.items.filter((q) => /dlq/i.test(q.name) && q.visible + q.inFlight + q.delayed > 0);
  for (const q of dead) violations.push(`dead-letter queue ${q.name} holds ${q.visible + q.inFlight + q.delayed} message(s)`);
  log(`dead-letter queues: ${dead.length ? dead.map((q) => q.name).join(', ') : 'empty'}`);

  if (violations.length) {
    log(`FAILED: ${violations.length} violation(s)`);
    for (const v of violations.slice(0, 50)) log(`  - ${v}`);
  } else {
    log('PASSED: 0 answers ≥ 500; every acknowledged write stored; balances and rollups exact');
    exitCode = 0;
  }
  console.log(JSON.stringify({ seconds: figures.seconds, writers, users, requests: figures.requests, throughput: Math.round(figures.throughput), byOp: figures.byOp, latency: figures.latency, stored, rollups, violations: violations.length }));
} catch (e) {
  console.error('[load] failed', e);
} finally {
  clearTimeout(watchdog);
  await cloud.stop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
