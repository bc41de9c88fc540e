/**
 * `npm run fuzz`: fuzzes every operation of the API's own /openapi.json over HTTP against a local cloud it starts
 * (in memory, on free ports), with a fixed seed. Exits 1 on any failure of the oracle (a 5xx or no answer, a 4xx
 * that is not a problem document, a 2xx off its documented status or schema, another user's data reached).
 *
 *   npm run fuzz -- [--seed 7] [--cases 10000] [--concurrency 8] [--filter "POST /transactions"] [--only 12,345]
 *                   [--report file.json] [--verbose] [--trace] [--api http://127.0.0.1:3000 --admin-email … --admin-password …]
 *
 * `--only` replays single cases (with the same --seed and --filter as the run that found them); `--trace` prints
 * every case with its answer; `--verbose` shows what the cloud logs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { httpSession } from './fixtures';
import { type LogTap, tapLogs } from './log-tap';
import { failureClasses, formatReport, runFuzz } from './runner';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '20241125' },
    cases: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '8' },
    filter: { type: 'string' },
    only: { type: 'string' },
    report: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    api: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-password': { type: 'string' },
  },
});

const int = (name: string, v: string | undefined): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, not ${v}`);
  return n;
};

async function main(): Promise<number> {
  const seed = int('seed', values.seed);
  const cases = int('cases', values.cases);
  const concurrency = Math.max(1, int('concurrency', values.concurrency));
  const only = values.only ? values.only.split(',').map((s) => int('only', s.trim())) : undefined;

  let apiUrl = values.api;
  let admin = { email: values['admin-email'] ?? '', password: values['admin-password'] ?? '' };
  let stop: (() => Promise<void>) | undefined;
  let tap: LogTap | undefined;
  const t0 = Date.now();
  if (!apiUrl) {
    // The local cloud runs the handlers in this process; it is imported only now, after argument parsing, because
    // it sets the handler environment before anything loads shared/.
    const { startLocalCloud } = await import('../../infra/local/cloud');
    const dataDir = await mkdtemp(join(tmpdir(), 'tally-fuzz-'));
    const cloud = await startLocalCloud({ port: 0, inMemory: true, fresh: true, quiet: true, dataDir, dynamoDbJit: 'throughput' });
    stop = async () => {
      await cloud.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
    const onSignal = () => void stop?.().finally(() => process.exit(130));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    await cloud.fxReady.catch(() => undefined);
    apiUrl = cloud.apiUrl;
    admin = cloud.admin;
    console.log(`local cloud at ${apiUrl} in ${Date.now() - t0} ms`);
  }
  try {
    // What the cloud's handlers and workers log meanwhile is collected (shown with --verbose): a background error is
    // a failure too, though no HTTP answer shows it.
    tap = stop ? tapLogs(values.verbose) : undefined;
    const result = await runFuzz({ apiUrl, session: httpSession(apiUrl, admin), seed, cases, concurrency, ...(only ? { only } : {}), ...(values.filter ? { filter: values.filter } : {}), log: (l) => console.log(l), ...(values.trace ? { trace: (l: string) => console.log(l) } : {}) });
    const errors = new Map(tap?.errors);
    const warnings = new Map(tap?.warnings);
    tap?.clear();
    for (const [message, count] of errors) {
      // A handler's "Unhandled error" is the 500 it answered, already a failure of its case.
      if (/Unhandled error/.test(message)) continue;
      result.failures.push({ index: -1, op: '(background)', check: 'logged-error', status: 0, message, request: `logged ${count} time(s) while the cases ran`, label: 'background', response: '' });
    }
    for (const [message, count] of warnings) result.warnings.push(`logged ${count}× (WARN): ${message}`);
    console.log(formatReport(result));
    const reportFile = values.report ?? join(tmpdir(), `tally-fuzz-${seed}.json`);
    await writeFile(
      reportFile,
      JSON.stringify(
        {
          seed: result.seed,
          cases: result.cases,
          ms: result.ms,
          perOp: Object.fromEntries([...result.perOp].map(([k, v]) => [k, { cases: v.cases, statuses: Object.fromEntries(v.statuses), avgMs: v.cases ? Math.round(v.totalMs / v.cases) : 0, maxMs: v.maxMs }])),
          classes: failureClasses(result.failures).map((c) => ({ key: c.key, count: c.failures.length, failures: c.failures })),
          unsendable: result.unsendable,
          warnings: result.warnings,
        },
        null,
        2,
      ),
    );
    console.log(`full report: ${reportFile}`);
    return result.failures.length === 0 ? 0 : 1;
  } finally {
    await stop?.();
    tap?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
