import { execFileSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../../infra/local/paths';

const cloud = inject('cloud');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

function b64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A JWT signed RS256 with `key` (or unsigned with alg none). */
function jwt(payload: Record<string, unknown>, key: KeyObject | 'none', kid = 'CognitoLocal'): string {
  const header = key === 'none' ? { alg: 'none', typ: 'JWT' } : { alg: 'RS256', typ: 'JWT', kid };
  const input = `${b64url(header)}.${b64url(payload)}`;
  if (key === 'none') return `${input}.`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

/** The emulator's own signing key: tokens signed with it differ from real ones only in what the test changes. */
const emulatorKey = createPrivateKey(
  (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'cognito-local', 'lib', 'keys', 'cognitoLocal.private.json'), 'utf8')) as { pem: string }).pem,
);
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

function claims(over: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: randomUUID(),
    token_use: 'access',
    client_id: cloud.userPoolClientId,
    iss: `https://cognito-idp.us-east-1.amazonaws.com/${cloud.userPoolId}`,
    jti: randomUUID(),
    username: 'someone',
    scope: 'aws.cognito.signin.user.admin',
    iat: now,
    auth_time: now,
    exp: now + 3600,
    ...over,
  };
}

describe('the local cloud', () => {
  it('listens on 127.0.0.1 only, for every port and every child process', () => {
    // Act
    const lines = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const listeners = lines.map((line) => {
      const cols = line.trim().split(/\s+/);
      const local = cols[3] ?? '';
      const at = local.lastIndexOf(':');
      return { address: local.slice(0, at), port: Number(local.slice(at + 1)), pids: [...line.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])) };
    });
    const loopback = (address: string) => address === '127.0.0.1' || address === '[::ffff:127.0.0.1]';
    // Assess
    for (const [name, port] of Object.entries(cloud.ports)) {
      const onPort = listeners.filter((l) => l.port === port);
      expect(onPort.length, `${name} (${port}) is listening`).toBeGreaterThan(0);
      for (const l of onPort) expect(loopback(l.address), `${name} listens on ${l.address}:${port}`).toBe(true);
    }
    for (const pid of [cloud.pids.dynamodb, cloud.pids.cognito]) {
      const own = listeners.filter((l) => l.pids.includes(pid));
      expect(own.length).toBeGreaterThan(0);
      for (const l of own) expect(loopback(l.address), `pid ${pid} listens on ${l.address}:${l.port}`).toBe(true);
    }
  });

  it('answers GET /health through the gateway', async () => {
    const r = await fetch(`${cloud.apiUrl}/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok' });
    expect(r.headers.get('apigw-requestid')).toBeTruthy();
  });
});

describe('the JWT authorizer on non-public routes', () => {
  let accessToken = '';
  let idToken = '';

  beforeAll(async () => {
    // The API's own login: the handlers also check the token against the sessions it records.
    const login = await fetch(`${cloud.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: cloud.admin.email, password: cloud.admin.password }),
    });
    accessToken = ((await login.json()) as { accessToken?: string }).accessToken ?? '';
    // An id token of the same user, straight from Cognito.
    const cognito = new CognitoIdentityProviderClient({ region: 'us-east-1', credentials, endpoint: cloud.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER });
    const out = await cognito.send(
      new InitiateAuthCommand({
        ClientId: cloud.userPoolClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: cloud.admin.email, PASSWORD: cloud.admin.password },
      }),
    );
    idToken = out.AuthenticationResult?.IdToken ?? '';
  });

  it('lets a valid access token through, with the groups as API Gateway passes them', async () => {
    // Act
    const r = await fetch(`${cloud.apiUrl}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    // Assess
    expect(r.status).toBe(200);
    const me = (await r.json()) as { email: string; roles: string[] };
    expect(me.email).toBe(cloud.admin.email);
    expect(me.roles).toContain('admin');
  });

  const refused: [string, () => string | undefined][] = [
    ['no Authorization header', () => undefined],
    ['a malformed token', () => 'Bearer not.a.jwt'],
    ['a token signed with another key', () => `Bearer ${jwt(claims(), otherKey)}`],
    ['an unsigned token (alg none)', () => `Bearer ${jwt(claims(), 'none')}`],
    ['an expired token', () => `Bearer ${jwt(claims({ exp: Math.floor(Date.now() / 1000) - 60 }), emulatorKey)}`],
    ['a token of another issuer', () => `Bearer ${jwt(claims({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other0000' }), emulatorKey)}`],
    ['a token of another app client', () => `Bearer ${jwt(claims({ client_id: 'someotherclient' }), emulatorKey)}`],
    ['an id token', () => `Bearer ${idToken}`],
    ['a token with an unknown key id', () => `Bearer ${jwt(claims(), otherKey, 'unknown-kid')}`],
  ];

  it.each(refused)('refuses %s with 401 before the handler runs, in the function as on AWS', async (_name, header) => {
    // Prepare
    const value = header();
    // Act
    const r = await fetch(`${cloud.apiUrl}/me`, { headers: value ? { authorization: value } : {} });
    // Assess
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.headers.get('www-authenticate')).toEqual(value ? expect.stringMatching(/^Bearer realm="tally", error="invalid_token", error_description="/) : 'Bearer realm="tally"');
    // The function itself refuses the token (no JWT authorizer on AWS either): its answer has the correlation id.
    expect(r.headers.get('x-correlation-id')).not.toBeNull();
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ type: '/docs#problem-unauthorized', title: 'Unauthorized', status: 401, instance: '/me' });
    expect(typeof body.detail).toBe('string');
  });

  it('accepts a token signed with the pool’s key (the refusals above are not about the signature helper)', async () => {
    const r = await fetch(`${cloud.apiUrl}/me`, { headers: { authorization: `Bearer ${jwt(claims(), emulatorKey)}` } });
    expect(r.headers.get('x-correlation-id')).not.toBeNull();
  });
});

describe('the gateway’s own answers', () => {
  it('answers an unknown route with 404 and a known path with another method with 405, from the $default function', async () => {
    const missing = await fetch(`${cloud.apiUrl}/no/such/route`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(await missing.json()).toMatchObject({ status: 404, title: 'Not found' });

    const wrong = await fetch(`${cloud.apiUrl}/health`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(await wrong.json()).toMatchObject({ status: 405 });
  });

  it('answers CORS preflight requests', async () => {
    const r = await fetch(`${cloud.apiUrl}/me`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(r.status).toBe(204);
    // The local cloud allows a dev server on this machine, as a deployment allows its named origins (never * by default).
    expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(r.headers.get('access-control-allow-methods')?.split(',')).toEqual(expect.arrayContaining(['GET', 'PATCH', 'DELETE']));
    expect(r.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
  });

  it('refuses a body over 10 MB with 413 without reading it', async () => {
    // Prepare: announce 11 MB but send only 1 KB; a gateway that waited for the body would never answer.
    const answer = new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
      const req = request(`${cloud.apiUrl}/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(11 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
      });
      req.on('error', reject);
      req.write(Buffer.alloc(1024, 32));
    });
    // Act
    const r = await answer;
    // Assess
    expect(r.status).toBe(413);
    // API Gateway's own answer, not a problem document (infra/local/gateway.ts GATEWAY_ANSWERS).
    expect(r.type).toBe('application/json');
    expect(r.body).toBe('{"message":"Request Entity Too Large"}');
  });
});

describe('the SES v2 endpoint and the outbox', () => {
  it('keeps what the SDK sends and lists it for the recipient', async () => {
    // Prepare
    const to = `outbox-${randomUUID()}@example.com`;
    const ses = new SESv2Client({ region: 'us-east-1', credentials, endpoint: cloud.env.AWS_ENDPOINT_URL_SESV2 });
    // Act
    const sent = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'Tally <no-reply@tally.local>',
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: 'Outbox test' }, Body: { Html: { Data: '<h1>Hello</h1>' }, Text: { Data: 'Hello' } } } },
      }),
    );
    const list = (await (await fetch(`${cloud.consoleUrl}/api/messages?to=${encodeURIComponent(to)}`)).json()) as { items: Record<string, unknown>[] };
    const page = await (await fetch(`${cloud.consoleUrl}/messages/${sent.MessageId ?? ''}`)).text();
    // Assess
    expect(sent.MessageId).toBeTruthy();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: sent.MessageId, to: [to], subject: 'Outbox test', html: '<h1>Hello</h1>', text: 'Hello' });
    expect(page).toContain('sandbox=""');
    expect(page).toContain('&lt;h1&gt;Hello&lt;/h1&gt;');
  });

  it('answers a request SES would refuse with its BadRequestException', async () => {
    const ses = new SESv2Client({ region: 'us-east-1', credentials, endpoint: cloud.env.AWS_ENDPOINT_URL_SESV2, maxAttempts: 1 });
    await expect(
      ses.send(new SendEmailCommand({ FromEmailAddress: 'a@x.test', Destination: { ToAddresses: [] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } } })),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });
});

describe('the console API', () => {
  it('gives the depth of every queue and its DLQ', async () => {
    const r = (await (await fetch(`${cloud.consoleUrl}/api/queues`)).json()) as { items: { name: string; visible: number }[] };
    const names = r.items.map((q) => q.name);
    const queueVars = Object.keys(cloud.env).filter((k) => k.startsWith('QUEUE_URL_'));
    expect(names.length).toBe(queueVars.length * 2);
    for (const q of r.items.filter((x) => !x.name.endsWith('-dlq'))) expect(names).toContain(`${q.name}-dlq`);
    for (const q of r.items) expect(q.visible).toBeGreaterThanOrEqual(0);
  });

  it('runs a scheduled function now', async () => {
    const list = (await (await fetch(`${cloud.consoleUrl}/api/schedules`)).json()) as { items: { name: string; next: string | null }[] };
    expect(list.items.length).toBeGreaterThan(0);
    const first = list.items[0];
    expect(first?.next).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const r = await fetch(`${cloud.consoleUrl}/api/schedules/${first?.name ?? ''}/run`, { method: 'POST' });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ name: first?.name, ok: true });
    expect((await fetch(`${cloud.consoleUrl}/api/schedules/no-such-job/run`, { method: 'POST' })).status).toBe(404);
  });
});
