import { createPublicKey, verify as verifySignature, type JsonWebKey, type KeyObject } from 'node:crypto';

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
/** Least time between two JWKS fetches caused by a key id the cached set lacks (a forged `kid` cannot hammer it). */
const REFETCH_MS = 10_000;
/** The signature algorithms Cognito signs with, and their hashes. */
const HASH_OF: Readonly<Record<string, string>> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };
const JWT_SHAPE = /^[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]+={0,2}$/;

type Claims = Record<string, unknown>;
type Verified = { claims: Claims; until: number };

function jsonPart(b64: string, what: string): Claims {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(b64, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`Invalid JWT. ${what} is not a valid JSON object`);
  return value as Claims;
}

function expectString(name: string, actual: unknown, allowed: readonly string[]): void {
  if (actual === undefined) throw new Error(`Missing ${name}. Expected: ${allowed.join(', ')}`);
  if (typeof actual !== 'string') throw new Error(`${name} is not of type string`);
  if (!allowed.includes(actual)) throw new Error(`${name} not allowed: ${actual}. Expected: ${allowed.join(', ')}`);
}

/**
 * A user pool's signing keys (its JWKS), fetched once per container and again, at most every {@link REFETCH_MS},
 * for a key id it does not hold (Cognito rotates keys by adding one). Concurrent requests share one fetch.
 */
class PoolKeys {
  private jwks = new Map<string, JsonWebKey>();
  private readonly keyObjects = new Map<string, KeyObject>();
  private loading: Promise<void> | undefined;
  private fetchedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly url: string) {}

  async jwk(kid: string, now: number): Promise<JsonWebKey> {
    if (!this.jwks.has(kid) && (this.loading || now - this.fetchedAt >= REFETCH_MS)) await this.load(now);
    const jwk = this.jwks.get(kid);
    if (!jwk) throw new Error(`JWK for kid "${kid}" not found in the JWKS`);
    return jwk;
  }

  keyObject(kid: string, jwk: JsonWebKey): KeyObject {
    let key = this.keyObjects.get(kid);
    if (!key) {
      key = createPublicKey({ key: jwk, format: 'jwk' });
      this.keyObjects.set(kid, key);
    }
    return key;
  }

  private load(now: number): Promise<void> {
    this.loading ??= this.fetch(now).finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async fetch(now: number): Promise<void> {
    this.fetchedAt = now;
    let body: { keys?: unknown } | undefined;
    try {
      const r = await fetch(this.url);
      if (!r.ok) throw new Error(`JWKS request failed: ${r.status}`);
      body = (await r.json()) as { keys?: unknown };
      if (!Array.isArray(body?.keys)) throw new Error('JWKS keys should be an array');
    } catch (e) {
      // An outage is not an unknown key: the next request fetches again.
      this.fetchedAt = Number.NEGATIVE_INFINITY;
      throw e;
    }
    const next = new Map<string, JsonWebKey>();
    for (const k of (body?.keys ?? []) as JsonWebKey[]) if (k && typeof k === 'object' && typeof k.kid === 'string') next.set(k.kid, k);
    this.jwks = next;
    this.keyObjects.clear();
  }
}

/**
 * Verifies Cognito access tokens as API Gateway's JWT authorizer did, with `node:crypto` only: the `Bearer` token
 * (the prefix may be missing), RS256 with a key of the pool's JWKS (fetched once per container, refetched for an
 * unknown key id), issuer, `token_use` = access, client id, expiry and not-before — the checks of aws-jwt-verify's
 * `CognitoJwtVerifier`, in its order and with its messages, without its ~16 KB in every bundle. A token verified once
 * is reused from a bounded LRU for at most a minute and never past its `exp`, so a steady caller costs one
 * signature check a minute.
 */
export class AccessTokenVerifier {
  private readonly keys: PoolKeys;
  private readonly issuers: readonly string[];
  private readonly clientId: string;
  private readonly cache = new Map<string, Verified>();

  constructor(pool: UserPoolRef) {
    const m = /^(?<region>(?:eusc-[a-z]{2}|[a-z]{2})-(gov-)?[a-z]+-\d)_[a-zA-Z0-9]+$/.exec(pool.userPoolId);
    if (!m?.groups) throw new Error(`Invalid Cognito User Pool ID: ${pool.userPoolId}`);
    const region = m.groups.region as string;
    const issuer = `https://cognito-idp.${region}.amazonaws.com/${pool.userPoolId}`;
    // Cognito's regional issuer, and the global one it is moving to (aws-jwt-verify accepts both).
    this.issuers = [issuer, `https://issuer-cognito-idp.${region}.amazonaws.com/${pool.userPoolId}`];
    this.clientId = pool.clientId;
    this.keys = new PoolKeys(pool.jwksUrl ?? `${issuer}/.well-known/jwks.json`);
  }

  /** The verified claims of the `Authorization` header's token; throws {@link TokenRejectedError} otherwise. */
  async verify(authorization: string | undefined, now = Date.now()): Promise<Claims> {
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
    let claims: Claims;
    try {
      claims = await this.check(token, now);
    } catch (e) {
      throw new TokenRejectedError(`The access token is not valid: ${(e as Error).message}`);
    }
    const exp = (claims.exp as number) * 1000;
    this.cache.set(token, { claims, until: Math.min(exp, now + CACHE_MS) });
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return claims;
  }

  /** The token's claims once its signature and every claim check pass; throws saying which failed. */
  private async check(token: string, now: number): Promise<Claims> {
    if (!JWT_SHAPE.test(token)) throw new Error('JWT string does not consist of exactly 3 parts (header, payload, signature)');
    const [headB64, payloadB64, signatureB64] = token.split('.') as [string, string, string];
    const head = jsonPart(headB64, 'Header');
    const claims = jsonPart(payloadB64, 'Payload');
    if (typeof head.kid !== 'string') throw new Error('JWT header does not have valid kid claim');
    if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) throw new Error('JWT payload exp claim is not a number');
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || !Number.isFinite(claims.nbf))) throw new Error('JWT payload nbf claim is not a number');
    const jwk = await this.keys.jwk(head.kid, now);
    if (jwk.kty !== 'RSA') throw new Error(`JWK kty not allowed: ${String(jwk.kty)}. Expected: RSA`);
    if (jwk.use !== undefined && jwk.use !== 'sig') throw new Error(`JWK use not allowed: ${String(jwk.use)}. Expected: sig`);
    const allowed = typeof jwk.alg === 'string' ? [jwk.alg] : Object.keys(HASH_OF);
    expectString('JWT signature algorithm', head.alg, allowed);
    const hash = HASH_OF[head.alg as string];
    if (!hash) throw new Error(`JWT signature algorithm not allowed: ${String(head.alg)}. Expected: ${Object.keys(HASH_OF).join(', ')}`);
    const signed = Buffer.from(`${headB64}.${payloadB64}`);
    if (!verifySignature(hash, signed, this.keys.keyObject(head.kid, jwk), Buffer.from(signatureB64, 'base64url'))) throw new Error('Invalid signature');
    if (claims.exp < now / 1000) throw new Error(`Token expired at ${new Date(claims.exp * 1000).toISOString()}`);
    if (typeof claims.nbf === 'number' && claims.nbf > now / 1000) throw new Error(`Token can't be used before ${new Date(claims.nbf * 1000).toISOString()}`);
    expectString('Issuer', claims.iss, this.issuers);
    expectString('Token use', claims.token_use, ['access']);
    expectString('Client ID', claims.client_id, [this.clientId]);
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
