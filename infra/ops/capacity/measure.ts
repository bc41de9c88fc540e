import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childStopper, waitReady } from '../../local/cloud-process';
import type { Measurements } from './collector';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface HostInfo {
  apiUrl: string;
  consoleUrl: string;
  endpoints: { dynamodb: string };
  tableName: string;
}

/** The capacity host (host.ts) seen from the script: its cloud, its running totals, the bytes its handlers logged. */
export interface Host extends HostInfo {
  logFile: string;
  snapshot(): Promise<{ measurements: Measurements; idleMs: number; logBytes: number }>;
  /** Runs a scheduled function in the host as if the schedule fired at `at`; throws when it fails. */
  fire(name: string, at: Date): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the host (a fresh in-memory local cloud on free loopback ports). Always `stop()` it. */
export async function startHost(timeoutMs = 180_000): Promise<Host> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tally-capacity-'));
  const logDir = join(REPO_ROOT, '.bench', 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `capacity-${process.pid}.log`);
  const log = openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = fork(join(REPO_ROOT, 'infra/ops/capacity/host.ts'), [dataDir], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', log, 'ipc'] });
  } finally {
    closeSync(log);
  }
  let logBytes = 0;
  child.stdout?.on('data', (chunk: Buffer) => (logBytes += chunk.length));
  const stop = childStopper(child, dataDir);
  const snapshot = () =>
    new Promise<{ measurements: Measurements; idleMs: number; logBytes: number }>((resolve) => {
      const on = (m: { type?: string; measurements?: Measurements; idleMs?: number }) => {
        if (m.type !== 'snapshot' || !m.measurements) return;
        child.off('message', on);
        resolve({ measurements: m.measurements, idleMs: m.idleMs ?? 0, logBytes });
      };
      child.on('message', on);
      child.send({ type: 'snapshot' });
    });
  const fire = (name: string, at: Date) =>
    new Promise<void>((resolve, reject) => {
      const on = (m: { type?: string; name?: string; error?: string }) => {
        if (m.type !== 'fired' || m.name !== name) return;
        child.off('message', on);
        if (m.error) reject(new Error(`schedule ${name}: ${m.error}`));
        else resolve();
      };
      child.on('message', on);
      child.send({ type: 'fire', name, at: at.toISOString() });
    });
  try {
    const info = await waitReady<HostInfo>(child, timeoutMs, 'the capacity host');
    return { ...info, logFile, snapshot, fire, stop };
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message} (log: ${logFile})`, { cause: e });
  }
}

/** Queue depths (visible + in flight, DLQs included) from the console's API. */
async function queuesBusy(consoleUrl: string): Promise<number> {
  const r = await fetch(`${consoleUrl}/api/queues`, { signal: AbortSignal.timeout(5000) });
  const body = (await r.json()) as { items: { name: string; visible: number; inFlight: number }[] };
  return body.items.filter((q) => !q.name.endsWith('dlq')).reduce((s, q) => s + q.visible + q.inFlight, 0);
}

/** Waits until no function has run for `quietMs` and the queues are empty (the pipeline has settled), at most `timeoutMs`. */
export async function settle(host: Host, quietMs = 4000, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const { idleMs } = await host.snapshot();
    if (idleMs >= quietMs && (await queuesBusy(host.consoleUrl)) === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the pipeline did not settle within ${timeoutMs} ms`);
}

/** Emails in the local outbox. */
export async function outboxCount(consoleUrl: string): Promise<number> {
  const r = await fetch(`${consoleUrl}/api/messages`, { signal: AbortSignal.timeout(5000) });
  return ((await r.json()) as { items: unknown[] }).items.length;
}
