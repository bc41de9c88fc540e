/**
 * Listens to what the in-process local cloud logs while the fuzzer runs: its handlers, consumers and the outbox
 * relay log to this process's stdout/stderr. An input that an HTTP answer hides but a background worker chokes on
 * (a stream record given up, a consumer failing) shows up here, so the run can count it as a failure.
 */
export interface LogTap {
  /** Distinct ERROR messages (with how often each was seen). */
  errors: Map<string, number>;
  /** Distinct WARN messages. */
  warnings: Map<string, number>;
  /** Forgets what was recorded (lines logged afterwards, e.g. while the cloud stops, are still kept off the output). */
  clear(): void;
  stop(): void;
}

const CLOUD_LINE = /^\d\d:\d\d:\d\d\.\d{3} (WARN|ERROR)\s+(.*)$/;

/** The level and the gist of a log line of the local cloud or of a handler (Powertools JSON), or undefined. */
export function classify(line: string): { level: 'WARN' | 'ERROR'; message: string } | undefined {
  const m = CLOUD_LINE.exec(line);
  if (m) return { level: m[1] as 'WARN' | 'ERROR', message: (m[2] ?? '').replace(/\b\d{6,}\b/g, 'N').replace(/\b[0-9A-Z]{26}\b/g, 'ID').slice(0, 200) };
  if (!line.startsWith('{"level":')) return undefined;
  try {
    const j = JSON.parse(line) as { level?: string; message?: string; error?: { message?: string } };
    if (j.level !== 'WARN' && j.level !== 'ERROR' && j.level !== 'CRITICAL') return undefined;
    const why = j.error?.message ? `: ${j.error.message}` : '';
    // Not prefixed with function_name: in the local cloud every function shares one process and logger, so the name
    // is that of whichever function ran last, not necessarily the one that logged.
    return { level: j.level === 'WARN' ? 'WARN' : 'ERROR', message: `${j.message ?? ''}${why}`.replace(/\b\d+\b/g, 'N').slice(0, 240) };
  } catch {
    return undefined;
  }
}

/** Starts tapping stdout and stderr; tapped log lines are recorded and shown only when `echo` is set. */
export function tapLogs(echo = false): LogTap {
  const tap: LogTap = {
    errors: new Map(),
    warnings: new Map(),
    clear: () => {
      tap.errors.clear();
      tap.warnings.clear();
    },
    stop: () => undefined,
  };
  const restore: (() => void)[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    let pending = '';
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = pending + (typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      const lines = text.split('\n');
      pending = lines.pop() ?? '';
      const keep: string[] = [];
      let inStack = false;
      for (const line of lines) {
        const c = classify(line);
        if (c) {
          const into = c.level === 'ERROR' ? tap.errors : tap.warnings;
          into.set(c.message, (into.get(c.message) ?? 0) + 1);
          inStack = true;
          if (echo) keep.push(line);
        } else if (inStack && /^\s+(at |\{|\}|\w+:)|^\S*Error\b/.test(line)) {
          if (echo) keep.push(line);
        } else {
          inStack = false;
          keep.push(line);
        }
      }
      if (keep.length === 0) return true;
      return original(`${keep.join('\n')}\n`, ...rest);
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = original as typeof stream.write;
    });
  }
  tap.stop = () => restore.forEach((r) => r());
  return tap;
}
