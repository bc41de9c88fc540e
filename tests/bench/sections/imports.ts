import { sleep } from '../lib/http';
import { fmt, heading, printFigures, round, type Figure } from '../lib/report';
import { batchWrite, benchRecord } from '../lib/seed';
import type { CloudContext, SectionContext, SectionOutput } from './context';
import { waitForRollups } from './list-summary';

const ROWS = 50_000;
const MONTH = '2024-03';
const RAW_PARALLEL = 8;
const POLL_MS = 250;

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
  const importId = `RAW${Date.now()}`;
  const items = Array.from({ length: ROWS }, (_, n) =>
    c.transactionItem(benchRecord({ userId: user.userId, id: `${importId}-${n + 1}`, n, accountId: user.accountId, date: dateOf(n), importId, at })),
  );
  const started = performance.now();
  const r = await batchWrite(c.doc, c.cloud.tableName, items, RAW_PARALLEL, Math.min(180_000, ctx.remainingMs() - 120_000));
  return { user, started, ...r };
}

export async function importSection(ctx: SectionContext): Promise<SectionOutput> {
  heading(`3. import — ${ROWS.toLocaleString('en-US')}-row CSV through POST /imports vs raw BatchWriteItem of the same items`);
  const c = ctx.cloud;
  if (!c) throw new Error('import needs the local cloud');
  const notes: string[] = [];

  // Raw baseline first, on a quiet pipeline; then let the pipeline count it, so the import starts quiet too.
  console.log(`raw baseline: ${ROWS.toLocaleString('en-US')} transaction items, BatchWriteItem 25 per request, ${RAW_PARALLEL} in flight…`);
  const raw = await rawBaseline(ctx, c);
  const rawRate = (raw.items * 1000) / raw.ms;
  console.log(`  ${raw.items.toLocaleString('en-US')} items in ${fmt(raw.ms / 1000)} s = ${fmt(rawRate, 0)} items/s (${raw.requests} requests, ${raw.retriedItems} items resent)`);
  if (raw.cutShort) notes.push('raw baseline stopped at its time limit');
  const waitMs = Math.max(5_000, Math.min(150_000, ctx.remainingMs() - 200_000));
  console.log(`waiting (at most ${fmt(waitMs / 1000, 0)} s) for the analytics pipeline to count the raw items before importing…`);
  const w = await waitForRollups(c, [{ user: raw.user, expected: raw.items }], MONTH, raw.started, waitMs + raw.ms, 'pipeline');
  if (!w.drained) notes.push(`the pipeline had counted ${w.counted.toLocaleString('en-US')} of ${raw.items.toLocaleString('en-US')} raw items when the import started: the import ran with the pipeline busy`);

  // The import.
  const user = await c.newUser('import');
  const content = csv(ROWS, user.userId, user.accountId);
  const body = {
    accountId: user.accountId,
    format: 'csv',
    content,
    mapping: { date: 'Date', amount: 'Amount', description: 'Description', dateFormat: 'yyyy-mm-dd', decimalSeparator: '.' },
  };
  console.log(`importing ${ROWS.toLocaleString('en-US')} rows (${fmt(Buffer.byteLength(content) / 2 ** 20, 2)} MB of CSV)…`);
  const t0 = performance.now();
  const post = await c.api.call('POST', '/imports', { token: user.token, body });
  if (post.status !== 202) throw new Error(`POST /imports: ${post.status} ${post.text.slice(0, 300)}`);
  const importId = (post.json as { importId: string }).importId;
  const limitMs = Math.max(10_000, Math.min(300_000, ctx.remainingMs() - 15_000));
  let report: ImportReport | undefined;
  let processingAt: number | undefined;
  let lastPrint = performance.now();
  const timeline: { atS: number; status: string; processed: number }[] = [];
  while (performance.now() - t0 < limitMs) {
    const r = await c.api.call('GET', `/imports/${importId}`, { token: user.token });
    if (r.status === 200) {
      report = r.json as ImportReport;
      const now = performance.now();
      if (report.status === 'processing' && processingAt === undefined) processingAt = now;
      if (now - lastPrint > 10_000) {
        lastPrint = now;
        timeline.push({ atS: round((now - t0) / 1000, 1), status: report.status, processed: report.processed });
        console.log(`  ${fmt((now - t0) / 1000, 0)} s: ${report.status}, ${report.processed.toLocaleString('en-US')} of ${report.total.toLocaleString('en-US')} processed`);
      }
      if (report.status === 'completed' || report.status === 'failed') break;
    }
    await sleep(POLL_MS);
  }
  const doneMs = performance.now() - t0;
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
    { name: 'POST /imports (parse + store rows) ', value: post.ms, unit: 'ms', digits: 0 },
    { name: '202 → worker processing (seen)', value: processingAt !== undefined ? processingAt - t0 - post.ms : Number.NaN, unit: 'ms', digits: 0 },
    { name: 'worker processing → completed (seen)', value: processingAt !== undefined ? t0 + doneMs - processingAt : Number.NaN, unit: 'ms', digits: 0 },
    { name: 'job createdAt → completedAt (server)', value: serverMs, unit: 'ms', digits: 0 },
    { name: 'rows imported', value: imported, unit: `of ${ROWS.toLocaleString('en-US')}`, digits: 0 },
    { name: 'raw items: consumer throughput', value: (w.counted * 1000) / w.ms, unit: 'events/s', digits: 0, note: w.drained ? `${w.counted.toLocaleString('en-US')} counted ${fmt(w.ms / 1000, 0)} s after the raw write began` : 'not drained' },
  ];
  printFigures(figures);
  for (const n of notes) console.log(`note: ${n}`);
  return {
    figures,
    notes,
    details: { importId, timeline, report: report ? { ...report, duplicates: report.duplicates.length, errors: report.errors.slice(0, 5) } : null, raw: { items: raw.items, ms: round(raw.ms, 0), requests: raw.requests, retriedItems: raw.retriedItems }, rawPipeline: { drained: w.drained, counted: w.counted, ms: round(w.ms, 0), progress: w.progress } },
  };
}
