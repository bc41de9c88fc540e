import { createSign, generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessTokenVerifier, TokenRejectedError } from '../../../shared/adapters/jwt';

// The verifier checks what aws-jwt-verify's CognitoJwtVerifier checked, with node:crypto alone.
const pool = { userPoolId: 'us-east-1_Pool1', clientId: 'client1' };
const issuer = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1';
const jwksUrl = `${issuer}/.well-known/jwks.json`;
const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwkOf = (k: typeof key, kid: string) => ({ ...k.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' });

const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const claims = { sub: 'u1', jti: 'j1', iss: issuer, client_id: 'client1', token_use: 'access', iat: now, exp: now + 3600 };

function sign(payload: Record<string, unknown>, opts: { kid?: string; alg?: string; with?: typeof key } = {}): string {
  const head = enc({ alg: opts.alg ?? 'RS256', kid: opts.kid ?? 'k1' });
  const body = enc(payload);
  if (opts.alg === 'none') return `${head}.${body}.AAAA`;
  const hash = opts.alg === 'RS384' ? 'RSA-SHA384' : 'RSA-SHA256';
  return `${head}.${body}.${createSign(hash).update(`${head}.${body}`).sign((opts.with ?? key).privateKey).toString('base64url')}`;
}

function serveJwks(keys: object[]): string[] {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify({ keys }));
  });
  return urls;
}

async function refusal(verifier: AccessTokenVerifier, header: string | undefined): Promise<TokenRejectedError> {
  const e = await verifier.verify(header).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TokenRejectedError);
  return e as TokenRejectedError;
}

afterEach(() => vi.unstubAllGlobals());

describe('AccessTokenVerifier', () => {
  it('accepts a pool-signed access token, with or without the Bearer prefix, fetching the JWKS once', async () => {
    // Prepare
    const urls = serveJwks([jwkOf(key, 'k1')]);
    const v = new AccessTokenVerifier(pool);
    // Act
    const a = await v.verify(`Bearer ${sign(claims)}`);
    const b = await v.verify(sign({ ...claims, jti: 'j2' }));
    // Assess
    expect(a).toMatchObject({ sub: 'u1', jti: 'j1' });
    expect(b).toMatchObject({ jti: 'j2' });
    expect(urls).toEqual([jwksUrl]);
  });

  it('accepts Cognito’s global issuer form', async () => {
    serveJwks([jwkOf(key, 'k1')]);
    const v = new AccessTokenVerifier(pool);
    const out = await v.verify(sign({ ...claims, iss: 'https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1' }));
    expect(out.sub).toBe('u1');
  });

  it.each([
    ['no token', undefined, /required/, null],
    ['not a JWT', 'Bearer abc', /does not hold a JWT/, 'invalid_token'],
    ['expired', sign({ ...claims, exp: now - 60 }), /expired/i, 'invalid_token'],
    ['not yet valid', sign({ ...claims, nbf: now + 600 }), /before/, 'invalid_token'],
    ['another issuer', sign({ ...claims, iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' }), /issuer/i, 'invalid_token'],
    ['another client', sign({ ...claims, client_id: 'client2' }), /Client ID not allowed/, 'invalid_token'],
    ['an id token', sign({ ...claims, token_use: 'id', aud: 'client1' }), /Token use not allowed: id. Expected: access/, 'invalid_token'],
    ['no exp', sign({ ...claims, exp: undefined }), /exp/, 'invalid_token'],
    ['unsigned (alg none)', sign(claims, { alg: 'none' }), /algorithm not allowed: none/, 'invalid_token'],
    ['another algorithm than the key’s', sign(claims, { alg: 'RS384' }), /algorithm not allowed: RS384/, 'invalid_token'],
    ['signed with a foreign key', sign(claims, { with: other }), /Invalid signature/, 'invalid_token'],
    ['a tampered payload', sign(claims).replace(/^([^.]+)\.[^.]+/, (_m, h: string) => `${h}.${enc({ ...claims, sub: 'u2' })}`), /Invalid signature/, 'invalid_token'],
  ])('refuses %s', async (_name, token, why, challenge) => {
    serveJwks([jwkOf(key, 'k1')]);
    const v = new AccessTokenVerifier(pool);
    const e = await refusal(v, token === undefined ? undefined : token.startsWith('Bearer') ? token : `Bearer ${token}`);
    expect(e.message).toMatch(why);
    expect(e.challenge).toBe(challenge);
  });

  it('reuses a verification without checking the signature again, never past the token’s expiry', async () => {
    serveJwks([jwkOf(key, 'k1')]);
    const v = new AccessTokenVerifier(pool);
    const token = sign({ ...claims, exp: now + 30 });
    vi.useFakeTimers({ now: now * 1000, toFake: ['Date'] });
    try {
      await v.verify(token, now * 1000);
      // Within a minute and before exp: the cached claims
      vi.setSystemTime((now + 20) * 1000);
      expect((await v.verify(token, (now + 20) * 1000)).sub).toBe('u1');
      // Past exp: checked again (aws-jwt-verify reads the clock), and refused
      vi.setSystemTime((now + 31) * 1000);
      const e = await v.verify(token, (now + 31) * 1000).catch((err: unknown) => err);
      expect((e as Error).message).toMatch(/expired/i);
    } finally {
      vi.useRealTimers();
    }
  });

  it('fetches again after a failed JWKS request instead of refusing every token for 10 s', async () => {
    let fail = true;
    vi.stubGlobal('fetch', async () => (fail ? new Response('down', { status: 503 }) : new Response(JSON.stringify({ keys: [jwkOf(key, 'k1')] }))));
    const v = new AccessTokenVerifier(pool);
    const t0 = Date.now();
    expect(((await v.verify(sign(claims), t0).catch((e: unknown) => e)) as Error).message).toMatch(/JWKS request failed: 503/);
    fail = false;
    expect((await v.verify(sign(claims), t0 + 1000)).sub).toBe('u1');
  });
});
