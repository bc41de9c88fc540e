import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { functions } from '../../functions/manifest';
import { ESBUILD_OPTIONS, bundleAliasesFor } from '../../infra/bundle/options';

const ROOT = join(import.meta.dirname, '..', '..');

/** One function built as the CDK app builds it: every module of its import graph, and the bytes each puts in the bundle. */
async function build(name: string): Promise<{ graph: string[]; bytes: Record<string, number> }> {
  const d = functions.find((f) => f.name === name);
  if (!d) throw new Error(`${name} is not in the manifest`);
  const outfile = join(ROOT, '.bench', 'bundle-consumers-test', name, 'index.mjs');
  const result = await esbuild.build({ absWorkingDir: ROOT, entryPoints: [join(ROOT, d.entry)], outfile, ...ESBUILD_OPTIONS, alias: bundleAliasesFor(d), write: false, metafile: true, logLevel: 'silent' });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  return { graph: Object.keys(result.metafile.inputs), bytes: Object.fromEntries(Object.entries(output?.inputs ?? {}).map(([path, i]) => [path, i.bytesInOutput])) };
}

/** Every module in one function's import graph. */
async function graphOf(name: string): Promise<string[]> {
  return (await build(name)).graph;
}

/** Bytes a package puts in one function's bundle. */
async function packageBytes(name: string, pkg: string): Promise<number> {
  const { bytes } = await build(name);
  return Object.entries(bytes).reduce((n, [path, b]) => (path.includes(`node_modules/${pkg}/`) ? n + b : n), 0);
}

// Modules only queue consumers and schedules run. An HTTP function that imports one (even for a single function of
// a module that also holds them) carries their adapters, event contracts and other use cases in its bundle.
const CONSUMER_ONLY = ['shared/use-cases/advice-refresh.ts', 'shared/use-cases/report-schedule.ts', 'shared/use-cases/user-sweep.ts'];

/** HTTP functions that carried consumer code before it was split off, and what else they must not carry. */
const FENCED: Record<string, readonly string[]> = {
  'advice-list': ['shared/adapters/queue.ts'],
  'advice-feedback': ['shared/adapters/queue.ts'],
  'advice-apply': ['shared/adapters/queue.ts'],
  'reports-monthly': [],
  'reports-health': [],
  // The request parses the file itself with csv-parse (a bad file is a 4xx at once): only consumer modules are fenced.
  'imports-create': [],
};

describe('HTTP bundles leave consumer-only code out', () => {
  afterAll(() => esbuild.stop());

  for (const [name, extra] of Object.entries(FENCED)) {
    it(`${name} imports no consumer-only module`, async () => {
      const graph = await graphOf(name);
      expect(graph.some((i) => i.startsWith('shared/use-cases/'))).toBe(true);
      expect(graph.filter((i) => [...CONSUMER_ONLY, ...extra].some((m) => i.includes(m)))).toEqual([]);
    });
  }

  // HTTP functions publish no metrics of their own (shared/metrics.ts); dashboard-get reaches the metrics object
  // through recurring.ts, whose consumer half publishes them, and must still leave it out.
  it('leaves Powertools Metrics out of HTTP bundles, and in the consumers that publish metrics', async () => {
    for (const name of ['me-get', 'dashboard-get', 'recurring-list', 'transactions-create']) {
      expect(await packageBytes(name, '@aws-lambda-powertools/metrics'), name).toBe(0);
    }
    expect(await packageBytes('analytics', '@aws-lambda-powertools/metrics')).toBeGreaterThan(5_000);
  });

  it('keeps them in the consumers that run them', async () => {
    expect(await graphOf('advice')).toContain('shared/use-cases/advice-refresh.ts');
    expect(await graphOf('send-report')).toContain('shared/use-cases/report-schedule.ts');
  });
});
