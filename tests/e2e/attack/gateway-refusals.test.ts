import { createPrivateKey, createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { call, newUser, type Answer } from '../../support/api';

/**
 * What a client gets when a request goes wrong before or around its route, on the local cloud as on AWS: the
 * functions answer token and routing refusals as problem documents (no JWT authorizer, a `$default` route), and
 * only what API Gateway alone can refuse comes in API Gateway's own fixed body.
 */

const emulatorKey = createPrivateKey({ key: JSON.parse(readFileSync('node_modules/cognito-local/lib/keys/cognitoLocal.private.json', 'utf8')).jwk, format: 'jwk' });

/** The claims of a real token, signed again with the emulator's key after `change`. */
function resign(token: string, change: Record<string, unknown>): string {
  const claims = { ...(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>), ...change };
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = enc({ alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' });
  const body = enc(claims);
  return `${head}.${body}.${createSign('RSA-SHA256').update(`${head}.${body}`).sign(emulatorKey).toString('base64url')}`;
}

function expectProblem(res: Answer, status: number): void {
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({ status, type: 'application/problem+json' });
  expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^\/docs#problem-/), title: expect.any(String), detail: expect.any(String) });
}

describe('token refusals are problem documents from the function, with an RFC 6750 challenge', () => {
  it('answers a missing token 401 with a bare Bearer challenge', async () => {
    const res = await call('GET', '/me');
    expectProblem(res, 401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="tally"');
  });

  it('answers an expired, a garbage and an id token 401 with error="invalid_token" and why', async () => {
    const u = await newUser();
    const now = Math.floor(Date.now() / 1000);
    for (const [name, token, why] of [
      ['expired', resign(u.accessToken, { iat: now - 7200, exp: now - 3600 }), /expired/i],
      ['garbage', 'not-a-jwt', /JWT/],
      ['id token', u.idToken, /access/],
    ] as const) {
      const res = await call('GET', '/me', { token });
      expectProblem(res, 401);
      expect(String(res.body.detail), name).toMatch(why);
      expect(res.headers.get('www-authenticate'), name).toMatch(/^Bearer realm="tally", error="invalid_token", error_description="[^"\\]+"$/);
    }
    // The control: the same user's own token passes.
    expect((await call('GET', '/me', { token: u.accessToken })).status).toBe(200);
  });
});

describe('what no route matches is a problem document from the $default function', () => {
  it('answers an unknown path 404', async () => {
    const res = await call('GET', '/no/such/route');
    expectProblem(res, 404);
    expect(res.body.instance).toBe('/no/such/route');
  });

  it('answers a known path under another method 405 with Allow', async () => {
    const res = await call('PUT', '/health', { body: {} });
    expectProblem(res, 405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});

describe('what only API Gateway refuses comes in its own body', () => {
  it('answers a body over 10 MB 413 {"message":"Request Entity Too Large"}, as API Gateway does', async () => {
    const res = await fetch(`${inject('cloud').apiUrl}/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9+/=]{16}$/);
    expect(await res.text()).toBe('{"message":"Request Entity Too Large"}');
  });
});
