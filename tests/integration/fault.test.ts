import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../infra/local/cloud';
import { runLoad, summarize, verifyStored, type Sample } from '../load/workload';

/**
 * DynamoDB Local stopped in the middle of a write load, then started again on the same port and data. This test
 * runs its own cloud (kept on disk, so the data survives the restart) to leave the shared one undisturbed.
 */
describe('fault: the database goes away under load and comes back', () => {
  let cloud: LocalCloud | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    await cloud?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After (never 500, never past the route timeout), recovers on restart, loses no acknowledged write', { timeout: 240_000 }, async () => {
    // Prepare
    dataDir = await mkdtemp(join(tmpdir(), 'tally-fault-'));
    cloud = await startLocalCloud({ port: 0, inMemory: false, fresh: true, quiet: true, dataDir, logLevel: 'silent', handlerLogLevel: 'CRITICAL' });
    // The ECB history first: its thousands of writes to the on-disk table would otherwise compete with the load.
    await cloud.fxReady;
    const c = cloud;
    let started!: () => void;
    const writing = new Promise<void>((r) => (started = r));
    const window = { stoppedAt: 0, restartedAt: 0 };

    // Act: writers for 22 s; 4 s in, DynamoDB Local stops for 6 s
    const load = runLoad({ apiUrl: c.apiUrl, seconds: 22, writers: 10, users: 3, requestTimeoutMs: 40_000, maxBackoffMs: 500, onStarted: () => started() });
    await Promise.race([writing, load.then(() => undefined)]); // a failed setup fails the test at once
    await new Promise((r) => setTimeout(r, 4000));
    window.stoppedAt = Date.now();
    await c.dynamodb.stop();
    await new Promise((r) => setTimeout(r, 6000));
    await c.dynamodb.start();
    window.restartedAt = Date.now();
    const run = await load;

    // Assess
    const figures = summarize(run);
    const during = run.samples.filter((s) => s.at >= window.stoppedAt && s.at < window.restartedAt);
    const refused = run.samples.filter((s) => typeof s.status !== 'number' || s.status >= 500);
    const describeSample = (s: Sample) => `${s.op} ${String(s.status)} in ${s.ms} ms (retry-after ${String(s.retryAfter)}, ${String(s.problemType)})`;
    expect(during.filter((s) => s.status === 503).length, 'the outage was seen as 503s').toBeGreaterThan(0);
    for (const s of refused) {
      expect(s.status, describeSample(s)).toBe(503);
      expect(s.retryAfter, describeSample(s)).toMatch(/^[1-9]\d*$/);
      expect(s.problemType, describeSample(s)).toBe('/docs#problem-service-unavailable');
    }
    // Every answer came before its route's timeout (10 s; POST /imports 29 s): none hung.
    for (const s of run.samples) expect(s.ms, describeSample(s)).toBeLessThan(s.op === 'import' ? 29_000 : 10_000);
    // Recovered without restarting anything else: writes succeed again after the restart. (How many fit in the rest of
    // the run depends on how long the restart took on a busy machine, so any success counts; none may be refused.)
    const after = run.samples.filter((s) => s.at > window.restartedAt + 5000);
    expect(after.filter((s) => typeof s.status === 'number' && s.status < 300).length, JSON.stringify(figures.byOp)).toBeGreaterThan(0);
    expect(after.filter((s) => s.status === 503 || typeof s.status !== 'number').map(describeSample)).toEqual([]);
    // No acknowledged write lost; balances still equal their transactions.
    const stored = await verifyStored(c.apiUrl, run, 90_000);
    expect(stored.violations).toEqual([]);
    expect(stored.transactionsChecked).toBeGreaterThan(20);
  });
});
