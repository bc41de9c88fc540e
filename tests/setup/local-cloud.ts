import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { startLocalCloud } from '../../infra/local/cloud';
import type { CloudInfo } from './provided';

const PREFIX = 'tally-cloud-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes data folders of earlier runs that were killed before their teardown (their process is gone). */
async function sweepStale(): Promise<void> {
  const root = tmpdir();
  for (const name of (await readdir(root)).filter((n) => n.startsWith(PREFIX))) {
    const dir = join(root, name);
    const pid = Number((await readFile(join(dir, 'cloud.pid'), 'utf8').catch(() => '')).trim());
    const age = Date.now() - (await stat(dir).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (pid ? !alive(pid) : age > 10 * 60_000) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The web app as `npm start` serves it: a production build of this run's sources, in this run's own folder (another
 * run's build never changes the files a page of this run loads). Vitest sets NODE_ENV=test, which would give React's
 * development build.
 */
async function buildWeb(outDir: string): Promise<string> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: 'web', configFile: 'web/vite.config.ts', logLevel: 'warn', mode: 'production', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = before;
  }
  return outDir;
}

/**
 * Global setup of the `cloud` test project: one local cloud for the whole run, empty and in memory, on free ports,
 * with its data in a temporary folder. Tests reach it over HTTP and the AWS SDK with `inject('cloud')`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await sweepStale().catch(() => undefined);
  const dataDir = await mkdtemp(join(tmpdir(), PREFIX));
  const webDist = await buildWeb(join(dataDir, 'web'));
  const cloud = await startLocalCloud({ port: 0, inMemory: true, fresh: true, quiet: true, dataDir, dynamoDbJit: 'throughput', autoConfirm: false, webDist }).catch(async (e: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  });
  await cloud.fxReady;
  const info: CloudInfo = {
    apiUrl: cloud.apiUrl,
    consoleUrl: cloud.consoleUrl,
    webUrl: cloud.webUrl,
    env: cloud.env,
    admin: cloud.admin,
    ports: cloud.ports,
    pids: cloud.pids,
    tableName: cloud.tableName,
    userPoolId: cloud.userPoolId,
    userPoolClientId: cloud.userPoolClientId,
  };
  project.provide('cloud', info);
  return async () => {
    await cloud.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
