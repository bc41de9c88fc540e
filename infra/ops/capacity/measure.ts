import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

function waitReady(child: ChildProcess, timeoutMs: number): Promise<HostInfo> {
  return new Promise<HostInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the capacity host did not start within ${timeoutMs} ms`)), timeoutMs);
    child.on('message', (m: { type?: string; info?: HostInfo; message?: string }) => {
      if (m.type === 'ready' && m.info) {
        clearTimeout(timer);
        resolve(m.info);
      } else if (m.type === 'error') {
        clearTimeout(timer);
        reject(new Error(`the capacity host failed: ${m.message ?? ''}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the capacity host exited (${code ?? 'signal'})`));
    });
  });
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
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      if (child.connected) child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
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
    const info = await waitReady(child, timeoutMs);
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
