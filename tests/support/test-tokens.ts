import { createSign, generateKeyPairSync } from 'node:crypto';
import { expect, vi } from 'vitest';

/**
 * Bearer tokens for unit tests of the handler factory, which verifies tokens itself: they are signed with a key
 * made here, whose JWKS the verifier's `fetch` receives in place of the pool's (the issuer's address on AWS).
 * Call {@link stubJwks} in `beforeAll`, after setting USER_POOL_ID `us-east-1_x` and USER_POOL_CLIENT_ID `c`.
 */
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] };
const issuer = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x';

/**
 * Answers the verifier's JWKS request with the test key, and parses configuration again. A test file's worker may
 * have run another file before (vitest reuses workers, and `process.env` outlives a file): a Cognito emulator
 * endpoint left in the environment would send the verifier to the emulator's JWKS address, so it is removed.
 */
export async function stubJwks(): Promise<void> {
  delete process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
  (await import('../../shared/config')).resetConfig();
  vi.stubGlobal('fetch', async (url: string) => {
    expect(url).toBe(`${issuer}/.well-known/jwks.json`);
    return new Response(JSON.stringify(jwks));
  });
}

/** A Cognito-shaped access token for these claims, signed with the test's key. */
export function signedToken(claims: Record<string, unknown>): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = enc({ alg: 'RS256', kid: 'k1' });
  const body = enc({ iss: issuer, client_id: 'c', iat: now, exp: now + 3600, ...claims });
  return `${head}.${body}.${createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey).toString('base64url')}`;
}
