import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { ESBUILD_OPTIONS, SOURCE_MAPS_AT_RUNTIME, bundleAliasesFor } from '../../../infra/bundle/options';
import { REPO_ROOT } from '../lib/cloud';
import { fmt, heading, median, percentile, printFigures, round, table, type Figure, type Target } from '../lib/report';
import type { SectionContext, SectionOutput } from './context';


const CALIBRATION: Record<string, string> = {
  'hello-world': 'export const handler = async () => ({ statusCode: 200 });',
  'dynamodb-document-client':
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb'; const doc = DynamoDBDocumentClient.from(new DynamoDBClient({})); export const handler = async () => doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } }));",
};
const CALIBRATION_BASELINE: Record<string, string> = { 'hello-world': '3.4 ms', 'dynamodb-document-client': '341 KB → 31 ms' };

const SIZE_TARGET: Target = { op: '<=', value: 300, unit: 'KB' };
const LARGEST_TARGET: Target = { op: '<=', value: 340, unit: 'KB' };
/** Cold import against the DocumentClient-only calibration bundle imported in the same run (machine-independent). */
const COLD_RATIO_TARGET: Target = { op: '<=', value: 1.2, unit: '×' };
/**
 * In the deployed-configuration rounds the DocumentClient-only bundle is imported again after every this many
 * functions, so each function's import is compared with calibration imports made seconds around it: on a shared,
 * noisy machine the load changes over a run, and a ratio of two medians taken minutes apart carries that drift.
 */
const CALIBRATE_EVERY = 8;
const DOC_CALIBRATION = 'dynamodb-document-client';

interface Built {
  name: string;
  kind: string;
  entry: string;
  file: string;
  bytes: number;
  /** Bytes in the output per npm package, largest first. */
  packages: [string, number][];
  /** Bytes of the project's own code. */
  appBytes: number;
  /** Variables the function gets from its access list. */
  queues: string[];
  memoryMb: number;
}

/** The package an input path of the metafile belongs to (the innermost node_modules), or undefined for project code. */
function packageOf(input: string): string | undefined {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  const first = parts[0] ?? '';
  return first.startsWith('@') ? `${first}/${parts[1] ?? ''}` : first;
}

function attribute(metafile: Metafile, outfile: string): { packages: [string, number][]; appBytes: number } {
  const key = relative(REPO_ROOT, outfile);
  const output = metafile.outputs[key];
  const by = new Map<string, number>();
  let appBytes = 0;
  for (const [path, info] of Object.entries(output?.inputs ?? {})) {
    const pkg = packageOf(path);
    if (pkg) by.set(pkg, (by.get(pkg) ?? 0) + info.bytesInOutput);
    else appBytes += info.bytesInOutput;
  }
  return { packages: [...by.entries()].sort((a, b) => b[1] - a[1]), appBytes };
}

/** The environment Lambda and the CDK app give a function at import (dummy values, loopback only). */
function lambdaEnv(b: Built, queues: readonly string[], sourceMaps: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    TZ: ':UTC',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SESSION_TOKEN: 'bench',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: b.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(b.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${b.name}`,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    LAMBDA_TASK_ROOT: join(b.file, '..'),
    _HANDLER: 'index.handler',
    TABLE_NAME: 'tally-bench',
    USER_POOL_ID: 'us-east-1_BenchPool1',
    USER_POOL_CLIENT_ID: 'benchclient0000000000000000',
    CURSOR_SECRET: randomBytes(32).toString('hex'),
    AUTO_CONFIRM: 'false',
    EMAIL_FROM: 'Tally <no-reply@example.com>',
    POWERTOOLS_SERVICE_NAME: b.name,
    POWERTOOLS_LOG_LEVEL: 'INFO',
  };
  if (b.kind !== 'http') env.POWERTOOLS_METRICS_NAMESPACE = 'Tally';
  for (const q of queues) env[`QUEUE_URL_${q.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`] = `http://127.0.0.1:9/000000000000/${q}`;
  if (sourceMaps) env.NODE_OPTIONS = '--enable-source-maps';
  return env;
}

// Wall time of the dynamic import, and the CPU time the process spent in it (every thread: V8 compiles on helper
// threads too). CPU time is what a loaded machine disturbs least: other processes delay the import but do not add
// to its CPU time.
const IMPORT_SCRIPT =
  "const u = process.argv[1]; const c0 = process.cpuUsage(); const t0 = performance.now(); const m = await import(u); const ms = performance.now() - t0; const c = process.cpuUsage(c0); process.stdout.write(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000, handler: typeof m.handler }));";

/** Imports a bundle in a fresh `node` and returns the milliseconds the dynamic import took. */
function coldImport(file: string, env: NodeJS.ProcessEnv): Promise<{ ms: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', IMPORT_SCRIPT, pathToFileURL(file).href], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        const r = JSON.parse(out) as { ms: number; cpuMs: number; handler: string };
        if (r.handler !== 'function') throw new Error('the bundle exports no handler function');
        resolve({ ms: r.ms, cpuMs: r.cpuMs });
      } catch (e) {
        reject(new Error(`importing ${file} failed (exit ${code ?? 'signal'}): ${(e as Error).message} ${err.slice(0, 400)}`));
      }
    });
  });
}

