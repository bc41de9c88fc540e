import { queueDepths } from '../lib/cloud';
import { load, sleep, type LoadResult } from '../lib/http';
import { fmt, heading, percentile, printFigures, round, type Figure, type Target } from '../lib/report';
import { batchWrite, benchRecord } from '../lib/seed';
import type { BenchUser, CloudContext, SectionContext, SectionOutput } from './context';

export const SEED_MONTH = '2024-05';
const SIZES = { small: 1_000, large: 100_000 } as const;
const WRITE_PARALLEL = 8;
const REQUESTS = 300;
const CONCURRENCY = 4;
const RATIO_TARGET: Target = { op: '<=', value: 1.2, unit: '×' };

export interface SeededUser extends BenchUser {
  transactions: number;
}

export interface Dataset {
  small: SeededUser;
  large: SeededUser;
  seed: { items: number; ms: number; requests: number; retriedItems: number; cutShort: boolean };
  /** Whether the analytics rollups counted every seeded transaction in time. */
  drained: boolean;
  /** From the start of seeding until the rollups counted every event (or the limit). */
  drainMs: number;
  /** From the end of seeding until then. */
  drainAfterSeedMs: number;
  counted: number;
  /** Events counted when seeding ended. */
  countedAtSeedEnd: number;
  eventsPerSecond: number;
  /** Events counted per second after seeding (the pipeline alone). */
  eventsPerSecondAfterSeed: number;
  progress: { atS: number; counted: number; analyticsQueue: number }[];
  notes: string[];
}

async function categoriesOf(c: CloudContext, user: BenchUser): Promise<string[]> {
  const r = await c.api.expect<{ items: { id: string; kind: string; parentId: string | null }[] }>(200, 'GET', '/categories', { token: user.token });
  return r.items.filter((x) => x.kind === 'expense').map((x) => x.id).slice(0, 8);
}

export async function monthCount(c: CloudContext, user: BenchUser, month: string): Promise<number> {
  const r = await c.api.call('GET', `/analytics/summary?month=${month}`, { token: user.token });
  if (r.status !== 200) throw new Error(`GET /analytics/summary: ${r.status} ${r.text.slice(0, 200)}`);
  return (r.json as { transactionCount: number }).transactionCount;
}

/** Items of `count` transactions of a user in {@link SEED_MONTH}, as the ledger stores them. */
function items(c: CloudContext, user: BenchUser, count: number, categories: string[], tag: string): Record<string, unknown>[] {
  const at = new Date().toISOString();
  const out: Record<string, unknown>[] = new Array<Record<string, unknown>>(count);
  for (let n = 0; n < count; n++) {
    const date = `${SEED_MONTH}-${String((n % 31) + 1).padStart(2, '0')}`;
    const expense = n % 10 !== 0;
    out[n] = c.transactionItem(
      benchRecord({ userId: user.userId, id: `${tag}-${String(n).padStart(6, '0')}`, n, accountId: user.accountId, date, categoryId: expense ? (categories[n % categories.length] ?? null) : null, at }),
    );
  }
  return out;
}

/**
 * Waits (at most `maxMs` from now) until the summaries of `users` for `month` count `expected` transactions each;
 * samples the analytics queue on the way. Times are reported from `since`.
 */
export async function waitForRollups(c: CloudContext, users: { user: BenchUser; expected: number }[], month: string, since: number, maxMs: number, label: string) {
  const progress: { atS: number; counted: number; analyticsQueue: number }[] = [];
  const total = users.reduce((n, u) => n + u.expected, 0);
  const deadline = performance.now() + maxMs;
  let counted: number;
  let lastPrint = 0;
  let first: { at: number; counted: number } | undefined;
  for (;;) {
    counted = 0;
    for (const u of users) counted += Math.min(u.expected, await monthCount(c, u.user, month));
    const now = performance.now();
    first ??= { at: now, counted };
    if (counted >= total) break;
    if (now - lastPrint > 15_000) {
      lastPrint = now;
      const q = await queueDepths(c.cloud.consoleUrl).catch(() => ({}) as Record<string, { visible: number; inFlight: number }>);
      const a = q.analytics;
      const queued = a ? a.visible + a.inFlight : Number.NaN;
      progress.push({ atS: round((now - since) / 1000, 1), counted, analyticsQueue: queued });
      console.log(`  ${label}: ${fmt((now - since) / 1000, 0)} s — rollups count ${counted.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}; analytics queue ${Number.isNaN(queued) ? '?' : queued.toLocaleString('en-US')}; DLQ ${q['analytics-dlq']?.visible ?? '?'}`);
    }
    if (now > deadline) break;
    await sleep(1000);
  }
  const end = performance.now();
  const waited = end - first.at;
  /** Events counted per second while waiting (nothing else running). */
  const waitRate = waited > 2000 ? ((counted - first.counted) * 1000) / waited : Number.NaN;
  return { drained: counted >= total, counted, total, ms: end - since, progress, countedAtWaitStart: first.counted, waitMs: waited, waitRate };
}

