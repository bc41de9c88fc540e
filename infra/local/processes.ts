import { spawn, type ChildProcess } from 'node:child_process';
import type { Log } from './log';

/** A child process running one emulator, in its own process group. */
export interface Service {
  readonly name: string;
  readonly pid: number;
  /** Lines the process printed so far (last 200), for error messages. */
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  /** Closes its standard input (asking it to exit), then SIGTERM after `graceMs` and SIGKILL 2 s later; resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the whole group, synchronously (second Ctrl-C, process exit). */
  kill(): void;
}

const live = new Set<Service>();
let exitHookInstalled = false;

/** Kills every child still running; used when the parent exits without a clean stop. */
export function killAllServices(): void {
  for (const s of live) s.kill();
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  log: Log;
}

/**
 * Starts a process in its own group (so stopping it also stops anything it started) with a pipe on its standard
 * input that the child may watch: when this process dies, however abruptly, the pipe closes.
 */
export function spawnService(o: SpawnOptions): Service {
  const child: ChildProcess = spawn(o.command, o.args, {
    cwd: o.cwd,
    env: o.env ?? process.env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`Could not start ${o.name} (${o.command})`);
  const pid = child.pid;
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  const onData = (chunk: Buffer) => {
    for (const raw of chunk.toString('utf8').split(/\r?\n/)) {
      const line = raw.replace(ANSI, '').trimEnd();
      if (line === '') continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      o.log.debug(line);
      for (const l of listeners) l(line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  child.stdin?.on('error', () => undefined);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code, signal) => {
      exitCode = code ?? (signal ? null : 0);
      live.delete(service);
      resolve(exitCode);
    });
    child.on('error', (e) => {
      o.log.error(`${o.name} failed`, e);
      exitCode = null;
      live.delete(service);
      resolve(null);
    });
  });

  const service: Service & { onLine(l: (line: string) => void): () => boolean } = {
    name: o.name,
    pid,
    output: () => lines.join('\n'),
    exited,
    onLine(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async stop(graceMs = 3000) {
      if (exitCode !== undefined) return;
      // Closing standard input asks the emulator to exit by itself (see the launcher and the Cognito preload);
      // SIGTERM, then SIGKILL, follow only if it does not.
      child.stdin?.end();
      const term = setTimeout(() => signalGroup(pid, 'SIGTERM'), graceMs);
      const kill = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs + 2000);
      await exited;
      clearTimeout(term);
      clearTimeout(kill);
      // Anything the child left in its group goes too.
      signalGroup(pid, 'SIGKILL');
    },
    kill() {
      signalGroup(pid, 'SIGKILL');
    },
  };
  live.add(service);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', killAllServices);
  }
  return service;
}

/**
 * Waits until the service prints a line matching `pattern` and returns the match; fails when the process exits
 * first or `timeoutMs` passes, quoting what it printed.
 */
export function waitForLine(service: Service, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const s = service as Service & { onLine(l: (line: string) => void): () => boolean };
  return new Promise((resolve, reject) => {
    let off: () => void = () => undefined;
    const timer = setTimeout(() => {
      off();
      reject(new Error(`${service.name} did not become ready within ${timeoutMs} ms. Its output:\n${service.output()}`));
    }, timeoutMs);
    const existing = service
      .output()
      .split('\n')
      .map((l) => l.match(pattern))
      .find((m) => m);
    if (existing) {
      clearTimeout(timer);
      resolve(existing);
      return;
    }
    const unsubscribe = s.onLine((line) => {
      const m = line.match(pattern);
      if (m) {
        clearTimeout(timer);
        off();
        resolve(m);
      }
    });
    off = () => {
      unsubscribe();
    };
    void service.exited.then((code) => {
      clearTimeout(timer);
      off();
      reject(new Error(`${service.name} exited (code ${String(code)}) before it was ready. Its output:\n${service.output()}`));
    });
  });
}
