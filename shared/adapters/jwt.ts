import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';

/**
 * Reads the payload of a JWT this process just received from Cognito over TLS (to learn its `jti`, `sub`, `exp`).
 * This is NOT verification: the verified claims of a caller come only from {@link AccessTokenVerifier.verify}.
 */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('Malformed JWT from the identity provider');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Why a bearer token was refused: absent, not a JWT, or failing a check (signature, issuer, client, use, expiry). */
export class TokenRejectedError extends Error {
  /** `invalid_token` (RFC 6750) when a token was sent and refused; null when none was sent. */
  readonly challenge: 'invalid_token' | null;
  constructor(message: string, challenge: 'invalid_token' | null = 'invalid_token') {
    super(message);
    this.name = 'TokenRejectedError';
    this.challenge = challenge;
  }
}

/** Where a user pool's tokens are checked against. */
export interface UserPoolRef {
  userPoolId: string;
  clientId: string;
  /**
   * Where the pool's keys are fetched from; by default the issuer's own (`https://cognito-idp.<region>.amazonaws.com/
   * <pool>/.well-known/jwks.json`). The local cloud gives its Cognito emulator's, so a key is never fetched from AWS.
   */
  jwksUrl?: string;
}

/** Most verified tokens kept per container; a bounded LRU (one entry is ~1 KB). */
const CACHE_SIZE = 1000;
/** How long a verification is reused at most, whatever the token's own expiry. */
const CACHE_MS = 60_000;

type Verified = { claims: Record<string, unknown>; until: number };

/**
 * Verifies Cognito access tokens as API Gateway's JWT authorizer did: the `Bearer` token (the prefix may be
 * missing), RS256 with a key of the pool's JWKS (fetched once per container, refetched for an unknown key id),
 * issuer, `token_use` = access, client id, expiry and not-before. A token verified once is reused from a bounded LRU
 * for at most a minute and never past its `exp`, so a steady caller costs one signature check a minute.
 */
export class AccessTokenVerifier {
  private readonly verifier;
  private readonly cache = new Map<string, Verified>();

  constructor(pool: UserPoolRef) {
    const jwksUrl = pool.jwksUrl;
    // aws-jwt-verify's own fetcher speaks https only; fetch() reaches the emulator's http address too.
    const jwksCache = new SimpleJwksCache({
      fetcher: {
        fetch: async (uri: string) => {
          const r = await fetch(jwksUrl ?? uri);
          if (!r.ok) throw new Error(`JWKS request failed: ${r.status}`);
          return r.arrayBuffer();
        },
      },
    });
    this.verifier = CognitoJwtVerifier.create({ userPoolId: pool.userPoolId, tokenUse: 'access', clientId: pool.clientId }, { jwksCache });
  }

  /** The verified claims of the `Authorization` header's token; throws {@link TokenRejectedError} otherwise. */
  async verify(authorization: string | undefined, now = Date.now()): Promise<Record<string, unknown>> {
    const header = authorization?.trim() ?? '';
    if (header === '') throw new TokenRejectedError('A bearer access token is required (Authorization header).', null);
    const token = header.replace(/^Bearer\s+/i, '').trim();
    const hit = this.cache.get(token);
    if (hit) {
      this.cache.delete(token);
      if (hit.until > now) {
        this.cache.set(token, hit);
        return hit.claims;
      }
    }
    if (token === '' || token.split('.').length !== 3) throw new TokenRejectedError('The Authorization header does not hold a JWT.');
    let claims: Record<string, unknown>;
    try {
      claims = (await this.verifier.verify(token)) as Record<string, unknown>;
    } catch (e) {
      throw new TokenRejectedError(`The access token is not valid: ${(e as Error).message}`);
    }
    // Cognito's tokens always carry exp; one without it is refused rather than trusted for ever.
    if (typeof claims.exp !== 'number') throw new TokenRejectedError('The access token is not valid: it has no expiry (exp).');
    const exp = claims.exp * 1000;
    this.cache.set(token, { claims, until: Math.min(exp, now + CACHE_MS) });
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return claims;
  }
}

const verifiers = new Map<string, AccessTokenVerifier>();

/** The verifier of a pool, one per container (its JWKS and its verified tokens are kept between invocations). */
export function accessTokenVerifier(pool: UserPoolRef): AccessTokenVerifier {
  const key = `${pool.userPoolId}|${pool.clientId}|${pool.jwksUrl ?? ''}`;
  let v = verifiers.get(key);
  if (!v) {
    v = new AccessTokenVerifier(pool);
    verifiers.set(key, v);
  }
  return v;
}