export async function bundles(ctx: SectionContext): Promise<SectionOutput> {
  heading('1. bundles — esbuild as the CDK app bundles each function; cold import in fresh node processes');
  const started = performance.now();
  // At most 4 minutes, less when later sections need the time (never under 90 s).
  const capMs = Math.min(240_000, Math.max(90_000, ctx.remainingMs() - (ctx.reserveMs?.() ?? 0)));
  const esbuild = await import('esbuild');
  const { functions } = await import('../../../functions/manifest');
  const outRoot = join(REPO_ROOT, '.bench', 'bundles');
  await rm(outRoot, { recursive: true, force: true });
  await mkdir(outRoot, { recursive: true });
  // One esbuild run per set of aliases (bundleAliasesFor: the SDK clients a function's access list leaves out), each
  // with all its entry points: esbuild bundles each entry on its own (no splitting) and spreads the work over the
  // cores, parsing shared modules once; each output is the same bytes a build of that entry alone gives (only the
  // source map's file name differs).
  const groups = new Map<string, typeof functions>();
  for (const def of functions) {
    const key = JSON.stringify(bundleAliasesFor(def));
    groups.set(key, [...(groups.get(key) ?? []), def]);
  }
  const metafile: Metafile = { inputs: {}, outputs: {} };
  // One run after the other: on two cores, concurrent runs took twice as long in all.
  for (const [aliases, defs] of groups) {
    const result = await esbuild.build({
      absWorkingDir: REPO_ROOT,
      entryPoints: Object.fromEntries(defs.map((def) => [`${def.name}/index`, join(REPO_ROOT, def.entry)])),
      outdir: outRoot,
      outExtension: { '.js': '.mjs' },
      ...ESBUILD_OPTIONS,
      alias: JSON.parse(aliases) as Record<string, string>,
      sourcemap: true,
      sourcesContent: false,
      metafile: true,
      logLevel: 'silent',
    });
    Object.assign(metafile.inputs, result.metafile.inputs);
    Object.assign(metafile.outputs, result.metafile.outputs);
  }
  const built = functions.map((def): Built => {
    const file = join(outRoot, def.name, 'index.mjs');
    const { packages, appBytes } = attribute(metafile, file);
    const bytes = metafile.outputs[relative(REPO_ROOT, file)]?.bytes ?? 0;
    const queues = def.access.filter((a) => a.startsWith('queue:')).map((a) => a.slice('queue:'.length));
    return { name: def.name, kind: def.kind, entry: def.entry, file, bytes, packages, appBytes, queues, memoryMb: def.memoryMb ?? 256 };
  });
  // Calibration: a hello-world handler and one holding only the DynamoDB DocumentClient, bundled and imported the
  // same way, to tell this machine's speed from the bundles' (TOOLCHAIN.md measured 3.4 ms and 31 ms elsewhere).
  const calibration: Built[] = [];
  for (const [name, contents] of Object.entries(CALIBRATION)) {
    const file = join(outRoot, `_${name}`, 'index.mjs');
    const r = await esbuild.build({
      absWorkingDir: REPO_ROOT,
      stdin: { contents, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: `${name}.ts` },
      outfile: file,
      ...ESBUILD_OPTIONS,
      sourcemap: true,
      sourcesContent: false,
      metafile: true,
      logLevel: 'silent',
    });
    const bytes = r.metafile.outputs[relative(REPO_ROOT, file)]?.bytes ?? 0;
    calibration.push({ name, kind: 'calibration', entry: '(inline)', file, bytes, packages: [], appBytes: 0, queues: [], memoryMb: 256 });
  }
  const bundleWallMs = performance.now() - started;
  await esbuild.stop();
  console.log(`bundled ${built.length} functions in ${fmt(bundleWallMs / 1000)} s (${groups.size} esbuild runs, one per set of aliases)`);

  // Cold imports: round-robin over the functions, one process at a time (two at once would contend for the cores);
  // first as deployed (NODE_OPTIONS as the CDK app sets it: see SOURCE_MAPS_AT_RUNTIME), then fewer rounds the other
  // way (with --enable-source-maps when deployed without), both with the calibration interleaved.
  const runs = ctx.coldRuns;
  const otherRuns = ctx.coldRunsOther;
  const deployed = new Map<string, number[]>([...built, ...calibration].map((b) => [b.name, []]));
  const other = new Map<string, number[]>([...built, ...calibration].map((b) => [b.name, []]));
  const otherMaps = !SOURCE_MAPS_AT_RUNTIME;
  const mapsLabel = (maps: boolean) => (maps ? 'with --enable-source-maps' : 'without --enable-source-maps');
  const errors: string[] = [];
  const coldDeadline = started + capMs;
  let cutShort = false;
  const doc = calibration.find((b) => b.name === DOC_CALIBRATION) as Built;
  // The rounds interleave the DocumentClient calibration (see CALIBRATE_EVERY); round order is kept.
  const interleaved: Built[] = [...calibration];
  built.forEach((b, i) => {
    interleaved.push(b);
    if ((i + 1) % CALIBRATE_EVERY === 0 || i === built.length - 1) interleaved.push(doc);
  });
  const phases = [
    { want: runs, sourceMaps: SOURCE_MAPS_AT_RUNTIME, store: deployed, deployedRounds: true },
    { want: otherRuns, sourceMaps: otherMaps, store: other, deployedRounds: false },
  ];
  /** Per deployed round, the imports in the order made: each function's, and the calibration's between them. */
  const sequences: { name: string; ms: number }[][] = [];
  /** The same, with each import's CPU time. */
  const cpuSequences: { name: string; ms: number }[][] = [];
  /** The other way's rounds. */
  const otherSequences: { name: string; ms: number }[][] = [];
  for (const phase of phases) {
    for (let r = 0; r < phase.want && !cutShort; r++) {
      const sequence: { name: string; ms: number }[] = [];
      const cpuSequence: { name: string; ms: number }[] = [];
      if (phase.deployedRounds) {
        sequences.push(sequence);
        cpuSequences.push(cpuSequence);
      } else otherSequences.push(sequence);
      for (const b of interleaved) {
        if (performance.now() > coldDeadline) {
          cutShort = true;
          break;
        }
        try {
          const { ms, cpuMs } = await coldImport(b.file, lambdaEnv(b, b.queues, phase.sourceMaps));
          phase.store.get(b.name)?.push(ms);
          sequence.push({ name: b.name, ms });
          if (phase.deployedRounds) cpuSequence.push({ name: b.name, ms: cpuMs });
        } catch (e) {
          if (errors.length < 5) errors.push((e as Error).message);
        }
      }
    }
  }
  const paired = pairedRatios(sequences);
  const pairedCpu = pairedRatios(cpuSequences);
  const pairedOther = pairedRatios(otherSequences);
  const coldWallMs = performance.now() - started - bundleWallMs;

  const helloMs = median(deployed.get('hello-world') ?? []);
  const docSamples = deployed.get(DOC_CALIBRATION) ?? [];
  const docSpread = (100 * (percentile(docSamples, 90) - percentile(docSamples, 10))) / median(docSamples);
  const docMs = median(deployed.get('dynamodb-document-client') ?? []);
  const rows = built.map((b) => {
    const kb = b.bytes / 1024;
    const cold = median(deployed.get(b.name) ?? []);
    const coldOther = median(other.get(b.name) ?? []);
    const sizeOk = b.kind !== 'http' || kb <= LARGEST_TARGET.value;
    const coldOk = cold / docMs <= COLD_RATIO_TARGET.value;
    return {
      b,
      kb,
      cold,
      coldOther,
      n: deployed.get(b.name)?.length ?? 0,
      nOther: other.get(b.name)?.length ?? 0,
      status: `${sizeOk ? '' : 'size '}${coldOk ? '' : 'cold'}`.trim() || 'ok',
    };
  });
  rows.sort((a, b) => (a.b.kind === b.b.kind ? b.kb - a.kb : a.b.kind === 'http' ? -1 : 1));
  table(
    ['function', 'kind', 'size', 'cold p50', 'n', otherMaps ? 'p50 maps on' : 'p50 no maps', 'n', 'top packages (KB in bundle)', 'missed'],
    rows.map((r) => [
      r.b.name,
      r.b.kind,
      `${fmt(r.kb)} KB`,
      `${fmt(r.cold)} ms`,
      String(r.n),
      `${fmt(r.coldOther)} ms`,
      String(r.nOther),
      r.b.packages
        .slice(0, 3)
        .map(([p, bytes]) => `${p} ${fmt(bytes / 1024, 0)}`)
        .join(', '),
      r.status === 'ok' ? '' : r.status,
    ]),
  );

  console.log('');
  table(
    ['calibration bundle', 'size', 'cold p50', 'n', 'TOOLCHAIN.md baseline'],
    calibration.map((b) => [b.name, `${fmt(b.bytes / 1024)} KB`, `${fmt(median(deployed.get(b.name) ?? []))} ms`, String(deployed.get(b.name)?.length ?? 0), CALIBRATION_BASELINE[b.name] ?? '']),
  );

  const http = rows.filter((r) => r.b.kind === 'http');
  const overSize = http.filter((r) => r.kb > LARGEST_TARGET.value).length;
  const overCold = rows.filter((r) => !(r.cold / docMs <= COLD_RATIO_TARGET.value)).length;
  const coldMedian = median(rows.map((r) => r.cold));
  const figures: Figure[] = [
    { name: 'functions bundled', value: rows.length, unit: '', digits: 0 },
    { name: 'bundles holding the X-Ray SDK', value: built.filter((b) => b.packages.some(([p]) => p === 'aws-xray-sdk-core')).length, unit: `of ${rows.length}`, digits: 0, note: 'Lambda active tracing + shared/tracing.ts instead' },
    { name: 'HTTP bundle size, median', value: median(http.map((r) => r.kb)), unit: 'KB', target: SIZE_TARGET },
    { name: 'HTTP bundle size, largest', value: Math.max(...http.map((r) => r.kb)), unit: 'KB', target: LARGEST_TARGET },
    { name: `HTTP bundles over ${LARGEST_TARGET.value} KB`, value: overSize, unit: `of ${http.length}`, digits: 0 },
    { name: 'cold import, median of medians', value: coldMedian, unit: 'ms' },
    { name: 'cold import, slowest median', value: Math.max(...rows.map((r) => r.cold)), unit: 'ms' },
    { name: `cold import, median ${mapsLabel(otherMaps)} (not as deployed)`, value: median(rows.map((r) => r.coldOther)), unit: 'ms' },
    { name: `functions over ${COLD_RATIO_TARGET.value}× the calibration`, value: overCold, unit: `of ${rows.length}`, digits: 0 },
    { name: 'calibration: hello-world import', value: helloMs, unit: 'ms', note: 'TOOLCHAIN.md: 3.4 ms' },
    { name: 'calibration: DocumentClient-only import', value: docMs, unit: 'ms', note: 'TOOLCHAIN.md: 341 KB → 31 ms' },
    { name: 'cold import median ÷ DocumentClient-only', value: coldMedian / docMs, unit: '×', digits: 2, target: COLD_RATIO_TARGET, note: 'same run, same options' },
    {
      name: 'cold import ÷ DocumentClient-only, paired',
      value: paired.median,
      unit: '×',
      digits: 2,
      target: COLD_RATIO_TARGET,
      note: `median of ${paired.rounds.length} rounds (each: median over functions of import ÷ the calibration imports around it); rounds range ${fmt(paired.min, 2)}–${fmt(paired.max, 2)}×, p25–p75 ${fmt(paired.p25, 2)}–${fmt(paired.p75, 2)}×`,
    },
    {
      name: 'cold import CPU ÷ DocumentClient-only, paired',
      value: pairedCpu.median,
      unit: '×',
      digits: 2,
      note: `as above with each import's CPU time (all threads), which other load on the machine disturbs least; rounds range ${fmt(pairedCpu.min, 2)}–${fmt(pairedCpu.max, 2)}×, p25–p75 ${fmt(pairedCpu.p25, 2)}–${fmt(pairedCpu.p75, 2)}×`,
    },
    {
      name: `cold import ÷ DocumentClient-only, paired, ${mapsLabel(otherMaps)} (not as deployed)`,
      value: pairedOther.median,
      unit: '×',
      digits: 2,
      note: `median of ${pairedOther.rounds.length} rounds made that way; the calibration imported in ${fmt(median(other.get(DOC_CALIBRATION) ?? []))} ms that way`,
    },
    { name: 'DocumentClient-only import, spread', value: docSpread, unit: '%', digits: 0, note: `p10–p90 ${fmt(percentile(deployed.get(DOC_CALIBRATION) ?? [], 10))}–${fmt(percentile(deployed.get(DOC_CALIBRATION) ?? [], 90))} ms over ${deployed.get(DOC_CALIBRATION)?.length ?? 0} imports, as a share of the median` },
    { name: 'bundling wall time', value: bundleWallMs / 1000, unit: 's' },
    { name: 'cold-import wall time', value: coldWallMs / 1000, unit: 's' },
  ];
  console.log('');
  printFigures(figures);

  // What dominates across all bundles: each package's share summed over the functions.
  const totals = new Map<string, number>();
  for (const b of built) for (const [p, bytes] of b.packages) totals.set(p, (totals.get(p) ?? 0) + bytes);
  const appTotal = built.reduce((n, b) => n + b.appBytes, 0);
  const allBytes = built.reduce((n, b) => n + b.bytes, 0);
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log('\nacross all bundles, bytes by package (share of all bundle bytes):');
  console.log(`  ${top.map(([p, bytes]) => `${p} ${fmt((100 * bytes) / allBytes)}%`).join(', ')}; project code ${fmt((100 * appTotal) / allBytes)}%`);

  const notes: string[] = [];
  notes.push(`cold import: ${runs} fresh node processes per function ${mapsLabel(SOURCE_MAPS_AT_RUNTIME)} (as deployed) and ${otherRuns} ${mapsLabel(otherMaps)}, one process at a time, median reported`);
  notes.push('bundles: the CDK app\'s options and each function\'s aliases (bundleAliasesFor: no SDK client its access list gives it no use of); one esbuild run per set of aliases, each output the bytes a build of that entry alone gives');
  if (cutShort) notes.push(`cold imports stopped at the section's time limit (${fmt(capMs / 1000, 0)} s); n per function says how many ran`);
  for (const e of errors) notes.push(`import error: ${e}`);
  for (const n of notes) console.log(`note: ${n}`);
  return {
    figures,
    notes,
    details: {
      functions: rows.map((r) => ({
        name: r.b.name,
        kind: r.b.kind,
        entry: r.b.entry,
        sizeKb: round(r.kb, 1),
        coldImportMedianMs: round(r.cold, 2),
        coldImportMedianOtherWayMs: round(r.coldOther, 2),
        coldImportSamplesMs: (deployed.get(r.b.name) ?? []).map((v) => round(v, 2)),
        appCodeKb: round(r.b.appBytes / 1024, 1),
        topPackagesKb: r.b.packages.slice(0, 8).map(([p, bytes]) => ({ package: p, kb: round(bytes / 1024, 1) })),
        meetsSize: r.b.kind !== 'http' || r.kb <= LARGEST_TARGET.value,
        meetsCold: r.cold / docMs <= COLD_RATIO_TARGET.value,
      })),
      coldRatioPairedByRound: paired.rounds.map((r) => round(r, 3)),
      coldCpuRatioPairedByRound: pairedCpu.rounds.map((r) => round(r, 3)),
      calibration: calibration.map((b) => ({ name: b.name, sizeKb: round(b.bytes / 1024, 1), coldImportMedianMs: round(median(deployed.get(b.name) ?? []), 2) })),
      packageShareAcrossBundles: top.map(([p, bytes]) => ({ package: p, percent: round((100 * bytes) / allBytes, 1) })),
    },
  };
}

