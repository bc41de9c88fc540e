import { sleep } from '../lib/http';
import { fmt, heading, percentile, printFigures, round, type Figure } from '../lib/report';
import type { SectionContext, SectionOutput } from './context';

const SAMPLES = 40;
const WARMUP = 3;
const POLL_MS = 20;
const SAMPLE_TIMEOUT_MS = 15_000;
const MONTH = '2025-02';

/**
 * Pipeline lag: from `POST /transactions` acknowledged to the month's summary counting it (table stream → relay →
 * SQS → analytics consumer → rollup), one transaction at a time.
 */
export async function lag(ctx: SectionContext): Promise<SectionOutput> {
  heading(`6. lag — POST /transactions acknowledged → GET /analytics/summary reflects it (poll every ${POLL_MS} ms)`);
  const c = ctx.cloud;
  if (!c) throw new Error('lag needs the local cloud');
  const user = await c.newUser('lag');
  const capMs = Math.min(120_000, ctx.remainingMs() - 10_000);
  const deadline = performance.now() + capMs;
  const summaryNow = async () => {
    const r = await c.api.call('GET', `/analytics/summary?month=${MONTH}`, { token: user.token });
    if (r.status !== 200) throw new Error(`GET /analytics/summary: ${r.status} ${r.text.slice(0, 200)}`);
    return r.json as { transactionCount: number; asOf: string | null };
  };
  const countNow = async () => (await summaryNow()).transactionCount;
  const lags: number[] = [];
  /** Transaction createdAt → the rollup's asOf (when the analytics consumer's invocation began), server clocks. */
  const serverLags: number[] = [];
  const postMs: number[] = [];
  let timeouts = 0;
  let expected = 0;
  for (let i = 0; i < SAMPLES + WARMUP && performance.now() < deadline; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const r = await c.api.call('POST', '/transactions', {
      token: user.token,
      body: { type: 'expense', amount: 1000 + i, currency: 'EUR', date: `${MONTH}-${day}`, description: `Lag probe ${i}`, accountId: user.accountId },
    });
    const acked = performance.now();
    if (r.status !== 201) throw new Error(`POST /transactions: ${r.status} ${r.text.slice(0, 200)}`);
    expected++;
    let seen: number | undefined;
    let asOf: string | null = null;
    while (performance.now() - acked < SAMPLE_TIMEOUT_MS) {
      const s = await summaryNow();
      if (s.transactionCount >= expected) {
        seen = performance.now();
        asOf = s.asOf;
        break;
      }
      await sleep(POLL_MS);
    }
    if (seen === undefined) {
      timeouts++;
      // Catch up before the next sample, so samples stay independent.
      while ((await countNow()) < expected && performance.now() < deadline) await sleep(200);
      continue;
    }
    if (i >= WARMUP) {
      lags.push(seen - acked);
      postMs.push(r.ms);
      const createdAt = (r.json as { createdAt?: string }).createdAt;
      if (asOf && createdAt) serverLags.push(Date.parse(asOf) - Date.parse(createdAt));
    }
  }
  const target = { op: '<=' as const, value: 1000, unit: 'ms' };
  const figures: Figure[] = [
    { name: 'lag p50', value: percentile(lags, 50), unit: 'ms', target },
    { name: 'lag p95', value: percentile(lags, 95), unit: 'ms', target },
    { name: 'lag min', value: percentile(lags, 0.0001), unit: 'ms' },
    { name: 'lag max', value: percentile(lags, 100), unit: 'ms' },
    { name: 'createdAt → rollup asOf p50 (server)', value: percentile(serverLags, 50), unit: 'ms', note: 'until the analytics consumer was invoked' },
    { name: 'createdAt → rollup asOf min (server)', value: percentile(serverLags, 0.0001), unit: 'ms' },
    { name: 'POST /transactions p50', value: percentile(postMs, 50), unit: 'ms' },
    { name: 'samples', value: lags.length, unit: `(+${WARMUP} warm-up)`, digits: 0 },
    { name: 'samples over 15 s', value: timeouts, unit: '', digits: 0 },
  ];
  printFigures(figures);
  const notes = [`samples sequential; each waits for the previous one to be counted; resolution ≈ ${POLL_MS} ms + one GET`];
  if (lags.length < SAMPLES) notes.push(`only ${lags.length} samples within the section's time limit (${fmt(capMs / 1000, 0)} s)`);
  for (const n of notes) console.log(`note: ${n}`);
  return { figures, notes, details: { samplesMs: lags.map((v) => round(v, 1)), serverSamplesMs: serverLags } };
}
