import { randomUUID } from 'node:crypto';
import { config } from '../config';
import { ConflictError, DomainError, TooManyRequestsError, UnauthorizedError, ValidationError } from '../domain/errors';
import { passwordProblems } from '../domain/password-policy';
import { UserConfirmed } from '../../events/user-confirmed';
import * as idp from '../adapters/identity-provider';
import * as sessions from '../adapters/sessions';
import { decodeJwtPayload } from '../adapters/jwt';
import { createProfile, getProfile } from '../adapters/profiles';
import { newProfile, UNCONFIRMED_ACCOUNT_DAYS } from '../domain/profile';
import { newEvent } from '../adapters/outbox';
import * as rateLimits from '../adapters/rate-limits';
import { markConfirmed, unconfirmedMarker } from '../adapters/unconfirmed-accounts';
import { recordRegistrationAttempt } from '../adapters/registration-attempts';
import { logger } from '../observability';
import { ensureDefaultCategories } from './categories';
import { expireAccount } from './unconfirmed-accounts';
import { passwordLoginLimited } from './sign-in-limit';

/** Refresh tokens live 30 days (the app client's setting, in both targets). */
const REFRESH_TOKEN_DAYS = 30;

function assertPassword(password: string, path: string): void {
  const problems = passwordProblems(password);
  if (problems.length > 0) {
    throw new ValidationError(
      `The password ${problems.join(', ')}.`,
      problems.map((message) => ({ path, message })),
    );
  }
}

/** The event that makes the welcome email go out; one id per user, so it is sent once. */
const confirmedEvent = (userId: string, now: Date) => newEvent(UserConfirmed, { userId }, now, `user-confirmed-${userId}`);

/**
 * Signs up at Cognito. An address still held by an unconfirmed account past its expiry (the daily sweep has not
 * reached it yet) is freed first, so registering again after expiry always works. An address held otherwise is
 * answered with its holder (undefined if it vanished meanwhile): nothing is created.
 */
async function signUpFreeingExpired(
  input: { email: string; password: string; name?: string },
  now: Date,
): Promise<{ created: { userId: string; confirmed: boolean } } | { heldBy: idp.PoolUser | undefined }> {
  try {
    return { created: await idp.signUp(input.email, input.password, input.name) };
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e;
    const holder = await idp.getUser(input.email);
    const expired = holder?.status === 'UNCONFIRMED' && holder.createdAt !== undefined && now.getTime() - holder.createdAt.getTime() >= UNCONFIRMED_ACCOUNT_DAYS * 86400_000;
    if (!holder || !expired) return { heldBy: holder };
    await expireAccount(holder);
    return { created: await idp.signUp(input.email, input.password, input.name) };
  }
}

/** Registrations per address and hour: each may email the address (its code, or a notice to its owner). */
export const REGISTER_LIMIT = { limit: 5, windowSeconds: 3600 } as const;

/**
 * Registration answers no sooner than this after the request arrived, whether or not the address has an account:
 * creating one (Cognito sign-up, role, profile and default categories) takes longer than finding the holder, and
 * the difference must not show. Above the creation's usual time on AWS and locally.
 */
export const REGISTER_EVEN_ANSWER_MS = 1000;

/**
 * What registering an address that already has an account does instead of creating one: an account still waiting
 * for confirmation gets a new code (its password and name stay; the registrant's are dropped, so nobody can set
 * the password of an account whose owner later confirms it); the owner of a confirmed account is told by email,
 * at most once a day, with fixed text. A refusal by Cognito (its own sending limits) is logged, never answered:
 * the answer must be that of a new registration.
 */
async function addressTaken(email: string, holder: idp.PoolUser | undefined, now: Date): Promise<void> {
  if (!holder) return;
  try {
    if (holder.status === 'UNCONFIRMED') await idp.resendConfirmationCode(email);
    else await recordRegistrationAttempt(holder.userId, now);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    logger.warn('Registering a taken address: the code or notice was not sent', { userId: holder.userId, error });
  }
}

/**
 * Registers a person: checks the password policy (so the 400 names the rule), creates the Cognito user (which
 * emails the confirmation code), confirms it when auto-confirm is on, puts it in the `user` role, and writes the
 * profile. A confirmed account gets its `UserConfirmed` event (the welcome) in the same transaction; an unconfirmed
 * one a marker instead, from which it expires after UNCONFIRMED_ACCOUNT_DAYS days. Nothing is emailed by Tally
 * until the address is confirmed.
 *
 * The answer does not tell whether the address already had an account: for a taken address nothing is created
 * (see addressTaken), and the answer has the same status and shape, with a fresh random id that belongs to nobody
 * (indistinguishable from a Cognito `sub`, a UUID v4) and `confirmed` as a new account would have it. Either way
 * the answer waits out REGISTER_EVEN_ANSWER_MS, and each address gets REGISTER_LIMIT registrations an hour.
 */
