import { queueUrlVariable } from '../../shared/config';
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
export function localCorsOrigins(consoleUrl: string, configured: string | undefined): string {
  if (configured !== undefined && configured.trim() !== '') return configured;
  return [...LOCAL_DEV_ORIGINS, new URL(consoleUrl).origin].join(',');
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
    CORS_ORIGINS: localCorsOrigins(i.endpoints.sesv2, process.env.CORS_ORIGINS),
  };
  for (const q of i.queues) env[queueUrlVariable(q.name)] = q.url;
  return env;
}
