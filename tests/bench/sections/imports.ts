import { cpuMeter } from '../lib/cpu';
import { sleep } from '../lib/http';
import { fmt, heading, printFigures, round, type Figure } from '../lib/report';
import { batchWrite, benchRecord } from '../lib/seed';
import type { BenchUser, CloudContext, SectionContext, SectionOutput } from './context';

const ROWS = 50_000;
const MONTH = '2024-03';
const RAW_PARALLEL = 8;
const POLL_MS = 250;
const WARMUP_ROWS = 500;

interface ImportReport {
  status: 'queued' | 'processing' | 'completed' | 'failed';
  total: number;
  processed: number;
  imported: number;
  duplicates: unknown[];
  errors: { row: number; message: string }[];
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  failure?: string;
}

const dateOf = (n: number) => `${MONTH}-${String((n % 31) + 1).padStart(2, '0')}`;

/** The CSV a bank would export for the same rows the raw baseline writes. */
function csv(rows: number, userId: string, accountId: string): string {
  const lines = ['Date,Description,Amount'];
  for (let n = 0; n < rows; n++) {
    const r = benchRecord({ userId, id: String(n), n, accountId, date: dateOf(n), at: '' });
    const signed = r.type === 'expense' ? -r.amount : r.amount;
    lines.push(`${r.date},${r.description},${(signed / 100).toFixed(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

async function rawBaseline(ctx: SectionContext, c: CloudContext) {
  const user = await c.newUser('raw');
  const at = new Date().toISOString();
  const build = (n: number, importId: string) =>
    c.transactionItem(benchRecord({ userId: user.userId, id: `${importId}-${n + 1}`, n, accountId: user.accountId, date: dateOf(n), importId, at }));
  // Warm-up (JIT of DynamoDB Local and of the client), not counted.
  await batchWrite(c.doc, c.cloud.tableName, Array.from({ length: WARMUP_ROWS }, (_, n) => build(n, 'RAWWARM')), RAW_PARALLEL, 60_000);
  const importId = `RAW${Date.now()}`;
  const items = Array.from({ length: ROWS }, (_, n) => build(n, importId));
  const meter = cpuMeter({ node: c.cloud.pids.main, dynamodb: c.cloud.pids.dynamodb });
  const client0 = process.cpuUsage();
  const r = await batchWrite(c.doc, c.cloud.tableName, items, RAW_PARALLEL, Math.min(180_000, Math.max(60_000, ctx.remainingMs() - 150_000)));
  const u = process.cpuUsage(client0);
  const m = meter();
  return { ...r, cpu: { node: m.node ?? Number.NaN, dynamodb: m.dynamodb ?? Number.NaN, client: (u.user + u.system) / 1000 } };
}

/** Imports a CSV and follows the job until it completes, fails, or `limitMs` passes. */
async function runImport(c: CloudContext, user: BenchUser, rows: number, limitMs: number, progress: boolean) {
  const content = csv(rows, user.userId, user.accountId);
  const body = {
    accountId: user.accountId,
    format: 'csv',
    content,
    mapping: { date: 'Date', amount: 'Amount', description: 'Description', dateFormat: 'yyyy-mm-dd', decimalSeparator: '.' },
  };
  const meter = cpuMeter({ node: c.cloud.pids.main, dynamodb: c.cloud.pids.dynamodb });
  const t0 = performance.now();
  const post = await c.api.call('POST', '/imports', { token: user.token, body });
  if (post.status !== 202) throw new Error(`POST /imports: ${post.status} ${post.text.slice(0, 300)}`);
  const importId = (post.json as { importId: string }).importId;
  let report: ImportReport | undefined;
  let processingAt: number | undefined;
  let firstWriteAt: number | undefined;
  let lastPrint = performance.now();
  const timeline: { atS: number; status: string; processed: number }[] = [];
  while (performance.now() - t0 < limitMs) {
    const r = await c.api.call('GET', `/imports/${importId}`, { token: user.token });
    if (r.status === 200) {
      report = r.json as ImportReport;
      const now = performance.now();
      if (report.status === 'processing' && processingAt === undefined) processingAt = now;
      if (report.processed > 0 && firstWriteAt === undefined) firstWriteAt = now;
      if (progress && now - lastPrint > 10_000) {
        lastPrint = now;
        timeline.push({ atS: round((now - t0) / 1000, 1), status: report.status, processed: report.processed });
        console.log(`  ${fmt((now - t0) / 1000, 0)} s: ${report.status}, ${report.processed.toLocaleString('en-US')} of ${report.total.toLocaleString('en-US')} processed`);
      }
      if (report.status === 'completed' || report.status === 'failed') break;
    }
    await sleep(POLL_MS);
  }
  const doneMs = performance.now() - t0;
  return { importId, postMs: post.ms, bytes: Buffer.byteLength(content), t0, doneMs, processingAt, firstWriteAt, report, timeline, cpu: meter() };
}

export async function importSection(ctx: SectionContext): Promise<SectionOutput> {
  heading(`3. import — ${ROWS.toLocaleString('en-US')}-row CSV through POST /imports vs raw BatchWriteItem of the same items`);
  const notes: string[] = [];

  // Each measurement on a fresh, quiet local cloud: the other's analytics backlog (50,000 events) would otherwise
  // take CPU from it. Both have their own stream → analytics pipeline running meanwhile, as in production.
  console.log(`raw baseline: ${ROWS.toLocaleString('en-US')} transaction items, BatchWriteItem 25 per request, ${RAW_PARALLEL} in flight…`);
  const rawCloud = await ctx.openCloud('the raw BatchWriteItem baseline');
  let raw: Awaited<ReturnType<typeof rawBaseline>>;
  try {
    raw = await rawBaseline(ctx, rawCloud);
  } finally {
    await ctx.closeCloud(rawCloud);
  }
  const rawRate = (raw.items * 1000) / raw.ms;
  console.log(`  ${raw.items.toLocaleString('en-US')} items in ${fmt(raw.ms / 1000)} s = ${fmt(rawRate, 0)} items/s (${raw.requests} requests, ${raw.retriedItems} items resent)`);
  if (raw.cutShort) notes.push('raw baseline stopped at its time limit');

  const importCloud = await ctx.openCloud('the import');
  let run: Awaited<ReturnType<typeof runImport>>;
  try {
    const user = await importCloud.newUser('import');
    // Warm-up: a small import first (loads the worker, warms DynamoDB Local), not counted.
    const warm = await runImport(importCloud, user, WARMUP_ROWS, 60_000, false);
    if (warm.report?.status !== 'completed') notes.push(`the ${WARMUP_ROWS}-row warm-up import did not complete (${warm.report?.status ?? '?'})`);
    const limitMs = Math.max(90_000, Math.min(300_000, ctx.remainingMs() - 20_000));
    console.log(`importing ${ROWS.toLocaleString('en-US')} rows through the API (at most ${fmt(limitMs / 1000, 0)} s)…`);
    const fresh = await importCloud.newUser('import50k');
    run = await runImport(importCloud, fresh, ROWS, limitMs, true);
  } finally {
    await ctx.closeCloud(importCloud);
  }
  const { report, doneMs, processingAt, firstWriteAt, t0, postMs, importId, timeline } = run;
  const perSecond = (ms: number, wall: number) => ms / wall;
  const completed = report?.status === 'completed';
  const imported = report?.imported ?? 0;
  const importRate = completed ? (imported * 1000) / doneMs : ((report?.processed ?? 0) * 1000) / doneMs;
  const serverMs = report?.completedAt ? Date.parse(report.completedAt) - Date.parse(report.createdAt) : Number.NaN;
  if (!completed) {
    notes.push(
      `the import had not completed after ${fmt(doneMs / 1000, 0)} s (status ${report?.status ?? '?'}, ${report?.processed ?? 0} processed${report?.failure ? `, failure: ${report.failure}` : ''}); its rate is rows processed so far per second`,
    );
  }
  if (report && (report.errors.length || report.duplicates.length)) notes.push(`report: ${report.errors.length} row errors, ${report.duplicates.length} duplicates (${report.errors[0]?.message ?? ''})`);

  const figures: Figure[] = [
    { name: 'import: POST → completed', value: doneMs / 1000, unit: 's', target: { op: '<=', value: 30, unit: 's' } },
    { name: 'import rate', value: importRate, unit: 'rows/s', digits: 0 },
    { name: 'raw BatchWriteItem rate', value: rawRate, unit: 'items/s', digits: 0 },
    { name: 'ratio import/raw', value: importRate / rawRate, unit: '×', digits: 2, target: { op: '>=', value: 0.7, unit: '×' } },
    { name: 'POST /imports (parse + store rows)', value: postMs, unit: 'ms', digits: 0 },
    { name: '202 → worker processing (seen)', value: processingAt !== undefined ? processingAt - t0 - postMs : Number.NaN, unit: 'ms', digits: 0 },
    { name: 'worker processing → completed (seen)', value: processingAt !== undefined ? t0 + doneMs - processingAt : Number.NaN, unit: 'ms', digits: 0 },
    {
      name: 'worker processing → first progress (seen)',
      value: processingAt !== undefined && firstWriteAt !== undefined ? firstWriteAt - processingAt : Number.NaN,
      unit: 'ms',
      digits: 0,
      note: 'reading rows, duplicates, rules, rates; then 10 groups (900 rows) written',
    },
    { name: 'import: CPU of the cloud process (node)', value: perSecond(run.cpu.node ?? Number.NaN, doneMs), unit: 'cores', digits: 2, note: 'average over the import' },
    { name: 'import: CPU of DynamoDB Local (JVM)', value: perSecond(run.cpu.dynamodb ?? Number.NaN, doneMs), unit: 'cores', digits: 2 },
    { name: 'raw: CPU of the cloud process (node)', value: perSecond(raw.cpu.node, raw.ms), unit: 'cores', digits: 2, note: 'stream relay + analytics consumer' },
    { name: 'raw: CPU of DynamoDB Local (JVM)', value: perSecond(raw.cpu.dynamodb, raw.ms), unit: 'cores', digits: 2 },
    { name: 'raw: CPU of this client', value: perSecond(raw.cpu.client, raw.ms), unit: 'cores', digits: 2 },
    { name: 'job createdAt → completedAt (server)', value: serverMs, unit: 'ms', digits: 0 },
    { name: 'rows imported', value: imported, unit: `of ${ROWS.toLocaleString('en-US')}`, digits: 0 },
  ];
  printFigures(figures);
  for (const n of notes) console.log(`note: ${n}`);
  return {
    figures,
    notes,
    details: { importId, timeline, report: report ? { ...report, duplicates: report.duplicates.length, errors: report.errors.slice(0, 5) } : null, raw: { items: raw.items, ms: round(raw.ms, 0), requests: raw.requests, retriedItems: raw.retriedItems } },
  };
}
