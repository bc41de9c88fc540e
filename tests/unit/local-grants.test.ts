import { describe, expect, it } from 'vitest';
import { environmentFor } from '../../functions/environment';
import { functions, queues, type FunctionDef } from '../../functions/manifest';
import { baseEnvironment, functionEnvironment, handlerEnvironment, localEnvironmentRefs } from '../../infra/local/env';
import { invoke, manifestFunction } from '../../infra/local/lambda';
import { queueUrlVariable } from '../../shared/queue-variables';

/**
 * The local cloud runs every function in one process, but each invocation sees only its own environmentFor: a
 * function whose manifest entry lacks a grant fails locally as it fails on AWS, naming the missing variable. No
 * emulator is needed: the endpoints point at a closed port, and the failure comes before any call.
 */
const CLOSED = 'http://127.0.0.1:9';
const shared = handlerEnvironment(
  baseEnvironment({ tableName: 'tally', userPoolId: 'us-east-1_local', cursorSecret: 'c'.repeat(40), powertoolsLogLevel: 'SILENT' }),
  {
    userPoolClientId: 'client',
    endpoints: { dynamodb: CLOSED, sqs: CLOSED, cognito: CLOSED, sesv2: CLOSED },
    queues: queues.map(({ name }) => ({ name, url: `${CLOSED}/000000000000/${name}` })),
  },
);

function def(name: string): FunctionDef {
  const found = functions.find((f) => f.name === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
}

function scheduled(): unknown {
  return { version: '0', id: 'e', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '000000000000', time: new Date().toISOString(), region: 'us-east-1', resources: [], detail: {} };
}

describe('local cloud: a function gets only its own environment', () => {
  it('gives each function exactly environmentFor(def) in place of the shared resource variables', () => {
    for (const d of functions) {
      const env = functionEnvironment(d, shared);
      const own = environmentFor(d, localEnvironmentRefs(shared));
      for (const [key, value] of Object.entries(own)) expect(env[key], `${d.name} ${key}`).toBe(value);
      for (const key of ['TABLE_NAME', 'USER_POOL_ID', 'USER_POOL_CLIENT_ID', 'CURSOR_SECRET', 'EMAIL_FROM', 'CORS_ORIGINS']) {
        if (!(key in own)) expect(env[key], `${d.name} ${key}`).toBeUndefined();
      }
      expect(Object.keys(env).filter((k) => k.startsWith('QUEUE_URL_') && !(k in own)), d.name).toEqual([]);
      // What Lambda itself provides stays.
      expect(env.AWS_ENDPOINT_URL_DYNAMODB).toBe(CLOSED);
    }
    expect(functionEnvironment(def('schedule-reports'), shared)[queueUrlVariable('reports')]).toBeDefined();
    expect(functionEnvironment(def('schedule-reports'), shared).TABLE_NAME).toBe('tally');
    expect(functionEnvironment(def('send-notification'), shared)[queueUrlVariable('reports')]).toBeUndefined();
  });

  // A module whose evaluation threw stays failed in this process (as a Lambda whose init failed): each test below loads
  // the handler file of its function without a grant before any granted load of it, and controls with another one.
  it('fails a schedule whose manifest entry lacks table:read with TABLE_NAME named, as on AWS; with the grant it gets past configuration', async () => {
    const full = def('schedule-reports');
    const withoutTable: FunctionDef = { ...full, access: full.access.filter((a) => a !== 'table:read') };
    const bare = await invoke(manifestFunction(withoutTable, functionEnvironment(withoutTable, shared)), scheduled());
    expect(bare.ok).toBe(false);
    if (!bare.ok) expect(bare.error.message).toMatch(/Invalid configuration: TABLE_NAME is not set/);

    // The control: a granted schedule fails later, at the (closed) DynamoDB endpoint, never on its configuration. It
    // gets TABLE_NAME from its own scope alone: this process has none.
    const granted = def('reconcile-analytics');
    const outcome = await invoke({ ...manifestFunction(granted, functionEnvironment(granted, shared)), timeoutSeconds: 5 }, scheduled());
    if (!outcome.ok) expect(outcome.error.message).not.toMatch(/Invalid configuration/);
  });

  it('fails a queue consumer whose manifest entry lacks a grant at cold start, before any message needs it', async () => {
    // The import worker sends continuation messages to its own queue, but only when an import outlasts its time
    // budget: without queue:imports it used to run until that moment. An empty batch touches nothing, so only a
    // check when the module loads can fail it.
    const full = def('import-worker');
    const withoutQueue: FunctionDef = { ...full, access: full.access.filter((a) => a !== 'queue:imports') };
    expect(functionEnvironment(withoutQueue, shared)[queueUrlVariable('imports')]).toBeUndefined();
    const bare = await invoke(manifestFunction(withoutQueue, functionEnvironment(withoutQueue, shared)), { Records: [] });
    expect(bare.ok).toBe(false);
    if (!bare.ok) expect(bare.error.message).toMatch(/Invalid configuration: QUEUE_URL_IMPORTS is not set/);

    // The control: a consumer with its grants answers an empty batch with no failures.
    const granted = def('analytics');
    const outcome = await invoke(manifestFunction(granted, functionEnvironment(granted, shared)), { Records: [] });
    expect(outcome).toMatchObject({ ok: true, result: { batchItemFailures: [] } });
  });

  it('answers 500 from an HTTP function whose entry lacks secret:cursor (it signs cursors), naming nothing to the client', async () => {
    const full = def('transactions-list');
    const withoutSecret: FunctionDef = { ...full, access: full.access.filter((a) => a !== 'secret:cursor') };
    expect(functionEnvironment(withoutSecret, shared).CURSOR_SECRET).toBeUndefined();
    const outcome = await invoke(manifestFunction(withoutSecret, functionEnvironment(withoutSecret, shared)), {
      version: '2.0',
      routeKey: 'GET /transactions',
      rawPath: '/transactions',
      rawQueryString: '',
      headers: {},
      requestContext: { http: { method: 'GET', path: '/transactions' }, requestId: 'r', authorizer: { jwt: { claims: { sub: 'u1', token_use: 'access' } } } },
      isBase64Encoded: false,
    });
    const failed = !outcome.ok || (outcome.result as { statusCode?: number }).statusCode === 500;
    expect(failed).toBe(true);
    if (!outcome.ok) expect(outcome.error.message).toMatch(/CURSOR_SECRET/);
  });
});
