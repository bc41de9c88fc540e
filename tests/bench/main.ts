/**
 * `npm run bench [-- section…]`: measures Tally's speed and prints the figures next to their targets (nothing is
 * asserted), and merges them into .bench/results.json. Sections: bundles, me, import, list, summary, lag, rules, budgets, alerts, goals (default:
 * all). Environment: BENCH_BUDGET_S (whole run, default 900), BENCH_COLD_RUNS (default 11),
 * BENCH_COLD_RUNS_OTHER (default 3: cold-import rounds with source maps the other way than deployed).
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, startCloud, type RunningCloud } from './lib/cloud';
import { Client } from './lib/http';
import { figuresJson, fmt, machine, round, table, targetText, verdict, writeResults, type Figure, type SectionResult } from './lib/report';
import { documentClient } from './lib/seed';
import { advice } from './sections/advice';
import { alerts } from './sections/alerts';
import { budgets } from './sections/budgets';
import { bundles } from './sections/bundles';
import { categorise } from './sections/categorise';
import { forecast } from './sections/forecast';
import type { BenchUser, CloudContext, SectionContext, SectionOutput } from './sections/context';
import { goals } from './sections/goals';
import { health } from './sections/health';
import { fanOut } from './sections/fan-out';
import { importSection } from './sections/imports';
import { lag } from './sections/lag';
import { list, summary } from './sections/list-summary';
import { me } from './sections/me';
import { parsers } from './sections/parsers';
import { recurring } from './sections/recurring';
import { reports } from './sections/reports';
import { rules } from './sections/rules';
import { webSection } from './sections/web';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const SECTIONS: Record<string, (ctx: SectionContext) => Promise<SectionOutput>> = { advice, bundles, me, import: importSection, list, summary, lag, rules, parsers, goals, budgets, alerts, categorise, recurring, forecast, health, web: webSection, reports, fanout: fanOut };
/** Order of the run: sections that need a quiet analytics pipeline come before those that flood it. */
const RUN_ORDER = ['parsers', 'reports', 'recurring', 'goals', 'bundles', 'me', 'lag', 'alerts', 'list', 'summary', 'rules', 'budgets', 'advice', 'forecast', 'health', 'web', 'categorise', 'fanout', 'import'];
/** Rough time each section needs on a busy 2-core machine (list includes seeding the shared data set). */
const ESTIMATE_MS: Record<string, number> = { bundles: 200_000, me: 45_000, lag: 70_000, list: 280_000, summary: 50_000, rules: 150_000, budgets: 420_000, alerts: 60_000, import: 270_000, parsers: 150_000, goals: 30_000, categorise: 150_000, recurring: 20_000, advice: 150_000, forecast: 150_000, health: 200_000, web: 300_000, reports: 15_000, fanout: 240_000 };
/** Sections that share one local cloud; the import section starts its own (a quiet one for each measurement). */
const SHARED_CLOUD = new Set(['me', 'lag', 'alerts', 'list', 'summary']);
const RESULTS_FILE = join(REPO_ROOT, '.bench', 'results.json');

function intEnv(name: string, fallback: number, min: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= min ? Math.floor(v) : fallback;
}

/** Clouds running now, stopped on exit or interruption. */
const running = new Set<RunningCloud>();

async function openCloud(label: string): Promise<CloudContext> {
  console.log(`\nstarting a local cloud for ${label} (in memory, free ports, own process)…`);
  const cloud = await startCloud();
  running.add(cloud);
  console.log(`local cloud up in ${fmt(cloud.startMs / 1000)} s (healthy after ${fmt(cloud.timings.healthyMs / 1000)} s, ready after ${fmt(cloud.timings.readyMs / 1000)} s, rate history loaded after ${fmt(cloud.timings.fxReadyMs / 1000)} s): ${cloud.apiUrl}; its log: ${cloud.logFile}`);
  return cloudContext(cloud);
}

async function closeCloud(c: CloudContext): Promise<void> {
  c.api.close();
  c.doc.destroy();
  const t = performance.now();
  await c.cloud.stop();
  running.delete(c.cloud);
  console.log(`local cloud stopped (${fmt((performance.now() - t) / 1000)} s)`);
}

