import { sleep } from '../lib/http';
import { fmt, heading, percentile, printFigures, round, type Figure } from '../lib/report';
import type { SectionContext, SectionOutput } from './context';

const SAMPLES = 30;
const WARMUP = 3;
const POLL_MS = 20;
const SAMPLE_TIMEOUT_MS = 15_000;

/** The Monday `weeksAgo` weeks before this week's (YYYY-MM-DD). */
function monday(weeksAgo: number): string {
  const now = new Date();
  const dow = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - dow - 7 * weeksAgo)).toISOString().slice(0, 10);
}

/**
 * Alert latency: from `POST /transactions` acknowledged to the alert it raises listed by `GET /alerts` (table stream
 * → relay → analytics queue → rollups → alerts queue → alerts consumer → GET /alerts), one transaction at a time.
 * Each sample crosses the 100 % threshold of a 0.01 EUR weekly budget in a week of its own, so each raises exactly
 * one new alert. The baseline, measured on the same transactions: the analytics lag (the month's summary counting
 * the transaction), which the alert path includes; the ratio shows what the alerts hop adds.
 */
export async function alerts(ctx: SectionContext): Promise<SectionOutput> {
  heading(`alerts — POST /transactions acknowledged → GET /alerts lists its alert (poll every ${POLL_MS} ms); baseline: analytics lag of the same transaction`);
  const c = ctx.cloud;
  if (!c) throw new Error('alerts needs the local cloud');
  const user = await c.newUser('alerts');
  await c.api.expect(200, 'PATCH', '/me', { token: user.token, body: { baseCurrency: 'EUR' } });
  await c.api.expect(201, 'POST', '/budgets', {
    token: user.token,
    body: { name: 'Bench weekly', categoryId: null, period: 'weekly', amount: 1, thresholds: [100], rollover: 'none', startDate: monday(SAMPLES + WARMUP + 2) },
  });
  const capMs = Math.min(150_000, ctx.remainingMs() - 10_000);
  const deadline = performance.now() + capMs;
  const alertCount = async () => {
    const r = await c.api.call('GET', '/alerts?limit=100', { token: user.token });
    if (r.status !== 200) throw new Error(`GET /alerts: ${r.status} ${r.text.slice(0, 200)}`);
    return (r.json as { items: unknown[] }).items.length;
  };
  const monthCount = async (month: string) => {
    const r = await c.api.call('GET', `/analytics/summary?month=${month}`, { token: user.token });
    if (r.status !== 200) throw new Error(`GET /analytics/summary: ${r.status} ${r.text.slice(0, 200)}`);
    return (r.json as { transactionCount: number }).transactionCount;
  };
  const alertMs: number[] = [];
  const lagMs: number[] = [];
  const hopMs: number[] = [];
  const perMonth = new Map<string, number>();
  let timeouts = 0;
  let expectedAlerts = 0;
  for (let i = 0; i < SAMPLES + WARMUP && performance.now() < deadline; i++) {
    // Oldest week first: each sample is the first spending of a week of its own (Wednesday).
    const week = monday(SAMPLES + WARMUP - i);
    const date = new Date(Date.parse(`${week}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    const month = date.slice(0, 7);
    const r = await c.api.call('POST', '/transactions', {
      token: user.token,
      body: { type: 'expense', amount: 500 + i, currency: 'EUR', date, description: `Alert probe ${i}`, categoryId: 'shopping.household', accountId: user.accountId },
    });
    const acked = performance.now();
    if (r.status !== 201) throw new Error(`POST /transactions: ${r.status} ${r.text.slice(0, 200)}`);
    expectedAlerts++;
    perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
    let counted: number | undefined;
    let listed: number | undefined;
    while (performance.now() - acked < SAMPLE_TIMEOUT_MS && listed === undefined) {
      if (counted === undefined && (await monthCount(month)) >= (perMonth.get(month) ?? 0)) counted = performance.now();
      if ((await alertCount()) >= expectedAlerts) listed = performance.now();
      else await sleep(POLL_MS);
    }
    counted ??= listed;
    if (listed === undefined || counted === undefined) {
      timeouts++;
      while ((await alertCount()) < expectedAlerts && performance.now() < deadline) await sleep(200);
      continue;
    }
    if (i >= WARMUP) {
      alertMs.push(listed - acked);
      lagMs.push(counted - acked);
      hopMs.push(listed - counted);
    }
  }
  const target = { op: '<=' as const, value: 1000, unit: 'ms' };
  const p95 = percentile(alertMs, 95);
  const lag95 = percentile(lagMs, 95);
  const figures: Figure[] = [
    { name: 'alert latency p50', value: percentile(alertMs, 50), unit: 'ms' },
    { name: 'alert latency p95', value: p95, unit: 'ms', target },
    { name: 'analytics lag p50 (baseline)', value: percentile(lagMs, 50), unit: 'ms' },
    { name: 'analytics lag p95 (baseline)', value: lag95, unit: 'ms' },
    { name: 'alerts hop p50 (listed − counted)', value: percentile(hopMs, 50), unit: 'ms' },
    { name: 'alerts hop p95 (listed − counted)', value: percentile(hopMs, 95), unit: 'ms' },
    { name: 'alert p95 / analytics lag p95', value: lag95 > 0 ? p95 / lag95 : Number.NaN, unit: '×', digits: 2 },
    { name: 'samples', value: alertMs.length, unit: `(+${WARMUP} warm-up)`, digits: 0 },
    { name: 'samples over 15 s', value: timeouts, unit: '', digits: 0 },
  ];
  printFigures(figures);
  const notes = [`samples sequential; resolution ≈ ${POLL_MS} ms + one or two GETs; the analytics lag is polled in the same loop, so it is an upper bound`];
  if (alertMs.length < SAMPLES) notes.push(`only ${alertMs.length} samples within the section's time limit (${fmt(capMs / 1000, 0)} s)`);
  for (const n of notes) console.log(`note: ${n}`);
  return { figures, notes, details: { alertMs: alertMs.map((v) => round(v, 1)), lagMs: lagMs.map((v) => round(v, 1)) } };
}
