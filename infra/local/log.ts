/** Levels in increasing severity; a logger prints its own level and above. */
export const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LEVELS)[number];

export interface Log {
  readonly level: LogLevel;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  /** A logger whose lines start with `[name]`. */
  child(name: string): Log;
}

export function parseLevel(value: string | undefined, fallback: LogLevel): LogLevel {
  const v = (value ?? '').toLowerCase();
  return (LEVELS as readonly string[]).includes(v) ? (v as LogLevel) : fallback;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** A plain line logger on stderr (stdout stays free for what the CLI prints on purpose). */
export function createLog(level: LogLevel, prefix = '', write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Log {
  const rank = LEVELS.indexOf(level);
  const emit = (at: LogLevel, message: string) => {
    if (LEVELS.indexOf(at) < rank) return;
    const time = new Date().toISOString().slice(11, 23);
    write(`${time} ${at.toUpperCase().padEnd(5)} ${prefix}${message}`);
  };
  return {
    level,
    debug: (m) => emit('debug', m),
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m, e) => emit('error', e === undefined ? m : `${m}: ${describe(e)}`),
    child: (name) => createLog(level, `${prefix}[${name}] `, write),
  };
}
