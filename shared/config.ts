import * as z from 'zod/mini';

const Env = z.object({
  /** The DynamoDB table of the whole app (single-table design; see shared/adapters/keys.ts). */
  TABLE_NAME: z.string().check(z.minLength(1)),
  USER_POOL_ID: z.string().check(z.minLength(1)),
  USER_POOL_CLIENT_ID: z.string().check(z.minLength(1)),
  /**
   * The key that signs pagination cursors (any string ≥ 32 chars), given directly: the local cloud (which sets its
   * own, random per data folder) and tests. On AWS it is read from Secrets Manager instead (CURSOR_SECRET_ARN),
   * which wins when both are set. There is no default: a function that signs cursors without either fails at cold
   * start ({@link cursorKeySource}).
   */
  CURSOR_SECRET: z.optional(z.string().check(z.minLength(32))),
  /** The Secrets Manager secret holding the cursor key (read through the secrets extension, shared/adapters/secrets.ts). */
  CURSOR_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  /** A version of that secret to pin (after a manual rotation); the current one when unset. */
  CURSOR_SECRET_VERSION_ID: z.optional(z.string().check(z.minLength(1))),
  /** Sender of every email. */
  EMAIL_FROM: z._default(z.string(), 'Tally <no-reply@tally.local>'),
  /**
   * Comma-separated browser origins allowed by CORS, or `*` (only when a deployment names it). None when unset: the
   * CDK app sets the deployment's list, the local cloud its own loopback origins.
   */
  CORS_ORIGINS: z._default(z.string(), ''),
  /** When `true`, sign-up confirms the account at once (local cloud, or AWS with auto-confirm chosen). */
  AUTO_CONFIRM: z._default(z.enum(['true', 'false']), 'false'),
});

export type Config = z.infer<typeof Env>;

let cached: Config | undefined;

/**
 * The process's configuration, parsed from `process.env` once (at cold start, on first use) and failing fast
 * with every missing or malformed variable named.
 */
export function config(): Config {
  if (cached) return cached;
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration: ${lines.join('; ')}`);
  }
  cached = parsed.data;
  return cached;
}

/** Where the key that signs pagination cursors comes from. */
export type CursorKeySource = { kind: 'secret'; value: string } | { kind: 'secrets-manager'; arn: string; versionId?: string };

/**
 * The cursor key's source: the Secrets Manager secret (CURSOR_SECRET_ARN) when set, else CURSOR_SECRET. Throws a
 * configuration error when neither is set: there is no built-in key that would sign cursors silently with a value
 * anyone can read in this repository. Functions that sign cursors call it at cold start.
 */
export function cursorKeySource(): CursorKeySource {
  const c = config();
  if (c.CURSOR_SECRET_ARN) return { kind: 'secrets-manager', arn: c.CURSOR_SECRET_ARN, ...(c.CURSOR_SECRET_VERSION_ID ? { versionId: c.CURSOR_SECRET_VERSION_ID } : {}) };
  if (c.CURSOR_SECRET) return { kind: 'secret', value: c.CURSOR_SECRET };
  throw new Error('Invalid configuration: neither CURSOR_SECRET_ARN nor CURSOR_SECRET is set, and this function signs pagination cursors (give it secret:cursor access in functions/manifest.ts).');
}

/** Environment variable that carries the URL of a manifest queue: `welcome-email` → `QUEUE_URL_WELCOME_EMAIL`. */
export function queueUrlVariable(queue: string): string {
  return `QUEUE_URL_${queue.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The URL of a queue declared in the manifest; throws at first use when the function was not given it. */
export function queueUrl(queue: string): string {
  const url = process.env[queueUrlVariable(queue)];
  if (!url) throw new Error(`Invalid configuration: ${queueUrlVariable(queue)} is not set`);
  return url;
}

/** Forget the parsed configuration (tests that change the environment). */
export function resetConfig(): void {
  cached = undefined;
}
