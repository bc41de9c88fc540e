import { config } from '../config';
import { UnauthorizedError, ValidationError } from '../domain/errors';
import { passwordProblems } from '../domain/password-policy';
import { UserRegistered } from '../../events/user-registered';
import * as idp from '../adapters/identity-provider';
import * as sessions from '../adapters/sessions';
import { decodeJwtPayload } from '../adapters/jwt';
import { createProfile } from '../adapters/profiles';
import { newProfile } from '../domain/profile';
import { newEvent } from '../adapters/outbox';
import { ensureDefaultCategories } from './categories';

/** Refresh tokens live 30 days (the app client's setting, in both targets). */
const REFRESH_TOKEN_DAYS = 30;

/**
 * Registers a person: checks the password policy (so the 400 names the rule), creates the Cognito user, confirms it
 * when auto-confirm is on, puts it in the `user` role, and writes the profile with its `UserRegistered` event.
 */
export async function register(input: { email: string; password: string; name?: string }, now = new Date()) {
  const problems = passwordProblems(input.password);
  if (problems.length > 0) {
    throw new ValidationError(
      `The password ${problems.join(', ')}.`,
      problems.map((message) => ({ path: 'body.password', message })),
    );
  }
  const { userId, confirmed: confirmedBySignUp } = await idp.signUp(input.email, input.password, input.name);
  let confirmed = confirmedBySignUp;
  if (!confirmed && config().AUTO_CONFIRM === 'true') {
    await idp.adminConfirm(input.email);
    confirmed = true;
  }
  await idp.addToGroup(input.email, 'user');
  const profile = newProfile(userId, input.email, input.name ?? null, now);
  await createProfile(profile, newEvent(UserRegistered, { userId, email: input.email, name: profile.name }, now));
  await ensureDefaultCategories(userId, now);
  return { userId, email: input.email, confirmed };
}

export async function confirm(input: { email: string; code: string }): Promise<void> {
  await idp.confirmSignUp(input.email, input.code);
}

function issued(accessToken: string): { jti: string; expiresAt: number; userId: string } {
  const claims = decodeJwtPayload(accessToken);
  if (typeof claims.jti !== 'string' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') {
    throw new Error('The identity provider returned an access token without jti/sub/exp');
  }
  return { jti: claims.jti, expiresAt: claims.exp, userId: claims.sub };
}

function tokensReply(t: idp.AuthTokens) {
  return { accessToken: t.accessToken, idToken: t.idToken, ...(t.refreshToken ? { refreshToken: t.refreshToken } : {}), expiresIn: t.expiresIn, tokenType: 'Bearer' as const };
}

/** Signs in and opens a session whose tokens the API will accept until logout. */
export async function login(input: { email: string; password: string }, now = new Date()) {
  const tokens = await idp.passwordLogin(input.email, input.password);
  if (!tokens.refreshToken) throw new Error('The identity provider returned no refresh token');
  const token = issued(tokens.accessToken);
  await sessions.openSession({
    userId: token.userId,
    refreshToken: tokens.refreshToken,
    token: { jti: token.jti, expiresAt: token.expiresAt },
    refreshExpiresAt: Math.floor(now.getTime() / 1000) + REFRESH_TOKEN_DAYS * 86400,
    now,
  });
  return tokensReply(tokens);
}

/** New access and id tokens for a refresh token of a session that is still open. */
export async function refresh(input: { refreshToken: string }) {
  const session = await sessions.findSession(input.refreshToken);
  if (!session || session.revoked) throw new UnauthorizedError('The refresh token is invalid, expired or signed out.');
  const tokens = await idp.refreshLogin(input.refreshToken);
  const token = issued(tokens.accessToken);
  if (token.userId !== session.userId || !(await sessions.addToken(session.sid, session.userId, token))) {
    throw new UnauthorizedError('The refresh token is invalid, expired or signed out.');
  }
  return tokensReply({ ...tokens, refreshToken: undefined });
}

/**
 * Ends the caller's session: its access tokens get 401 from now on and its refresh token is refused. A refresh token
 * in the body is also revoked at Cognito.
 */
export async function logout(input: { tokenId: string; refreshToken?: string }, now = new Date()): Promise<void> {
  await sessions.revokeByToken(input.tokenId, now);
  if (input.refreshToken) await idp.revokeRefreshToken(input.refreshToken);
}