export async function register(input: { email: string; password: string; name?: string }, now = new Date()) {
  assertPassword(input.password, 'body.password');
  const autoConfirm = config().AUTO_CONFIRM === 'true';
  return evenly('register', input.email, now, REGISTER_LIMIT, REGISTER_EVEN_ANSWER_MS, async () => {
    const signedUp = await signUpFreeingExpired(input, now);
    if ('heldBy' in signedUp) {
      await addressTaken(input.email, signedUp.heldBy, now);
      return { userId: randomUUID(), email: input.email, confirmed: autoConfirm };
    }
    const { userId } = signedUp.created;
    let confirmed = signedUp.created.confirmed;
    if (!confirmed && autoConfirm) {
      await idp.adminConfirm(input.email);
      confirmed = true;
    }
    await idp.addToGroup(input.email, 'user');
    const profile = newProfile(userId, input.email, input.name ?? null, now, confirmed);
    if (confirmed) await createProfile(profile, [confirmedEvent(userId, now)]);
    else await createProfile(profile, [], [unconfirmedMarker(userId, profile.createdAt)]);
    await ensureDefaultCategories(userId, now);
    return { userId, email: input.email, confirmed };
  });
}

/** Marks the profile of a user Cognito shows as confirmed, once: the welcome email follows. */
async function profileConfirmed(userId: string, now: Date): Promise<void> {
  const profile = await getProfile(userId);
  if (!profile || profile.confirmedAt) return;
  await markConfirmed(userId, profile.createdAt, now, confirmedEvent(userId, now));
}

/** Confirmation attempts per address and hour: a 6-digit code cannot be guessed at this rate. */
export const CONFIRM_LIMIT = { limit: 5, windowSeconds: 3600 } as const;

/**
 * Confirms an account with the emailed code; from then on (and only then) Tally emails the address. A wrong or
 * expired code, an unknown address and an address with nothing to confirm get the same 400; each address gets
 * CONFIRM_LIMIT attempts an hour (counted before the code is tried, so concurrent guesses cannot pass it), then
 * 429 with Retry-After — also for the right code — until the window ends.
 */
export async function confirm(input: { email: string; code: string }, now = new Date()): Promise<void> {
  await evenly('confirm', input.email, now, CONFIRM_LIMIT, EVEN_ANSWER_MS, async () => {
    await idp.confirmSignUp(input.email, input.code);
    const user = await idp.getUser(input.email);
    if (user) await profileConfirmed(user.userId, now);
  });
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
  const tokens = await passwordLoginLimited(input.email, input.password, now);
  if (!tokens.refreshToken) throw new Error('The identity provider returned no refresh token');
  const token = issued(tokens.accessToken);
  await sessions.openSession({
    userId: token.userId,
    refreshToken: tokens.refreshToken,
    token: { jti: token.jti, expiresAt: token.expiresAt, accessToken: tokens.accessToken },
    refreshExpiresAt: Math.floor(now.getTime() / 1000) + REFRESH_TOKEN_DAYS * 86400,
    now,
  });
  // Cognito signs in confirmed users only: an account an operator confirmed (or whose confirmation was not recorded)
  // is marked confirmed here.
  await profileConfirmed(token.userId, now);
  return tokensReply(tokens);
}

/** New access and id tokens for a refresh token of a session that is still open. */
export async function refresh(input: { refreshToken: string }) {
  const session = await sessions.findSession(input.refreshToken);
  if (!session || session.revoked) throw new UnauthorizedError('The refresh token is invalid, expired or signed out.');
  const tokens = await idp.refreshLogin(input.refreshToken);
  const token = issued(tokens.accessToken);
  if (token.userId !== session.userId || !(await sessions.addToken(session.sid, session.userId, { ...token, accessToken: tokens.accessToken }, input.refreshToken))) {
    throw new UnauthorizedError('The refresh token is invalid, expired or signed out.');
  }
  return tokensReply({ ...tokens, refreshToken: undefined });
}

/**
 * Ends the caller's session: its access tokens get 401 from now on and its refresh token is refused here and
 * revoked at Cognito — the one sealed with the session, and any the client sent. With `everywhere`, every session of
 * the user ends the same way, and Cognito signs the user out globally (on AWS; the local emulator cannot).
 */
export async function logout(
  input: { userId: string; username: string; tokenId: string; accessToken: string; refreshToken?: string; everywhere?: boolean },
  now = new Date(),
): Promise<void> {
  const sessionRefreshToken = await sessions.revokeByToken(input.tokenId, now, input.accessToken);
  if (input.everywhere) await sessions.revokeAllSessions(input.userId, now);
  const refreshTokens = new Set([sessionRefreshToken, input.refreshToken].filter((t): t is string => typeof t === 'string' && t !== ''));
  await Promise.all([...refreshTokens].map((t) => idp.revokeRefreshToken(t)));
  if (input.everywhere) await idp.globalSignOut(input.username);
}

