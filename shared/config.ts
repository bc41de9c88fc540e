import { QUEUE_URL_PREFIX, queueUrlVariable } from './queue-variables';

export { queueUrlVariable } from './queue-variables';

/**
 * How one variable is read: unset it is `undefined`, or its `default`; set, it must be at least `minLength`
 * characters and, with `oneOf`, one of those values. The environment is a flat map of strings, so this table is the
 * whole schema; it is read without zod on purpose: building and running a zod object of 22 fields cost about 2 ms of
 * every cold start (a twentieth of a function's import, measured by `npm run bench -- bundles`), for checks this
 * small loop makes.
 */
interface Variable {
  readonly minLength?: number;
  readonly oneOf?: readonly string[];
  readonly default?: string;
}

const FLAG = { oneOf: ['true', 'false'], default: 'false' } as const;
const SET = { minLength: 1 } as const;

/**
 * Every variable a function reads. This module is the only reader of `process.env` in shared/ and functions/: it
 * parses the environment once, when it loads (the cold start), and fails there with every malformed variable named.
 * A variable that only some functions get (functions/environment.ts: TABLE_NAME with table access, USER_POOL_* with
 * Cognito access) is optional here, and reading it in a function that was not given it throws the same
 * configuration error naming it ({@link config}).
 */
const VARIABLES = {
  /** The DynamoDB table of the whole app (single-table design; see shared/adapters/keys.ts); `table:*` access. */
  TABLE_NAME: SET,
  /** The user pool; `cognito:*` access. */
  USER_POOL_ID: SET,
  /** The app client of the user pool; `cognito:*` access. */
  USER_POOL_CLIENT_ID: SET,
  /**
   * The key that signs pagination cursors (any string ≥ 32 chars), given directly: the local cloud (which sets its
   * own, random per data folder) and tests. On AWS it is read from Secrets Manager instead (CURSOR_SECRET_ARN),
   * which wins when both are set. There is no default: a function that signs cursors without either fails at cold
   * start ({@link cursorKeySource}).
   */
  CURSOR_SECRET: { minLength: 32 },
  /** The Secrets Manager secret holding the cursor key (read through the secrets extension, shared/adapters/secrets.ts). */
  CURSOR_SECRET_ARN: SET,
  /** A version of that secret to pin (after a manual rotation); the current one when unset. */
  CURSOR_SECRET_VERSION_ID: SET,
  /** The API's public base URL (https://…), for links in emails (report unsubscribe); without it, reports carry none. */
  PUBLIC_API_URL: SET,
  PUBLIC_WEB_URL: SET,
  /** Sender of every email. */
  EMAIL_FROM: { default: 'Tally <no-reply@tally.local>' },
  /**
   * Comma-separated browser origins allowed by CORS, or `*` (only when a deployment names it). None when unset: the
   * CDK app sets the deployment's list, the local cloud its own loopback origins.
   */
  CORS_ORIGINS: { default: '' },
  /** When `true`, sign-up confirms the account at once (local cloud, or AWS with auto-confirm chosen). */
  AUTO_CONFIRM: FLAG,
  /** Powertools logger service name (CDK: the function's name); the Logger reads POWERTOOLS_LOG_LEVEL itself. */
  POWERTOOLS_SERVICE_NAME: { default: 'tally' },
  /** Powertools metrics namespace. */
  POWERTOOLS_METRICS_NAMESPACE: { default: 'Tally' },
  /** `false` turns off the AWS-call subsegments of shared/tracing.ts (the local cloud, tests). */
  POWERTOOLS_TRACE_ENABLED: {},
  /** Set by Lambda: the function's name (tracing runs only inside Lambda). */
  AWS_LAMBDA_FUNCTION_NAME: {},
  /** Set by Lambda with active tracing: `host:port` of the X-Ray daemon. */
  AWS_XRAY_DAEMON_ADDRESS: {},
  /** Set by Lambda: the region (recorded on trace subsegments). */
  AWS_REGION: {},
  /** Set by Lambda: the session token the Parameters and Secrets extension accepts. */
  AWS_SESSION_TOKEN: {},
  /** Port of the Parameters and Secrets extension. */
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: { default: '2773' },
  /**
   * The SDK's endpoint variable for Cognito (the local cloud points it at its emulator): HTTP functions then also
   * fetch the pool's token-signing keys (JWKS) from there instead of the issuer's address on AWS.
   */
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: SET,
  /** Where the ECB daily reference rates are fetched (tests point it at a local server). */
  ECB_DAILY_URL: SET,
  /**
   * `true`: every DynamoDB call asks for its consumed capacity (ReturnConsumedCapacity INDEXES) and reports it
   * (shared/adapters/dynamo.ts): a diagnostic for `npm run capacity`, off by default (it adds a few bytes per call).
   */
  REPORT_CONSUMED_CAPACITY: FLAG,
} as const satisfies Record<string, Variable>;

/** What a variable reads as: one of its values, a string, and `undefined` when it has no default. */
type ValueOf<V extends Variable> = (V extends { oneOf: readonly (infer O)[] } ? O : string) | (V extends { default: string } ? never : undefined);
type Parsed = { readonly [K in keyof typeof VARIABLES]: ValueOf<(typeof VARIABLES)[K]> };

