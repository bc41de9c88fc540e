import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';

/**
 * No built-in cursor key and no CORS wildcard by default: a function that signs cursors without a configured key
 * fails at cold start (when its handler module is loaded), and an unset CORS_ORIGINS allows no browser origin.
 */
const BASE = { TABLE_NAME: 't', USER_POOL_ID: 'us-east-1_x', USER_POOL_CLIENT_ID: 'c', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_TRACE_ENABLED: 'false', POWERTOOLS_LOG_LEVEL: 'SILENT' };
const VARIABLES = ['CURSOR_SECRET', 'CURSOR_SECRET_ARN', 'CURSOR_SECRET_VERSION_ID', 'CORS_ORIGINS'];
let saved: Record<string, string | undefined>;

beforeEach(async () => {
  saved = Object.fromEntries(VARIABLES.map((k) => [k, process.env[k]]));
  for (const k of VARIABLES) delete process.env[k];
  Object.assign(process.env, BASE);
  (await import('../../shared/config')).resetConfig();
});
afterEach(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  (await import('../../shared/config')).resetConfig();
});

async function cursorRouteHandler() {
  const { httpHandler } = await import('../../shared/http/handler');
  const { route } = await import('../../shared/contracts/route');
  return httpHandler(route({ summary: 's', auth: 'public', query: z.object({ cursor: z.optional(z.string()) }) }), async () => ({ body: {} }));
}

describe('configuration', () => {
  it('has no default cursor key: without CURSOR_SECRET or CURSOR_SECRET_ARN, a cursor-signing handler fails at cold start', async () => {
    const { cursorKeySource } = await import('../../shared/config');
    expect(() => cursorKeySource()).toThrow(/neither CURSOR_SECRET_ARN nor CURSOR_SECRET/);
    await expect(cursorRouteHandler()).rejects.toThrow(/Invalid configuration/);
  });

  it('takes the key from Secrets Manager when its ARN is set, else the explicit key', async () => {
    const { cursorKeySource, resetConfig } = await import('../../shared/config');
    process.env.CURSOR_SECRET = 'k'.repeat(40);
    resetConfig();
    expect(cursorKeySource()).toEqual({ kind: 'secret', value: 'k'.repeat(40) });
    await expect(cursorRouteHandler()).resolves.toBeTypeOf('function');
    process.env.CURSOR_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:CursorSecret-abc';
    resetConfig();
    expect(cursorKeySource()).toEqual({ kind: 'secrets-manager', arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:CursorSecret-abc' });
  });

  it('refuses a cursor key shorter than 32 characters', async () => {
    const { resetConfig } = await import('../../shared/config');
    process.env.CURSOR_SECRET = 'short';
    expect(() => resetConfig()).toThrow(/CURSOR_SECRET/);
  });

  it('parses the environment once, when config.ts loads: a handler module fails at import with every bad variable named', async () => {
    const { vi } = await import('vitest');
    process.env.CURSOR_SECRET = 'short';
    process.env.AUTO_CONFIRM = 'maybe';
    vi.resetModules();
    const failed = await import('../../functions/http/me/get').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    delete process.env.AUTO_CONFIRM;
    vi.resetModules();
    expect(failed?.message).toMatch(/Invalid configuration: .*CURSOR_SECRET.*AUTO_CONFIRM|Invalid configuration: .*AUTO_CONFIRM.*CURSOR_SECRET/);
  });

  it('fails a handler module at import, naming every missing variable: TABLE_NAME and the cursor key of a listing behind a token', async () => {
    const { vi } = await import('vitest');
    delete process.env.TABLE_NAME;
    vi.resetModules();
    const failed = await import('../../functions/http/transactions/list').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    process.env.TABLE_NAME = BASE.TABLE_NAME;
    vi.resetModules();
    expect(failed?.message).toMatch(/^Invalid configuration: TABLE_NAME is not set.*; neither CURSOR_SECRET_ARN nor CURSOR_SECRET is set/);
    process.env.CURSOR_SECRET = 'k'.repeat(40);
    await expect(import('../../functions/http/transactions/list')).resolves.toHaveProperty('handler');
  });

  it('names every malformed variable and what it must be; unset variables take their defaults', async () => {
    const { parseConfig } = await import('../../shared/config');
    expect(() => parseConfig({ TABLE_NAME: '', AUTO_CONFIRM: 'yes', CURSOR_SECRET: 'k'.repeat(31) })).toThrow(
      'Invalid configuration: TABLE_NAME: must not be empty when set; CURSOR_SECRET: must be at least 32 characters; AUTO_CONFIRM: must be one of "true", "false"',
    );
    const defaults = parseConfig({});
    expect(defaults).toMatchObject({ AUTO_CONFIRM: 'false', REPORT_CONSUMED_CAPACITY: 'false', CORS_ORIGINS: '', POWERTOOLS_SERVICE_NAME: 'tally', PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '2773' });
    expect(defaults.CURSOR_SECRET).toBeUndefined();
    expect(parseConfig({ CORS_ORIGINS: '', AUTO_CONFIRM: 'true' })).toMatchObject({ CORS_ORIGINS: '', AUTO_CONFIRM: 'true' });
  });

  it('reads a variable the function was not granted as a configuration error naming it, never as undefined', async () => {
    const { parseConfig, queueUrl, setConfigScope } = await import('../../shared/config');
    const granted = parseConfig({ TABLE_NAME: 't' });
    expect(granted.TABLE_NAME).toBe('t');
    const bare = parseConfig({});
    expect(() => bare.TABLE_NAME).toThrow(/Invalid configuration: TABLE_NAME is not set/);
    expect(() => bare.USER_POOL_CLIENT_ID).toThrow(/USER_POOL_CLIENT_ID is not set/);
    setConfigScope(() => bare);
    try {
      expect(() => queueUrl('imports')).toThrow(/QUEUE_URL_IMPORTS is not set/);
    } finally {
      setConfigScope(undefined);
    }
  });

  it('allows no browser origin when CORS_ORIGINS is unset, and only the named ones when set', async () => {
    const { corsHeaders } = await import('../../shared/http/cors');
    const { resetConfig } = await import('../../shared/config');
    expect(corsHeaders('https://evil.example')).toEqual({});
    process.env.CORS_ORIGINS = 'https://app.tally.example, https://admin.tally.example';
    resetConfig();
    expect(corsHeaders('https://app.tally.example')).toEqual({ 'access-control-allow-origin': 'https://app.tally.example', vary: 'Origin' });
    expect(corsHeaders('https://evil.example')).toEqual({});
    expect(corsHeaders(undefined)).toEqual({});
  });
});
