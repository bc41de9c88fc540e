/** Waits `ms`, or less when `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/**
 * Runs `task` with a signal of its own that aborts when `signal` does. The SDK leaves a listener on every signal
 * it is given, so a long-lived signal passed to each call would collect one per request.
 */
export async function withSignal<T>(signal: AbortSignal, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const own = new AbortController();
  const abort = () => own.abort();
  if (signal.aborted) own.abort();
  else signal.addEventListener('abort', abort);
  try {
    return await task(own.signal);
  } finally {
    signal.removeEventListener('abort', abort);
  }
}
