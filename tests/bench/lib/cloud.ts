import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childStopper, waitReady } from '../../../infra/local/cloud-process';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** What the cloud host reports once its local cloud is up. */
export interface CloudInfo {
  apiUrl: string;
  consoleUrl: string;
  env: Record<string, string>;
  admin: { email: string; password: string };
  endpoints: { dynamodb: string; sqs: string; cognito: string; sesv2: string };
  tableName: string;
  pids: { main: number; dynamodb: number; cognito: number };
  /** Since the cloud began starting: API healthy, admin ready, the ECB rate history loaded (the cloud is then quiet). */
  timings: { healthyMs: number; readyMs: number; fxReadyMs: number };
}

export interface RunningCloud extends CloudInfo {
  /** Milliseconds from spawning the host to its `ready`. */
  startMs: number;
  /** Where the cloud's own output (handler logs, warnings) goes. */
  logFile: string;
  stop(): Promise<void>;
}

let clouds = 0;

/**
 * Starts a local cloud (`startLocalCloud`, in memory, fresh, free ports, a temporary data folder) in a child
 * process. Always `stop()` it: that stops the cloud, waits for the child to exit (killing it after a grace) and
 * removes the data folder.
 */
export async function startCloud(timeoutMs = 120_000): Promise<RunningCloud> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tally-bench-'));
  const started = performance.now();
  // BENCH_HOST_PROFILE=1: a V8 CPU profile of the cloud's process (gateway, functions, pollers) in .bench/profiles.
  const profile = process.env.BENCH_HOST_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${join(REPO_ROOT, '.bench', 'profiles')}`] : [];
  // The cloud's own output would break up the tables: it goes to a log file instead.
  const logDir = join(REPO_ROOT, '.bench', 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `cloud-${process.pid}-${++clouds}.log`);
  const log = openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = fork(join(REPO_ROOT, 'tests/bench/cloud-host.ts'), [dataDir], {
      cwd: REPO_ROOT,
      execArgv: ['--import', 'tsx', ...profile],
      stdio: ['ignore', log, log, 'ipc'],
    });
  } finally {
    closeSync(log);
  }
  const stop = childStopper(child, dataDir);
  try {
    const info = await waitReady<CloudInfo>(child, timeoutMs, 'the local cloud');
    return { ...info, startMs: performance.now() - started, logFile, stop };
  } catch (e) {
    await stop();
    const tail = (await readFile(logFile, 'utf8').catch(() => '')).slice(-2000);
    throw new Error(`${(e as Error).message}\n--- ${logFile} (end) ---\n${tail}`, { cause: e });
  }
}

/** Depth of each queue of the cloud (visible, in flight), from the console's API. */
export async function queueDepths(consoleUrl: string): Promise<Record<string, { visible: number; inFlight: number }>> {
  const r = await fetch(`${consoleUrl}/api/queues`, { signal: AbortSignal.timeout(5000) });
  const body = (await r.json()) as { items: { name: string; visible: number; inFlight: number }[] };
  return Object.fromEntries(body.items.map((q) => [q.name, { visible: q.visible, inFlight: q.inFlight }]));
}
