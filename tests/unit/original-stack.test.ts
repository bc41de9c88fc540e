import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESBUILD_OPTIONS } from '../../infra/bundle/options';
import { originalStack } from '../../shared/original-stack';

/**
 * Functions run without --enable-source-maps; the logger puts their errors' stacks at source positions from the map
 * beside the bundle. The fixture is bundled as the CDK app bundles a function (minified, a linked map without
 * sources) and run in a plain `node`, as Lambda runs it: the test runner's own stack mapping would hide the result.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tally-stacks-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const RUN = "const m = await import(process.argv[1]); console.log(JSON.stringify({ thrown: m.thrownStack() })); m.logFailure();";

/** Bundles the fixture and runs it: the stack it returns, and the error the logger wrote. */
async function run(name: string, sourcemap: boolean): Promise<{ thrown: string; logged: { location: string; stack: string; cause: { location: string; stack: string } } }> {
  const outfile = join(dir, name, 'index.mjs');
  await esbuild.build({ ...ESBUILD_OPTIONS, absWorkingDir: process.cwd(), entryPoints: ['tests/fixtures/stacks/throwing.ts'], outfile, sourcemap, sourcesContent: false, logLevel: 'silent' });
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', RUN, pathToFileURL(outfile).href], {
    env: { PATH: process.env.PATH ?? '', POWERTOOLS_SERVICE_NAME: 'stacks' },
    timeout: 20_000,
  });
  const [first, ...rest] = `${stdout.trim()}\n${stderr.trim()}`.split('\n');
  const log = JSON.parse(rest.find((l) => l.includes('Unhandled error')) ?? '{}') as { error: { location: string; stack: string; cause: { location: string; stack: string } } };
  return { thrown: (JSON.parse(first ?? '{}') as { thrown: string }).thrown, logged: log.error };
}

describe('error stacks at source positions', () => {
  it('rewrites the frames of a bundle to the TypeScript file, line and column', async () => {
    const { thrown } = await run('with-map', true);
    expect(thrown.split('\n')[1]).toMatch(/^ {4}at \S+ \(tests\/fixtures\/stacks\/throwing\.ts:6:17\)$/);
    expect(thrown).not.toContain('index.mjs:');
  });

  it('logs an error and its cause with source positions', async () => {
    const { logged } = await run('logged', true);
    expect(logged.location).toBe('tests/fixtures/stacks/throwing.ts:12');
    expect(logged.stack).toContain('(tests/fixtures/stacks/throwing.ts:12:');
    expect(logged.cause.location).toBe('tests/fixtures/stacks/throwing.ts:11');
    expect(logged.cause.stack).toContain('(tests/fixtures/stacks/throwing.ts:11:');
  });

  it('leaves stacks as they are without a map beside the bundle, and outside a bundle', async () => {
    const { thrown, logged } = await run('without-map', false);
    expect(thrown.split('\n')[1]).toMatch(/index\.mjs:\d+:\d+\)$/);
    expect(logged.location).toMatch(/index\.mjs:\d+$/);
    const here = new Error('not bundled').stack ?? '';
    expect(originalStack(here)).toBe(here);
  });
});
