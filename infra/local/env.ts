import { environmentFor, type EnvironmentRefs } from '../../functions/environment';
import type { FunctionDef } from '../../functions/manifest';
import { QUEUE_URL_PREFIX, queueUrlVariable } from '../../shared/queue-variables';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws';
import type { QueueInfo } from './sqs';

/** The settings of the handlers known before any emulator is up. */
export function baseEnvironment(i: { tableName: string; userPoolId: string; cursorSecret: string; powertoolsLogLevel: string; autoConfirm?: boolean }): Record<string, string> {
  return {
    TABLE_NAME: i.tableName,
    USER_POOL_ID: i.userPoolId,
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AUTO_CONFIRM: String(i.autoConfirm ?? true),
    CURSOR_SECRET: i.cursorSecret,
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: i.powertoolsLogLevel,
    POWERTOOLS_SERVICE_NAME: 'tally',
  };
}

/** Origins of a web app's dev server on this machine (Vite's default port), allowed by the local cloud's CORS. */
export const LOCAL_DEV_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173'];

/**
 * The browser origins the local cloud allows: the operator's CORS_ORIGINS when set, else a web app's dev server on
 * this machine and the local console. Never `*` unless asked for: the local cloud behaves as a deployment does.
 */
export function localCorsOrigins(consoleUrl: string, configured: string | undefined, webUrl?: string): string {
  if (configured !== undefined && configured.trim() !== '') return configured;
  return [...LOCAL_DEV_ORIGINS, new URL(consoleUrl).origin, ...(webUrl ? [new URL(webUrl).origin] : [])].join(',');
}

/**
 * The environment every handler sees in the local cloud: what CDK gives each function on AWS (table, pool, client,
 * queue URLs, CORS origins) plus the SDK's service-specific endpoint variables, which point the unchanged AWS SDK
 * clients at the local emulators. The cursor key is always set explicitly (baseEnvironment): handlers have no default.
 */
export function handlerEnvironment(
  base: Record<string, string>,
  i: {
    userPoolClientId: string;
    endpoints: { dynamodb: string; sqs: string; cognito: string; sesv2: string };
    queues: Pick<QueueInfo, 'name' | 'url'>[];
    /** The local web app's address: its origin may call the API. */
    webUrl?: string;
  },
): Record<string, string> {
  const env: Record<string, string> = {
    ...base,
    USER_POOL_CLIENT_ID: i.userPoolClientId,
    AWS_ENDPOINT_URL_DYNAMODB: i.endpoints.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: i.endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: i.endpoints.sqs,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: i.endpoints.cognito,
    AWS_ENDPOINT_URL_SESV2: i.endpoints.sesv2,
    // The console serves the SES endpoint; the gateway reads the same setting for its preflight answers.
    CORS_ORIGINS: localCorsOrigins(i.endpoints.sesv2, process.env.CORS_ORIGINS, i.webUrl),
    ...(i.webUrl ? { PUBLIC_WEB_URL: i.webUrl } : {}),
  };
  for (const q of i.queues) env[queueUrlVariable(q.name)] = q.url;
  return env;
}

/** Variables environmentFor decides per function: removed from the shared environment before its result is added. */
const PER_FUNCTION = new Set([
  'TABLE_NAME',
  'USER_POOL_ID',
  'USER_POOL_CLIENT_ID',
  'AUTO_CONFIRM',
  'CURSOR_SECRET',
  'CURSOR_SECRET_ARN',
  'CURSOR_SECRET_VERSION_ID',
  'EMAIL_FROM',
  'PUBLIC_API_URL',
  'PUBLIC_WEB_URL',
  'CORS_ORIGINS',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_NAMESPACE',
  'POWERTOOLS_LOG_LEVEL',
]);

/** The local cloud's resources, read from its shared handler environment ({@link handlerEnvironment}). */
export function localEnvironmentRefs(shared: Readonly<Record<string, string | undefined>>): EnvironmentRefs {
  const need = (name: string): string => {
    const value = shared[name];
    if (value === undefined) throw new Error(`The local cloud's handler environment has no ${name}`);
    return value;
  };
  return {
    tableName: need('TABLE_NAME'),
    userPoolId: need('USER_POOL_ID'),
    userPoolClientId: need('USER_POOL_CLIENT_ID'),
    queueUrl: (queue) => need(queueUrlVariable(queue)),
    cursorSecret: need('CURSOR_SECRET'),
    emailFrom: shared.EMAIL_FROM ?? 'Tally <no-reply@tally.local>',
    ...(shared.PUBLIC_API_URL ? { publicApiUrl: shared.PUBLIC_API_URL } : {}),
    ...(shared.PUBLIC_WEB_URL ? { publicWebUrl: shared.PUBLIC_WEB_URL } : {}),
    corsOrigins: shared.CORS_ORIGINS ?? '',
    autoConfirm: shared.AUTO_CONFIRM === 'true',
    powertoolsLogLevel: shared.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  };
}

/**
 * The environment one function runs with in the local cloud: the shared settings that Lambda itself provides on AWS
 * (region, credentials, the SDK endpoint variables, Powertools switches), with every variable environmentFor
 * decides replaced by environmentFor's answer for this function, exactly as the CDK construct computes it.
 */
export function functionEnvironment(def: FunctionDef, shared: Readonly<Record<string, string | undefined>>, refs: EnvironmentRefs = localEnvironmentRefs(shared)): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(shared)) {
    if (value === undefined || PER_FUNCTION.has(key) || key.startsWith(QUEUE_URL_PREFIX)) continue;
    env[key] = value;
  }
  return { ...env, ...environmentFor(def, refs) };
}
