import { createPrivateKey, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { admin, call, eventually, newUser, outbox } from '../support/api';

/** The local Cognito emulator's own signing key: tokens signed with it pass the signature check. */
const emulatorKey = createPrivateKey({ key: JSON.parse(readFileSync('node_modules/cognito-local/lib/keys/cognitoLocal.private.json', 'utf8')).jwk, format: 'jwk' });
const strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

/** A JWT with the given claims: signed RS256 with `key` (the emulator's by default), or unsigned (`alg: none`). */
function forge(claims: Record<string, unknown>, alg: 'RS256' | 'none' = 'RS256', key: KeyObject = emulatorKey): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = enc({ alg, typ: 'JWT', kid: 'CognitoLocal' });
  const body = enc(claims);
  if (alg === 'none') return `${head}.${body}.`;
  const sig = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key).toString('base64url');
  return `${head}.${body}.${sig}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

describe('registration and sign-in', () => {
  it('registers, signs in, and shows the profile; the user joins the user role', async () => {
    const u = await newUser('Ada');
    const me = await call('GET', '/me', { token: u.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ userId: u.userId, email: u.email, name: 'Ada', baseCurrency: 'EUR', roles: ['user'] });
  });

  it('answers /users/register like /auth/register', async () => {
    const res = await call('POST', '/users/register', { body: { email: `alias-${Date.now()}@example.com`, password: 'Another-Pass-77' } });
    expect(res.status).toBe(201);
    expect(res.body.userId).toMatch(/[0-9a-f-]{36}/);
  });

  it('names the password rule a weak password breaks', async () => {
    const res = await call('POST', '/auth/register', { body: { email: `weak-${Date.now()}@example.com`, password: 'alllowercase' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.detail).toMatch(/uppercase letter/);
    expect(res.body.detail).toMatch(/digit/);
  });

  it('answers an existing email like a new one (201), without touching the account', async () => {
    const u = await newUser();
    const res = await call('POST', '/auth/register', { body: { email: u.email, password: 'Another-Pass-77' } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['confirmed', 'email', 'userId']);
    expect(res.body.userId).not.toBe(u.userId);
    expect((await call('POST', '/auth/login', { body: { email: u.email, password: u.password } })).status).toBe(200);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const u = await newUser();
    const wrong = await call('POST', '/auth/login', { body: { email: u.email, password: 'Wrong-Password-1' } });
    const unknown = await call('POST', '/auth/login', { body: { email: `nobody-${Date.now()}@example.com`, password: 'Wrong-Password-1' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('sends a welcome email through the queue to the outbox', async () => {
    const u = await newUser('Grace');
    const mail = await eventually(async () => (await outbox(u.email)).find((m) => /Welcome/.test(m.subject)), 15_000, 'welcome email');
    expect(mail.text).toContain('Hello Grace');
    expect(mail.html).toContain('<html');
  });
});

describe('tokens', () => {
  it('refreshes, and after logout refuses the access token and its refresh token at once', async () => {
    const u = await newUser();
    const refreshed = await call('POST', '/auth/refresh', { body: { refreshToken: u.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect((await call('GET', '/me', { token: refreshed.body.accessToken })).status).toBe(200);

    expect((await call('POST', '/auth/logout', { token: u.accessToken })).status).toBe(204);
    expect((await call('GET', '/me', { token: u.accessToken })).status).toBe(401);
    // The refreshed token belongs to the same session: it is signed out too.
    expect((await call('GET', '/me', { token: refreshed.body.accessToken })).status).toBe(401);
    expect((await call('POST', '/auth/refresh', { body: { refreshToken: u.refreshToken } })).status).toBe(401);
  });

  it('logging out one session leaves the others working', async () => {
    const u = await newUser();
    const second = await call('POST', '/auth/login', { body: { email: u.email, password: u.password } });
    await call('POST', '/auth/logout', { token: u.accessToken });
    expect((await call('GET', '/me', { token: second.body.accessToken })).status).toBe(200);
  });

  it('refuses expired, foreign-key, alg:none, wrong-issuer and wrong-audience tokens with 401', async () => {
    const u = await newUser();
    const real = claimsOf(u.accessToken);
    const now = Math.floor(Date.now() / 1000);
    // The control: the same claims signed with the emulator's key are accepted…
    expect((await call('GET', '/me', { token: forge(real) })).status).toBe(200);
    // …and each of these differs from a valid token in one way only.
    const tokens = {
      expired: forge({ ...real, iat: now - 7200, exp: now - 3600 }),
      foreignKey: forge(real, 'RS256', strangerKey),
      algNone: forge(real, 'none'),
      otherIssuer: forge({ ...real, iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' }),
      otherAudience: forge({ ...real, client_id: 'someone-elses-client' }),
      idToken: u.idToken,
      garbage: 'not-a-jwt',
    };
    for (const [name, token] of Object.entries(tokens)) {
      const res = await call('GET', '/me', { token });
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await call('GET', '/me')).status).toBe(401);
  });
});

describe('roles', () => {
  it('lets an admin create a role and give it to a user; a non-admin gets 403', async () => {
    const u = await newUser();
    const name = `auditor${Date.now() % 100000}`;
    const denied = await call('POST', '/auth/create_role', { token: u.accessToken, body: { name, permissions: ['users:read'] } });
    expect(denied.status).toBe(403);

    const a = await admin();
    const created = await call('POST', '/auth/create_role', { token: a.accessToken, body: { name, description: 'Reads profiles', permissions: ['users:read'] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, permissions: ['users:read'], builtIn: false });
    expect((await call('POST', '/auth/create_role', { token: a.accessToken, body: { name, permissions: [] } })).status).toBe(409);
    expect((await call('POST', '/auth/create_role', { token: a.accessToken, body: { name: 'admin', permissions: [] } })).status).toBe(409);
    expect((await call('POST', '/auth/create_role', { token: a.accessToken, body: { name: 'x-bad', permissions: ['money:print'] } })).status).toBe(400);

    const list = await call('GET', '/auth/roles', { token: a.accessToken });
    expect(list.body.items.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['admin', 'user', name]));

    expect((await call('PUT', `/auth/roles/${name}/members/${u.userId}`, { token: u.accessToken })).status).toBe(403);
    expect((await call('PUT', `/auth/roles/${name}/members/${u.userId}`, { token: a.accessToken })).status).toBe(204);
    const relogin = await call('POST', '/auth/login', { body: { email: u.email, password: u.password } });
    expect((await call('GET', '/me', { token: relogin.body.accessToken })).body.roles).toEqual(expect.arrayContaining(['user', name]));
    expect((await call('DELETE', `/auth/roles/${name}/members/${u.userId}`, { token: a.accessToken })).status).toBe(204);
    expect((await call('PUT', `/auth/roles/nosuchrole/members/${u.userId}`, { token: a.accessToken })).status).toBe(404);
  });
});

describe('profile', () => {
  it('updates basic financial details and validates them', async () => {
    const u = await newUser();
    const ok = await call('PATCH', '/me', { token: u.accessToken, body: { baseCurrency: 'USD', monthlyIncome: { amount: 520000, currency: 'USD' }, timezone: 'Europe/Berlin' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ baseCurrency: 'USD', monthlyIncome: { amount: 520000, currency: 'USD' }, timezone: 'Europe/Berlin' });
    expect((await call('PATCH', '/me', { token: u.accessToken, body: { baseCurrency: 'XYZ' } })).status).toBe(400);
    expect((await call('PATCH', '/me', { token: u.accessToken, body: { timezone: 'Mars/Olympus' } })).status).toBe(400);
    expect((await call('PATCH', '/me', { token: u.accessToken, body: { monthlyIncome: { amount: 1.5, currency: 'EUR' } } })).status).toBe(400);
  });

  it('erases the account and its data; its tokens stop working', async () => {
    const u = await newUser();
    await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Main', type: 'checking', currency: 'EUR' } });
    expect((await call('DELETE', '/me', { token: u.accessToken })).status).toBe(204);
    expect((await call('GET', '/me', { token: u.accessToken })).status).toBe(401);
    expect((await call('POST', '/auth/login', { body: { email: u.email, password: u.password } })).status).toBe(401);
  });
});

describe('system', () => {
  it('serves health, OpenAPI 3.1 and the docs page publicly', async () => {
    expect((await call('GET', '/health')).body).toEqual({ status: 'ok' });
    const doc = await call('GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/auth/register', '/transactions', '/analytics/summary']));
    // /docs sends readers to the interactive reference: Swagger UI from its package, served by the web app.
    const docs = await fetch(`${inject('cloud').apiUrl}/docs`, { redirect: 'manual' });
    expect(docs.status).toBe(302);
    const reference = docs.headers.get('location') ?? '';
    expect(reference).toBe(`${inject('cloud').webUrl}/docs/`);
    const page = await fetch(reference);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('swagger-ui-bundle.js');
    expect(html).not.toMatch(/<script>(?!<\/script>)|https?:\/\/(?!127\.0\.0\.1)[^"']*\.js/);
    const bundle = await fetch(new URL('swagger-ui-bundle.js', reference));
    expect(bundle.status).toBe(200);
    const config = (await (await fetch(`${inject('cloud').webUrl}/config.json`)).json()) as { apiUrl: string };
    expect(config.apiUrl).toBe(inject('cloud').apiUrl);
  });
});
