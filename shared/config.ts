import * as z from 'zod/mini';

const Env = z.object({
  /** The DynamoDB table of the whole app (single-table design; see shared/adapters/keys.ts). */
  TABLE_NAME: z.string().check(z.minLength(1)),
  USER_POOL_ID: z.string().check(z.minLength(1)),
  USER_POOL_CLIENT_ID: z.string().check(z.minLength(1)),
  /**
   * The key that signs pagination cursors (any string ≥ 32 chars), given directly: the local cloud and tests.
   * On AWS it is read from Secrets Manager instead (CURSOR_SECRET_ARN), which wins when both are set.
   */
  CURSOR_SECRET: z._default(z.string().check(z.minLength(32)), 'tally-local-cursor-secret-change-me-0000'),
  /** The Secrets Manager secret holding the cursor key (read through the secrets extension, shared/adapters/secrets.ts). */
  CURSOR_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  /** A version of that secret to pin (after a manual rotation); the current one when unset. */
  CURSOR_SECRET_VERSION_ID: z.optional(z.string().check(z.minLength(1))),
  /** Sender of every email. */
  EMAIL_FROM: z._default(z.string(), 'Tally <no-reply@tally.local>'),
  /** Comma-separated allowed CORS origins, or `*`. */
  CORS_ORIGINS: z._default(z.string(), '*'),
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