/**
 * The cold-import ratio with each function's import divided by the calibration imports made just before and after
 * it in the same round (their mean), so load that changes during the run affects both sides alike. Per round: the
 * median over functions; then the median and spread over rounds.
 */
function pairedRatios(sequences: readonly { name: string; ms: number }[][]): { rounds: number[]; median: number; min: number; max: number; p25: number; p75: number } {
  const rounds: number[] = [];
  for (const sequence of sequences) {
    const ratios: number[] = [];
    sequence.forEach((entry, i) => {
      if (entry.name === DOC_CALIBRATION || entry.name === 'hello-world') return;
      let before: number | undefined;
      let after: number | undefined;
      for (let j = i - 1; j >= 0 && before === undefined; j--) if (sequence[j]?.name === DOC_CALIBRATION) before = sequence[j]?.ms;
      for (let j = i + 1; j < sequence.length && after === undefined; j++) if (sequence[j]?.name === DOC_CALIBRATION) after = sequence[j]?.ms;
      const around = [before, after].filter((v): v is number => v !== undefined);
      if (around.length > 0) ratios.push(entry.ms / (around.reduce((a, b) => a + b, 0) / around.length));
    });
    if (ratios.length > 0) rounds.push(median(ratios));
  }
  return { rounds, median: median(rounds), min: Math.min(...rounds), max: Math.max(...rounds), p25: percentile(rounds, 25), p75: percentile(rounds, 75) };
}