/** What is wrong with one variable's value, or undefined when it reads well. */
function problemOf(value: string, spec: Variable): string | undefined {
  if (spec.minLength !== undefined && value.length < spec.minLength) return spec.minLength === 1 ? 'must not be empty when set' : `must be at least ${spec.minLength} characters`;
  if (spec.oneOf && !spec.oneOf.includes(value)) return `must be one of ${spec.oneOf.map((o) => `"${o}"`).join(', ')}`;
  return undefined;
}

/** Variables given only with an access grant: reading one a function was not given throws. */
const GRANTED = ['TABLE_NAME', 'USER_POOL_ID', 'USER_POOL_CLIENT_ID'] as const;

/** The configuration; a granted variable (TABLE_NAME, USER_POOL_*) reads as a string or throws naming it. */
export type Config = Omit<Parsed, (typeof GRANTED)[number]> & Record<(typeof GRANTED)[number], string> & { readonly queueUrls: Readonly<Record<string, string>> };

function missing(name: string): Error {
  return new Error(`Invalid configuration: ${name} is not set (the function's access list in functions/manifest.ts does not grant it)`);
}

/**
 * Parses an environment: throws with every malformed variable named. Granted variables that are absent become
 * getters that throw {@link missing}; queue URLs are collected from every `QUEUE_URL_*` variable.
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const problems: string[] = [];
  const result: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(VARIABLES) as [string, Variable][]) {
    const value = env[name] ?? spec.default;
    const problem = value === undefined ? undefined : problemOf(value, spec);
    if (problem) problems.push(`${name}: ${problem}`);
    else if (value !== undefined) result[name] = value;
  }
  if (problems.length > 0) throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  const queueUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (key.startsWith(QUEUE_URL_PREFIX) && value) queueUrls[key] = value;
  result.queueUrls = Object.freeze(queueUrls);
  for (const name of GRANTED) {
    if (result[name] !== undefined) continue;
    delete result[name];
    Object.defineProperty(result, name, {
      enumerable: false,
      get: () => {
        throw missing(name);
      },
    });
  }
  return Object.freeze(result) as Config;
}

// Parsed when this module loads: a malformed variable fails the cold start.
let loaded: Config = parseConfig(process.env);
let scope: (() => Config | undefined) | undefined;

/**
 * The process's configuration, parsed from `process.env` once, when this module loaded (the cold start). Inside an
 * invocation of the local cloud, the configuration of the invoked function alone ({@link setConfigScope}).
 */
export function config(): Config {
  return scope?.() ?? loaded;
}

/**
 * Lets the local cloud, which runs every function in one process, give each invocation the configuration of its own
 * function (parsed from its environmentFor), so a variable the function was not granted is missing as on AWS.
 */
export function setConfigScope(provider: (() => Config | undefined) | undefined): void {
  scope = provider;
}

/**
 * Whether DynamoDB calls report their consumed capacity (REPORT_CONSUMED_CAPACITY). A process-wide switch: set on
 * the function (AWS) or on the process running the local cloud, whose per-invocation configurations do not carry it.
 */
export function reportsConsumedCapacity(): boolean {
  return config().REPORT_CONSUMED_CAPACITY === 'true' || loaded.REPORT_CONSUMED_CAPACITY === 'true';
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

/** The URL of a queue declared in the manifest; throws at first use when the function was not given it. */
export function queueUrl(queue: string): string {
  const url = config().queueUrls[queueUrlVariable(queue)];
  if (!url) throw missing(queueUrlVariable(queue));
  return url;
}

/**
 * Runs every check (each reads what a function needs, e.g. `() => config().TABLE_NAME`) and throws one configuration
 * error naming everything missing: called when a handler module loads, so the cold start fails with the whole list.
 */
export function requireAtColdStart(checks: readonly (() => unknown)[]): void {
  const problems: string[] = [];
  for (const check of checks) {
    try {
      check();
    } catch (e) {
      problems.push((e as Error).message.replace(/^Invalid configuration: /, ''));
    }
  }
  if (problems.length > 0) throw new Error(`Invalid configuration: ${problems.join('; ')}`);
}

/**
 * Checks, at cold start, that every variable of `names` is set (functions/environment.ts `requiredVariables` of the
 * function's manifest entry: TABLE_NAME, USER_POOL_*, QUEUE_URL_<X>, and CURSOR_SECRET standing for either source of
 * the cursor key), throwing one configuration error naming all that are missing.
 */
export function requireVariables(names: readonly string[]): void {
  requireAtColdStart(
    names.map((name) => {
      if (name === 'CURSOR_SECRET') return cursorKeySource;
      if ((GRANTED as readonly string[]).includes(name)) return () => config()[name as (typeof GRANTED)[number]];
      if (name.startsWith(QUEUE_URL_PREFIX)) {
        return () => {
          if (!config().queueUrls[name]) throw missing(name);
        };
      }
      return () => {
        throw new Error(`Invalid configuration: ${name} is not a variable this module knows how to check`);
      };
    }),
  );
}

/** Parse `process.env` again (the local cloud once its emulators are up; tests that change the environment). */
export function resetConfig(): void {
  loaded = parseConfig(process.env);
}