/** The list/summary data set: a user with 1,000 and one with 100,000 transactions, seeded raw, rollups caught up. */
export function dataset(ctx: SectionContext): Promise<Dataset> {
  const c = ctx.cloud;
  if (!c) throw new Error('the list/summary data set needs the local cloud');
  let p = c.shared.get('dataset') as Promise<Dataset> | undefined;
  if (!p) {
    p = buildDataset(ctx, c);
    c.shared.set('dataset', p);
  }
  return p;
}

async function buildDataset(ctx: SectionContext, c: CloudContext): Promise<Dataset> {
  console.log(`seeding ${SIZES.small.toLocaleString('en-US')} + ${SIZES.large.toLocaleString('en-US')} transactions with BatchWriteItem (25 per request, ${WRITE_PARALLEL} in flight)…`);
  const [smallUser, largeUser] = await Promise.all([c.newUser('small'), c.newUser('large')]);
  const [smallCats, largeCats] = await Promise.all([categoriesOf(c, smallUser), categoriesOf(c, largeUser)]);
  const all = [...items(c, smallUser, SIZES.small, smallCats, 'seed-s'), ...items(c, largeUser, SIZES.large, largeCats, 'seed-l')];
  const started = performance.now();
  const seed = await batchWrite(c.doc, c.cloud.tableName, all, WRITE_PARALLEL, Math.min(240_000, ctx.remainingMs() - 60_000));
  const seeded = performance.now();
  console.log(`  seeded ${seed.items.toLocaleString('en-US')} items in ${fmt(seed.ms / 1000)} s (${fmt((seed.items * 1000) / seed.ms, 0)} items/s, ${seed.retriedItems} resent)`);
  const small: SeededUser = { ...smallUser, transactions: Math.min(SIZES.small, seed.items) };
  const large: SeededUser = { ...largeUser, transactions: Math.max(0, seed.items - SIZES.small) };
  // Leave time for the sections after this one (import needs the most).
  const reserve = ctx.reserveMs?.() ?? 0;
  const maxWait = Math.max(10_000, Math.min(420_000, ctx.remainingMs() - reserve - 60_000));
  console.log(`waiting for the analytics pipeline (stream → relay → SQS → consumer) to count them, at most ${fmt(maxWait / 1000, 0)} s…`);
  const w = await waitForRollups(
    c,
    [
      { user: small, expected: small.transactions },
      { user: large, expected: large.transactions },
    ],
    SEED_MONTH,
    started,
    maxWait,
    'pipeline',
  );
  const notes: string[] = [];
  if (seed.cutShort) notes.push('seeding stopped at its time limit: fewer transactions than planned');
  if (!w.drained) {
    const rate = Number.isFinite(w.waitRate) && w.waitRate > 0 ? w.waitRate : (w.counted * 1000) / w.ms;
    notes.push(
      `the analytics pipeline had counted ${w.counted.toLocaleString('en-US')} of ${w.total.toLocaleString('en-US')} events ${fmt(w.ms / 1000, 0)} s after seeding began (the time budget allowed no longer wait); at ${fmt(rate, 0)} events/s it needs about ${fmt((w.total - w.counted) / Math.max(rate, 1) / 60, 1)} more minutes — list/summary were measured with the pipeline still busy`,
    );
  }
  for (const n of notes) console.log(`note: ${n}`);
  return {
    small,
    large,
    seed: { items: seed.items, ms: seed.ms, requests: seed.requests, retriedItems: seed.retriedItems, cutShort: seed.cutShort },
    drained: w.drained,
    drainMs: w.ms,
    drainAfterSeedMs: performance.now() - seeded,
    counted: w.counted,
    countedAtSeedEnd: w.countedAtWaitStart,
    eventsPerSecond: (w.counted * 1000) / w.ms,
    eventsPerSecondAfterSeed: w.waitRate,
    progress: w.progress,
    notes,
  };
}

function pipelineFigures(d: Dataset): Figure[] {
  return [
    { name: 'seed rate (raw BatchWriteItem)', value: (d.seed.items * 1000) / d.seed.ms, unit: 'items/s', digits: 0, note: `${d.seed.items.toLocaleString('en-US')} items in ${fmt(d.seed.ms / 1000, 0)} s` },
    {
      name: 'consumer throughput since seeding began',
      value: d.eventsPerSecond,
      unit: 'events/s',
      digits: 0,
      note: d.drained ? `all ${d.counted.toLocaleString('en-US')} counted ${fmt(d.drainMs / 1000, 0)} s after seeding began` : `NOT drained: ${d.counted.toLocaleString('en-US')} counted in ${fmt(d.drainMs / 1000, 0)} s`,
    },
    { name: 'consumer throughput during seeding', value: (d.countedAtSeedEnd * 1000) / d.seed.ms, unit: 'events/s', digits: 0 },
    { name: 'consumer throughput after seeding', value: d.eventsPerSecondAfterSeed, unit: 'events/s', digits: 0, note: 'pipeline alone' },
  ];
}

