import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { cpuMeter } from '../lib/cpu';
import { load } from '../lib/http';
import { fmt, heading, percentile, printFigures, round, type Figure } from '../lib/report';
import type { SectionContext, SectionOutput } from './context';

const REQUESTS = 2000;
const CONCURRENCY = 20;
const WARMUP = 300;
/** Rounds of the paired comparison, and requests of each side per round. */
const PAIRED_ROUNDS = 6;
const PAIRED_REQUESTS = 500;

type Send = () => Promise<{ status: number; text: string; json: unknown; ms: number }>;

/**
 * GET /me and its BatchGetItem sent directly, in alternating rounds (me then batch, then batch then me), so each pair
 * of p99s meets the same load on this noisy machine: one p99 ratio per round. Measured one after the other, the two
 * p99s met different moments of the machine, and their ratio moved between 0.6 and 1.7 from run to run.
 */
async function pairedP99Ratios(sendMe: Send, sendBatch: Send): Promise<number[]> {
  const ratios: number[] = [];
  const p99 = async (send: Send) => percentile((await load({ total: PAIRED_REQUESTS, concurrency: CONCURRENCY, maxMs: 30_000, send })).latencies, 99);
  for (let r = 0; r < PAIRED_ROUNDS; r++) {
    if (r % 2 === 0) {
      const me = await p99(sendMe);
      ratios.push(me / (await p99(sendBatch)));
    } else {
      const batch = await p99(sendBatch);
      ratios.push((await p99(sendMe)) / batch);
    }
  }
  return ratios;
}

