import { UnauthorizedError } from '../domain/errors';
import { accessTokenVerifier, TokenRejectedError } from '../adapters/jwt';
import { config } from '../config';

/** Who is calling: taken only from the claims of the bearer token the handler factory verified. */
export interface Caller {
  /** Cognito `sub`: the user id every key of the caller's data derives from. */
  userId: string;
  username: string;
  /** Cognito groups, i.e. roles. */
  groups: string[];
  /** `jti` of the access token (sessions and logout). */
  tokenId: string;
  /** Token expiry, epoch seconds. */
  expiresAt: number;
}

type Claims = Record<string, unknown>;

/**
 * A 401 for a bearer token: `challenge` is `invalid_token` (RFC 6750) when a token was sent and refused, null
 * when none was sent; the factory turns it into the `WWW-Authenticate` header.
 */
export class BearerTokenError extends UnauthorizedError {
  readonly challenge: 'invalid_token' | null;
  constructor(detail: string, challenge: 'invalid_token' | null = 'invalid_token') {
    super(detail);
    this.challenge = challenge;
  }
}

/** The `WWW-Authenticate` value of a 401 (RFC 6750 §3): the error code and description when a token was refused. */
export function bearerChallenge(error: unknown, detail: string): string {
  if (!(error instanceof BearerTokenError) || !error.challenge) return 'Bearer realm="tally"';
  // A quoted-string may not hold `"` or `\`, and stays within printable ASCII.
  const description = detail.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?');
  return `Bearer realm="tally", error="${error.challenge}", error_description="${description}"`;
}

/**
 * API Gateway passes array claims as a bracketed, space-separated string (`"[admin user]"`); accept that form and
 * real arrays alike.
 */
export function parseGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value.trim() === '') return [];
  const inner = value.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner.split(/[\s,]+/).filter(Boolean);
}

/** Builds the caller from verified claims; a token that is not a Cognito access token is refused. */
export function callerFromClaims(claims: Claims | undefined): Caller {
  if (!claims) throw new BearerTokenError('A bearer access token is required.', null);
  const sub = claims.sub;
  const jti = claims.jti;
  if (typeof sub !== 'string' || sub === '' || typeof jti !== 'string' || jti === '') {
    throw new BearerTokenError('The token lacks the sub or jti claim.');
  }
  if (claims.token_use !== 'access') throw new BearerTokenError('An access token is required (not an id token).');
  const exp = Number(claims.exp);
  return {
    userId: sub,
    username: typeof claims.username === 'string' ? claims.username : sub,
    groups: parseGroups(claims['cognito:groups']),
    tokenId: jti,
    expiresAt: Number.isFinite(exp) ? exp : 0,
  };
}

/**
 * The caller of a request, from its `Authorization` header: the bearer token verified here, in the function, on AWS
 * and in the local cloud alike (no gateway authorizer), so a missing, expired or forged token answers the same
 * problem document everywhere. The pool's keys come from the issuer on AWS, from the Cognito emulator locally
 * (its endpoint variable).
 */
export async function callerFromToken(authorization: string | undefined): Promise<Caller> {
  const c = config();
  const endpoint = c.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER?.replace(/\/+$/, '');
  const verifier = accessTokenVerifier({
    userPoolId: c.USER_POOL_ID,
    clientId: c.USER_POOL_CLIENT_ID,
    ...(endpoint ? { jwksUrl: `${endpoint}/${c.USER_POOL_ID}/.well-known/jwks.json` } : {}),
  });
  try {
    return callerFromClaims(await verifier.verify(authorization));
  } catch (e) {
    if (e instanceof TokenRejectedError) throw new BearerTokenError(e.message, e.challenge);
    throw e;
  }
}
