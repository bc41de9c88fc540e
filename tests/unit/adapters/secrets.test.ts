import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * The secrets adapter against a stand-in for the AWS Parameters and Secrets Lambda Extension: a real HTTP server
 * on 127.0.0.1 answering GET /secretsmanager/get as the extension does (and refusing calls without the token).
 */
const ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:tally-cursor-AbCdEf';
const KEY = 'e'.repeat(64);
const OLD_KEY = 'o'.repeat(64);
const calls: { url: string; token: string | undefined }[] = [];
let server: Server;

function answer(req: IncomingMessage): { status: number; body: unknown } {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.headers['x-aws-parameters-secrets-token'] !== 'session-token') return { status: 401, body: { message: 'missing token' } };
  if (url.pathname !== '/secretsmanager/get') return { status: 404, body: {} };
  const id = url.searchParams.get('secretId');
  if (id !== ARN) return { status: 400, body: { message: `no secret ${id ?? ''}` } };
  const version = url.searchParams.get('versionId');
  return { status: 200, body: { ARN, Name: 'tally-cursor', SecretString: version === 'v-old' ? OLD_KEY : KEY, VersionId: version ?? 'v-now' } };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    calls.push({ url: req.url ?? '', token: req.headers['x-aws-parameters-secrets-token'] as string | undefined });
    const { status, body } = answer(req);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String((server.address() as AddressInfo).port),
    AWS_SESSION_TOKEN: 'session-token',
    TABLE_NAME: 't',
    USER_POOL_ID: 'us-east-1_x',
    USER_POOL_CLIENT_ID: 'c',
    CURSOR_SECRET_ARN: ARN,
  });
  // config.ts parses the environment once: again after changing it (here and below).
  (await import('../../../shared/config')).resetConfig();
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(async () => {
  calls.length = 0;
  (await import('../../../shared/adapters/secrets')).clearSecretCache();
});

describe('secrets through the Lambda extension', () => {
  it('reads a SecretString with the session token, then serves it from memory for five minutes', async () => {
    const { secretString } = await import('../../../shared/adapters/secrets');
    const t0 = Date.now();
    expect(await secretString(ARN, undefined, t0)).toBe(KEY);
    expect(await secretString(ARN, undefined, t0 + 60_000)).toBe(KEY);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual({ url: `/secretsmanager/get?secretId=${encodeURIComponent(ARN)}`, token: 'session-token' });
    expect(await secretString(ARN, undefined, t0 + 5 * 60_000 + 1)).toBe(KEY);
    expect(calls).toHaveLength(2);
    expect(await secretString(ARN, 'v-old', t0)).toBe(OLD_KEY);
    expect(calls[2]?.url).toContain('versionId=v-old');
  });

  it('says what went wrong when the extension refuses or is not there', async () => {
    const { secretString } = await import('../../../shared/adapters/secrets');
    const { resetConfig } = await import('../../../shared/config');
    await expect(secretString('arn:aws:secretsmanager:us-east-1:111111111111:secret:other')).rejects.toThrow(/answered 400/);
    const token = process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_SESSION_TOKEN;
    resetConfig();
    await expect(secretString(ARN)).rejects.toThrow(/AWS_SESSION_TOKEN/);
    process.env.AWS_SESSION_TOKEN = token;
    resetConfig();
    const port = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const free = String((closed.address() as AddressInfo).port);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT = free;
    resetConfig();
    await expect(secretString(ARN)).rejects.toThrow(/did not answer/);
    process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT = port;
    resetConfig();
  });

  it('signs cursors with the key from Secrets Manager when CURSOR_SECRET_ARN is set', async () => {
    const { encodeCursor, decodeCursor } = await import('../../../shared/adapters/cursor');
    const cursor = await encodeCursor('u1', { q: 'a' }, { sk: 'TX#1' });
    const [payload, signature] = cursor.split('.');
    expect(signature).toBe(createHmac('sha256', KEY).update(payload ?? '').digest('base64url'));
    await expect(decodeCursor(cursor, 'u1', { q: 'a' })).resolves.toEqual({ sk: 'TX#1' });
    // A cursor signed with the local default key is not accepted on AWS.
    const local = createHmac('sha256', 'tally-local-cursor-secret-change-me-0000').update(payload ?? '').digest('base64url');
    await expect(decodeCursor(`${payload}.${local}`, 'u1', { q: 'a' })).rejects.toThrow(/cursor/);
  });
});
