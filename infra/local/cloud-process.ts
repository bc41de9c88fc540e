import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';

/**
 * A local cloud run in a process of its own for a parent over IPC (the bench's tests/bench/cloud-host.ts and
 * `npm run capacity`'s infra/ops/capacity/host.ts), both sides: the child answers `ready` with its addresses (or
 * `error`) and stops on `stop`, SIGTERM/SIGINT or when the parent goes; the parent waits for `ready` and stops it.
 */

/** How long a child gets to stop its cloud before it exits anyway, and the parent before it kills the child. */
const CHILD_STOP_GRACE_MS = 20_000;
const PARENT_KILL_AFTER_MS = 25_000;

/**
 * Child side: stops the cloud once, on the parent's `stop` message, SIGTERM/SIGINT or a lost parent, then exits
 * (after a grace even if stopping hangs). Returns the same stop, for the child's own failure path.
 */
export function stopWithParent(stopCloud: () => Promise<void> | undefined): (code: number) => Promise<void> {
  let stopping: Promise<void> | undefined;
  const stop = (code: number): Promise<void> => {
    stopping ??= (async () => {
      const hardExit = setTimeout(() => process.exit(code || 1), CHILD_STOP_GRACE_MS);
      hardExit.unref();
      try {
        await stopCloud();
      } finally {
        clearTimeout(hardExit);
        process.exit(code);
      }
    })();
    return stopping;
  };
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'stop') void stop(0);
  });
  process.on('disconnect', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  return stop;
}

/** Parent side: the child's `ready` info, or an error on its `error` message, its exit, or after `timeoutMs`. */
export function waitReady<T>(child: ChildProcess, timeoutMs: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs} ms`)), timeoutMs);
    child.on('message', (m: { type?: string; info?: T; message?: string }) => {
      if (m.type === 'ready' && m.info) {
        clearTimeout(timer);
        resolve(m.info);
      } else if (m.type === 'error') {
        clearTimeout(timer);
        reject(new Error(`${what} failed to start: ${m.message ?? ''}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code ?? 'signal'}) before it was ready`));
    });
  });
}

/**
 * Parent side: a stop that asks the child to stop its cloud (SIGTERM when the channel is gone), kills it after a
 * grace, waits for its exit and removes its data folder; once, however often it is called.
 */
export function childStopper(child: ChildProcess, dataDir: string): () => Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        if (child.connected) child.send({ type: 'stop' });
        else child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), PARENT_KILL_AFTER_MS);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    })();
    return stopped;
  };
}