// ---- The account lifecycle: change, forget and reset the password; a new confirmation code. ----

/** Requests per address and hour of each lifecycle route. */
export const LIFECYCLE_LIMIT = { limit: 5, windowSeconds: 3600 } as const;

/**
 * The public lifecycle routes answer no sooner than this after the request arrived, whether or not the address
 * exists, so their timing does not tell either (the Cognito calls of an existing account take longer).
 */
export const EVEN_ANSWER_MS = 400;

async function atLeast(startedAt: number, ms: number): Promise<void> {
  const wait = startedAt + ms - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

type Limit = { readonly limit: number; readonly windowSeconds: number };

/** Counts a request of `subject` against the route's limit; 429 with Retry-After past it. */
async function limit(scope: string, subject: string, now: Date, rule: Limit = LIFECYCLE_LIMIT): Promise<void> {
  const decision = await rateLimits.hit({ scope, ...rule }, subject, now);
  if (!decision.allowed) {
    const per = rule.windowSeconds === 3600 ? 'hour' : `${rule.windowSeconds / 60} minutes`;
    throw new TooManyRequestsError(
      `At most ${rule.limit} of these requests per address and ${per}; try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minutes.`,
      decision.retryAfterSeconds,
    );
  }
}

/**
 * Runs `work` for an address-keyed public route: rate-limited by `rule`, and answered (also when refused or
 * failed) no sooner than `floorMs` after it started.
 */
async function evenly<T>(scope: string, email: string, now: Date, rule: Limit, floorMs: number, work: () => Promise<T>): Promise<T> {
  const startedAt = Date.now();
  try {
    await limit(scope, email, now, rule);
    return await work();
  } finally {
    await atLeast(startedAt, floorMs);
  }
}

/**
 * Emails a new confirmation code when the address belongs to an account still waiting for one; otherwise nothing.
 * The answer is the same either way.
 */
export async function resendConfirmation(input: { email: string }, now = new Date()): Promise<void> {
  await evenly('resend-confirmation', input.email, now, LIFECYCLE_LIMIT, EVEN_ANSWER_MS, async () => {
    const user = await idp.getUser(input.email);
    if (user?.status !== 'UNCONFIRMED') return;
    await idp.resendConfirmationCode(input.email);
  });
}

/**
 * Emails a password-reset code when the address belongs to a confirmed account; otherwise nothing (an unconfirmed
 * address gets nothing but its confirmation code). The answer is the same either way.
 */
export async function forgotPassword(input: { email: string }, now = new Date()): Promise<void> {
  await evenly('forgot-password', input.email, now, LIFECYCLE_LIMIT, EVEN_ANSWER_MS, async () => {
    const user = await idp.getUser(input.email);
    if (user?.status !== 'CONFIRMED' && user?.status !== 'RESET_REQUIRED') return;
    await idp.forgotPassword(input.email);
  });
}

/**
 * Sets a new password with the emailed code and ends every session of the account, here and at Cognito. A wrong
 * code and an unknown address answer the same 400.
 */
export async function resetPassword(input: { email: string; code: string; newPassword: string }, now = new Date()): Promise<void> {
  assertPassword(input.newPassword, 'body.newPassword');
  await evenly('reset-password', input.email, now, LIFECYCLE_LIMIT, EVEN_ANSWER_MS, async () => {
    await idp.confirmForgotPassword(input.email, input.code, input.newPassword);
    const user = await idp.getUser(input.email);
    if (!user) return;
    await sessions.revokeAllSessions(user.userId, now);
    // On AWS Cognito also revokes the refresh tokens it issued (the local emulator cannot; the sessions above suffice).
    await idp.globalSignOut(user.username);
  });
}

/**
 * Changes the caller's password, given the current one, and ends every other session of theirs (the one the
 * request came with stays). Limited per account like the public routes.
 */
export async function changePassword(
  input: { userId: string; tokenId: string; accessToken: string; currentPassword: string; newPassword: string },
  now = new Date(),
): Promise<void> {
  assertPassword(input.newPassword, 'body.newPassword');
  if (input.newPassword === input.currentPassword) {
    throw new ValidationError('The new password must differ from the current one.', [{ path: 'body.newPassword', message: 'equals the current password' }]);
  }
  await limit('change-password', `user:${input.userId}`, now);
  await idp.changePassword(input.accessToken, input.currentPassword, input.newPassword);
  await sessions.revokeOtherSessions(input.userId, input.tokenId, now);
}
