import { queueUrlVariable } from '../shared/queue-variables';
import type { Access, FunctionDef } from './manifest';

/**
 * Where each resource is, as the deployment names it: CDK tokens in the CDK app (infra/constructs/manifest-function.ts),
 * the emulators' names in the local cloud (infra/local/env.ts).
 */
export interface EnvironmentRefs {
  tableName: string;
  userPoolId: string;
  userPoolClientId: string;
  /** The URL of a manifest queue; throws for a queue the deployment does not have. */
  queueUrl: (queue: string) => string;
  /** The cursor key's secret (AWS); wins over {@link cursorSecret}. */
  cursorSecretArn?: string;
  /** A pinned version of that secret. */
  cursorSecretVersionId?: string;
  /** The cursor key itself (local cloud, which has no Secrets Manager). */
  cursorSecret?: string;
  emailFrom: string;
  /**
   * The API's public base URL (PUBLIC_API_URL), given to functions that send email: report emails link to the
   * one-click unsubscribe route under it. Without it those emails carry no link and no List-Unsubscribe headers.
   */
  publicApiUrl?: string;
  /** The web app's address (PUBLIC_WEB_URL), given to functions with `link:web` (the API reference lives there). */
  publicWebUrl?: string;
  /** Comma-separated CORS origins of HTTP functions. */
  corsOrigins: string;
  autoConfirm: boolean;
  powertoolsLogLevel: string;
  /** Set on every function as is (e.g. NODE_OPTIONS on AWS, the Powertools switches of the local cloud). */
  common?: Readonly<Record<string, string>>;
}

/**
 * The manifest's access list plus what the handler factory itself needs: a non-public HTTP function reads the
 * table to check the caller's access token against the session allow-list. `table:write` includes reading.
 */
export function effectiveAccess(def: FunctionDef): Access[] {
  const access = new Set<Access>(def.access);
  if (def.kind === 'http' && def.contract.auth !== 'public') access.add('table:read');
  if (access.has('table:write')) access.delete('table:read');
  return [...access];
}

/**
 * The exact environment of one manifest function: a variable for each resource its access list grants (TABLE_NAME
 * with table access, QUEUE_URL_<X> with queue:<x>, USER_POOL_* and AUTO_CONFIRM with Cognito access, the cursor key
 * with secret:cursor, EMAIL_FROM and PUBLIC_API_URL with email:send), CORS_ORIGINS for HTTP functions, USER_POOL_ID and
 * USER_POOL_CLIENT_ID for HTTP functions behind a token (they verify it), the Powertools logger's settings for all and
 * the metrics namespace for the functions that publish metrics (queue, stream, schedule: shared/metrics.ts).
 * The CDK construct and the local cloud both call it, so a grant missing from the manifest fails in both.
 */
export function environmentFor(def: FunctionDef, refs: EnvironmentRefs): Record<string, string> {
  const env: Record<string, string> = {
    ...refs.common,
    POWERTOOLS_SERVICE_NAME: def.name,
    POWERTOOLS_LOG_LEVEL: refs.powertoolsLogLevel,
  };
  if (def.kind !== 'http') env.POWERTOOLS_METRICS_NAMESPACE = 'Tally';
  if (def.kind === 'http') env.CORS_ORIGINS = refs.corsOrigins;
  if (callsPublicCognito(def)) cognito(env, refs);
  // A route behind a token verifies it in the function (shared/http/identity.ts): it needs the pool and its client.
  if (def.kind === 'http' && def.contract.auth !== 'public') {
    env.USER_POOL_ID = refs.userPoolId;
    env.USER_POOL_CLIENT_ID = refs.userPoolClientId;
  }
  for (const access of effectiveAccess(def)) {
    if (access === 'table:read' || access === 'table:write') {
      env.TABLE_NAME = refs.tableName;
    } else if (access.startsWith('cognito:')) {
      cognito(env, refs);
    } else if (access === 'secret:cursor') {
      if (refs.cursorSecretArn) {
        env.CURSOR_SECRET_ARN = refs.cursorSecretArn;
        if (refs.cursorSecretVersionId) env.CURSOR_SECRET_VERSION_ID = refs.cursorSecretVersionId;
      } else if (refs.cursorSecret) {
        env.CURSOR_SECRET = refs.cursorSecret;
      }
    } else if (access === 'email:send') {
      env.EMAIL_FROM = refs.emailFrom;
      if (refs.publicApiUrl) env.PUBLIC_API_URL = refs.publicApiUrl;
    } else if (access === 'link:web') {
      if (refs.publicWebUrl) env.PUBLIC_WEB_URL = refs.publicWebUrl;
    } else if (access.startsWith('queue:')) {
      const name = access.slice('queue:'.length);
      env[queueUrlVariable(name)] = refs.queueUrl(name);
    } else {
      throw new Error(`Manifest function "${def.name}": unknown access "${access as string}".`);
    }
  }
  return env;
}

function cognito(env: Record<string, string>, refs: EnvironmentRefs): void {
  env.USER_POOL_ID = refs.userPoolId;
  env.USER_POOL_CLIENT_ID = refs.userPoolClientId;
  env.AUTO_CONFIRM = String(refs.autoConfirm);
}

/**
 * The /auth/ routes call Cognito's public operations (InitiateAuth, ChangePassword, …), which need the pool's ids but
 * no IAM grant, so no `cognito:*` access names them.
 */
function callsPublicCognito(def: FunctionDef): boolean {
  return def.kind === 'http' && def.routes.some((r) => r.path.startsWith('/auth/'));
}

/** Stand-ins for {@link requiredVariables}: only the names of the variables matter there. */
const PLACEHOLDER_REFS: EnvironmentRefs = {
  tableName: '-',
  userPoolId: '-',
  userPoolClientId: '-',
  queueUrl: () => '-',
  cursorSecret: '-',
  emailFrom: '-',
  corsOrigins: '-',
  autoConfirm: false,
  powertoolsLogLevel: '-',
};

/**
 * The variables a function cannot run without, as its access list implies them through {@link environmentFor}:
 * TABLE_NAME, USER_POOL_*, each QUEUE_URL_<X>, and CURSOR_SECRET standing for the cursor key (CURSOR_SECRET or
 * CURSOR_SECRET_ARN). Variables with a default (EMAIL_FROM, CORS_ORIGINS, AUTO_CONFIRM, Powertools) are not listed.
 * A handler factory checks these when its module loads (shared/config.ts `requireVariables`).
 */
export function requiredVariables(def: FunctionDef): string[] {
  const env = environmentFor(def, PLACEHOLDER_REFS);
  return Object.keys(env).filter((name) => ['TABLE_NAME', 'USER_POOL_ID', 'USER_POOL_CLIENT_ID', 'CURSOR_SECRET'].includes(name) || name.startsWith('QUEUE_URL_'));
}