async function cloudContext(cloud: RunningCloud): Promise<CloudContext> {
  // The ledger adapter reaches shared/observability.ts, whose objects read the environment when loaded.
  Object.assign(process.env, cloud.env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
  const { transactionItem } = await import('../../shared/adapters/ledger');
  const api = new Client(cloud.apiUrl, 64);
  return {
    cloud,
    api,
    doc: documentClient(cloud.endpoints.dynamodb),
    transactionItem,
    shared: new Map(),
    async newUser(label: string): Promise<BenchUser> {
      const email = `bench-${label}-${randomUUID().slice(0, 8)}@example.com`;
      const password = 'Correct-Horse-42-Bench';
      const reg = await api.expect<{ userId: string }>(201, 'POST', '/auth/register', { body: { email, password, name: `Bench ${label}` } });
      const login = await api.expect<{ accessToken: string }>(200, 'POST', '/auth/login', { body: { email, password } });
      const account = await api.expect<{ id: string }>(201, 'POST', '/accounts', {
        token: login.accessToken,
        body: { name: `Bench ${label}`, type: 'checking', currency: 'EUR' },
      });
      return { userId: reg.userId, email, token: login.accessToken, accountId: account.id };
    },
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).map((a) => a.toLowerCase().replace(/^--/, ''));
  const unknown = args.filter((a) => !(a in SECTIONS));
  if (unknown.length) {
    console.error(`Unknown section(s): ${unknown.join(', ')}. Sections: ${RUN_ORDER.join(', ')}.`);
    process.exitCode = 2;
    return;
  }
  const chosen = RUN_ORDER.filter((s) => args.length === 0 || args.includes(s));
  const budgetMs = intEnv('BENCH_BUDGET_S', 900, 30) * 1000;
  const runStart = performance.now();
  const startedAt = new Date().toISOString();
  const m = machine();
  console.log(`Tally bench — ${startedAt}`);
  console.log(`machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB, node ${m.node} ${m.platform}, load average ${m.loadAverage.join(' ')}`);
  console.log(`sections: ${chosen.join(', ')}; time budget ${budgetMs / 1000} s`);

  const ctx: SectionContext = {
    cores: m.cores,
    coldRuns: intEnv('BENCH_COLD_RUNS', 11, 1),
    coldRunsOther: intEnv('BENCH_COLD_RUNS_OTHER', 3, 0),
    remainingMs: () => budgetMs - (performance.now() - runStart),
    openCloud,
    closeCloud,
  };
  let current = 0;
  ctx.reserveMs = () => chosen.slice(current + 1).reduce((n, s) => n + (ESTIMATE_MS[s] ?? 60_000), 0);
  const results: Record<string, SectionResult> = {};
  const summaryRows: { section: string; f: Figure }[] = [];
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error('\ninterrupted: stopping the local cloud…');
    void Promise.all([...running].map((c) => c.stop())).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const save = () => writeResults(RESULTS_FILE, { machine: m, startedAt, durationS: round((performance.now() - runStart) / 1000, 1), sections: results });

  try {
    for (const [index, name] of chosen.entries()) {
      current = index;
      if (interrupted) break;
      if (ctx.remainingMs() < 20_000) {
        console.log(`\n${name}: skipped, the time budget is spent`);
        results[name] = { measuredAt: new Date().toISOString(), durationS: 0, loadAverage: loadavg(), figures: {}, notes: ['skipped: time budget spent'] };
        continue;
      }
      if (SHARED_CLOUD.has(name) && !ctx.cloud) ctx.cloud = await openCloud(chosen.filter((s) => SHARED_CLOUD.has(s)).join(', '));
      if (!SHARED_CLOUD.has(name) && ctx.cloud) {
        // Its pipeline may still be busy: stop it so that it takes no CPU from what follows.
        await closeCloud(ctx.cloud);
        ctx.cloud = undefined;
      }
      const t0 = performance.now();
      let out: SectionOutput;
      try {
        out = await (SECTIONS[name] as (c: SectionContext) => Promise<SectionOutput>)(ctx);
      } catch (e) {
        console.error(`\n${name} failed: ${(e as Error).stack ?? String(e)}`);
        out = { figures: [], notes: [`failed: ${(e as Error).message}`] };
      }
      results[name] = {
        measuredAt: new Date().toISOString(),
        durationS: round((performance.now() - t0) / 1000, 1),
        loadAverage: loadavg().map((l) => round(l, 2)),
        figures: figuresJson(out.figures),
        ...(out.details !== undefined ? { details: out.details } : {}),
        notes: out.notes,
      };
      for (const f of out.figures) if (f.target) summaryRows.push({ section: name, f });
      console.log(`(${name} took ${fmt((performance.now() - t0) / 1000)} s)`);
      await save();
    }
  } finally {
    if (ctx.cloud) await closeCloud(ctx.cloud);
    await Promise.all([...running].map((c) => c.stop()));
  }

  if (summaryRows.length) {
    console.log('\n━━ figures against targets ━━');
    table(
      ['section', 'metric', 'value', 'target', 'status'],
      summaryRows.map(({ section, f }) => [section, f.name, `${fmt(f.value, f.digits ?? 1)} ${f.unit}`.trim(), targetText(f.target), verdict(f.value, f.target)]),
    );
  }
  await save();
  console.log(`\nwhole run ${fmt((performance.now() - runStart) / 1000)} s; results in ${RESULTS_FILE}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
