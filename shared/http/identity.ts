import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnauthorizedError } from '../domain/errors';

/** Who is calling: taken only from the claims of the token API Gateway's JWT authorizer verified. */
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

type Claims = Record<string, string | number | boolean | string[]>;

/** The verified claims of an HTTP API event (`requestContext.authorizer.jwt.claims`), if any. */
export function claimsOf(event: APIGatewayProxyEventV2): Claims | undefined {
  const ctx = event.requestContext as APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Claims } };
  };
  return ctx.authorizer?.jwt?.claims;
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
  if (!claims) throw new UnauthorizedError('A bearer access token is required.');
  const sub = claims.sub;
  const jti = claims.jti;
  if (typeof sub !== 'string' || sub === '' || typeof jti !== 'string' || jti === '') {
    throw new UnauthorizedError('The token lacks the sub or jti claim.');
  }
  if (claims.token_use !== 'access') throw new UnauthorizedError('An access token is required (not an id token).');
  const exp = Number(claims.exp);
  return {
    userId: sub,
    username: typeof claims.username === 'string' ? claims.username : sub,
    groups: parseGroups(claims['cognito:groups']),
    tokenId: jti,
    expiresAt: Number.isFinite(exp) ? exp : 0,
  };
}