export async function me(ctx: SectionContext): Promise<SectionOutput> {
  heading(`2. me — GET /me, ${REQUESTS} requests, ${CONCURRENCY} in flight, keep-alive`);
  const c = ctx.cloud;
  if (!c) throw new Error('me needs the local cloud');
  const user = await c.newUser('me');
  const send = () => c.api.call('GET', '/me', { token: user.token });
  const warm = await load({ total: WARMUP, concurrency: CONCURRENCY, maxMs: 30_000, send });
  const meter = cpuMeter({ cloud: c.cloud.pids.main, dynamodb: c.cloud.pids.dynamodb });
  const client0 = process.cpuUsage();
  const run = await load({ total: REQUESTS, concurrency: CONCURRENCY, maxMs: Math.min(90_000, ctx.remainingMs() - 10_000), send });
  const cpu = meter();
  const clientCpu = process.cpuUsage(client0);
  // What the cloud process spends with no request at all (queue pollers, the stream poller, timers), over the same
  // wall time: on a loaded machine a slow run charges more of it to each request.
  const idleMs = 3000;
  const idleMeter = cpuMeter({ cloud: c.cloud.pids.main });
  await new Promise((r) => setTimeout(r, idleMs));
  const idlePerMs = (idleMeter().cloud ?? Number.NaN) / idleMs;
  const n = run.ok + run.failed;
  const l = run.latencies;
  const figures: Figure[] = [
    { name: 'p50', value: percentile(l, 50), unit: 'ms' },
    { name: 'p90', value: percentile(l, 90), unit: 'ms' },
    { name: 'p99', value: percentile(l, 99), unit: 'ms' },
    { name: 'max', value: percentile(l, 100), unit: 'ms' },
    { name: 'throughput', value: (run.ok * 1000) / run.wallMs, unit: 'req/s' },
    { name: 'errors', value: run.failed, unit: `of ${n}`, digits: 0 },
    { name: 'CPU per request: gateway+functions (node)', value: (cpu.cloud ?? Number.NaN) / n, unit: 'ms', digits: 2, target: { op: '<=', value: 1.5, unit: 'ms' } },
    {
      name: '  of which the idle cloud’s background',
      value: (idlePerMs * run.wallMs) / n,
      unit: 'ms',
      digits: 2,
      note: `pollers and timers: ${round(idlePerMs * 1000, 0)} ms CPU a second with no request, times this run’s wall time`,
    },
    { name: 'CPU per request: DynamoDB Local (JVM)', value: (cpu.dynamodb ?? Number.NaN) / n, unit: 'ms', digits: 2 },
    { name: 'CPU per request: this client', value: (clientCpu.user + clientCpu.system) / 1000 / n, unit: 'ms', digits: 2 },
  ];

  // Where the time goes: the same load on GET /health (gateway, factory without a token, no DynamoDB), and what
  // GET /me reads after verifying its token — the token allow-list and the profile in one consistent BatchGetItem
  // (the contract reads the profile ahead) — sent straight to DynamoDB Local from this process; and, for comparison,
  // the two sequential GetItems it made before.
  const health = await load({ total: REQUESTS, concurrency: CONCURRENCY, maxMs: 30_000, send: () => c.api.call('GET', '/health') });
  const getItem = (pk: string) => c.doc.send(new GetCommand({ TableName: c.cloud.tableName, Key: { pk, sk: 'PROBE' } }));
  const floor = await load({
    total: REQUESTS,
    concurrency: CONCURRENCY,
    maxMs: 30_000,
    send: async () => {
      const t = performance.now();
      await getItem('PROBE#token');
      await getItem('PROBE#profile');
      return { status: 200, text: '', json: undefined, ms: performance.now() - t };
    },
  });
  const sendBatch = async () => {
    const t = performance.now();
    await c.doc.send(new BatchGetCommand({ RequestItems: { [c.cloud.tableName]: { Keys: [{ pk: 'PROBE#token', sk: 'PROBE' }, { pk: 'PROBE#profile', sk: 'PROBE' }], ConsistentRead: true } } }));
    return { status: 200, text: '', json: undefined, ms: performance.now() - t };
  };
  const batch = await load({ total: REQUESTS, concurrency: CONCURRENCY, maxMs: 30_000, send: sendBatch });
  const paired = await pairedP99Ratios(send, sendBatch);
  figures.push(
    { name: 'GET /health p99, same load', value: percentile(health.latencies, 99), unit: 'ms', note: 'gateway and handler factory, no DynamoDB' },
    { name: '2 GetItems to DynamoDB Local p50', value: percentile(floor.latencies, 50), unit: 'ms', note: 'sent directly, 20 in flight' },
    { name: '2 GetItems to DynamoDB Local p99', value: percentile(floor.latencies, 99), unit: 'ms', note: 'the two sequential reads GET /me made before' },
    { name: 'its 1 BatchGetItem to DynamoDB Local p50', value: percentile(batch.latencies, 50), unit: 'ms', note: 'what GET /me reads now (token check + profile), sent directly' },
    { name: 'its 1 BatchGetItem to DynamoDB Local p99', value: percentile(batch.latencies, 99), unit: 'ms', note: 'the floor for GET /me on this machine' },
    {
      name: 'GET /me p99 ÷ its BatchGetItem p99, one after the other',
      value: percentile(l, 99) / percentile(batch.latencies, 99),
      unit: '×',
      digits: 2,
      note: 'the 2,000-request runs above, measured at different moments',
    },
    {
      name: 'GET /me p99 ÷ its BatchGetItem p99, paired',
      value: percentile(paired, 50),
      unit: '×',
      digits: 2,
      target: { op: '<=', value: 1.2, unit: '×' },
      note: `median of ${PAIRED_ROUNDS} rounds of ${PAIRED_REQUESTS} each, alternating which goes first (same load): ${paired.map((x) => fmt(x)).join(', ')}`,
    },
  );
  printFigures(figures);
  const notes = [`warm-up: ${WARMUP} requests first (p50 ${fmt(percentile(warm.latencies, 50))} ms), not counted`];
  if (run.cutShort) notes.push(`stopped at the time limit after ${run.ok + run.failed} requests`);
  if (run.failed) notes.push(`failures: ${JSON.stringify(run.failures)}`);
  for (const n of notes) console.log(`note: ${n}`);
  return { figures, notes, details: { requests: run.ok + run.failed, concurrency: CONCURRENCY, wallMs: round(run.wallMs, 0), failures: run.failures } };
}