/**
 * The same request for the small and the large user, interleaved in one run (so both meet the same background
 * load): warm-up, then {@link REQUESTS} each with {@link CONCURRENCY} in flight.
 */
async function compare(c: CloudContext, d: Dataset, path: string, check: (json: unknown) => string | undefined, maxMs: number) {
  const problems: string[] = [];
  const users = [d.small, d.large];
  for (const [i, user] of users.entries()) {
    const first = await c.api.call('GET', path, { token: user.token });
    const bad = first.status === 200 ? check(first.json) : `status ${first.status}`;
    if (bad) problems.push(`${i === 0 ? 'small' : 'large'}: ${bad}`);
  }
  const send = (i: number) => c.api.call('GET', path, { token: users[i % 2]?.token ?? '' });
  const group = (i: number) => (i % 2 === 0 ? 'small' : 'large');
  await load({ total: 40, concurrency: CONCURRENCY, maxMs: 20_000, send });
  const run = await load({ total: 2 * REQUESTS, concurrency: CONCURRENCY, maxMs, send, group });
  return { run, problems };
}

function ratioFigures(label: string, r: LoadResult, sizes: { small: number; large: number }): Figure[] {
  const p = (k: 'small' | 'large', q: number) => percentile(r.byGroup[k] ?? [], q);
  return [
    { name: `${label} p50, ${sizes.small.toLocaleString('en-US')} tx`, value: p('small', 50), unit: 'ms' },
    { name: `${label} p99, ${sizes.small.toLocaleString('en-US')} tx`, value: p('small', 99), unit: 'ms' },
    { name: `${label} p50, ${sizes.large.toLocaleString('en-US')} tx`, value: p('large', 50), unit: 'ms' },
    { name: `${label} p99, ${sizes.large.toLocaleString('en-US')} tx`, value: p('large', 99), unit: 'ms' },
    { name: 'ratio p50 large/small', value: p('large', 50) / p('small', 50), unit: '×', digits: 2, target: RATIO_TARGET },
    { name: 'ratio p99 large/small', value: p('large', 99) / p('small', 99), unit: '×', digits: 2, target: RATIO_TARGET },
    { name: 'requests', value: r.ok + r.failed, unit: `(${r.failed} failed)`, digits: 0 },
  ];
}

export async function list(ctx: SectionContext): Promise<SectionOutput> {
  heading(`4. list — GET /transactions first page (limit 50), ${REQUESTS} requests each, ${CONCURRENCY} in flight`);
  const c = ctx.cloud;
  if (!c) throw new Error('list needs the local cloud');
  const d = await dataset(ctx);
  const { run, problems } = await compare(
    c,
    d,
    '/transactions',
    (json) => {
      const n = (json as { items?: unknown[] }).items?.length ?? 0;
      return n === 50 ? undefined : `first page has ${n} items, not 50`;
    },
    Math.max(20_000, Math.min(90_000, ctx.remainingMs() - (ctx.reserveMs?.() ?? 0))),
  );
  const figures = [...ratioFigures('list', run, { small: d.small.transactions, large: d.large.transactions }), ...pipelineFigures(d)];
  printFigures(figures);
  const notes = [...d.notes, ...problems];
  for (const n of problems) console.log(`note: ${n}`);
  return { figures, notes, details: { drained: d.drained, progress: d.progress, seed: d.seed } };
}

export async function summary(ctx: SectionContext): Promise<SectionOutput> {
  heading(`5. summary — GET /analytics/summary?month=${SEED_MONTH}, ${REQUESTS} requests each, ${CONCURRENCY} in flight`);
  const c = ctx.cloud;
  if (!c) throw new Error('summary needs the local cloud');
  const d = await dataset(ctx);
  const { run, problems } = await compare(
    c,
    d,
    `/analytics/summary?month=${SEED_MONTH}`,
    (json) => {
      const n = (json as { transactionCount?: number }).transactionCount ?? -1;
      return n > 0 ? undefined : `the summary counts ${n} transactions`;
    },
    Math.max(20_000, Math.min(90_000, ctx.remainingMs() - (ctx.reserveMs?.() ?? 0))),
  );
  const figures = [...ratioFigures('summary', run, { small: d.small.transactions, large: d.large.transactions }), ...pipelineFigures(d)];
  printFigures(figures);
  const notes = [...d.notes, ...problems];
  for (const n of problems) console.log(`note: ${n}`);
  return {
    figures,
    notes,
    details: { drained: d.drained, drainMs: round(d.drainMs, 0), drainAfterSeedMs: round(d.drainAfterSeedMs, 0), counted: d.counted, progress: d.progress, seed: d.seed },
  };
}
