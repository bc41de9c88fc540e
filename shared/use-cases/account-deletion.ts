import { ForbiddenError, UnauthorizedError } from '../domain/errors';
import type { Principal as Caller } from '../ports/principal';
import { decodeJwtPayload } from '../adapters/jwt';
import * as idp from '../adapters/identity-provider';
import * as sessions from '../adapters/sessions';
import { importIdsOf } from '../adapters/imports';
import { newEvent } from '../adapters/outbox';
import { eraseImportRows, eraseUserPartition, getProfile, markErased } from '../adapters/profiles';
import { publish } from '../adapters/queue';
import { AccountErasureRequested } from '../../events/ledger-jobs';
import { passwordLoginLimited } from './sign-in-limit';

/** How long DELETE /me deletes data itself before leaving the rest to the ledger-jobs worker. */
const INLINE_BUDGET_MS = 5_000;
/** How long one ledger-jobs pass deletes before re-queueing the rest (up to 5 messages share the 60 s function). */
const WORKER_BUDGET_MS = 8_000;

/** How recent a sign-in must be to erase the account without giving the password again. */
export const RECENT_SIGN_IN_SECONDS = 300;

/** Whether a sign-in at `signedInAt` is recent enough at `now` (a clock skew into the future does not count). */
export function isRecentSignIn(signedInAt: Date | undefined, now: Date, windowSeconds = RECENT_SIGN_IN_SECONDS): boolean {
  if (!signedInAt) return false;
  const age = now.getTime() - signedInAt.getTime();
  return age >= -5_000 && age <= windowSeconds * 1000;
}

const REAUTHENTICATE = `Erasing the account needs a sign-in within the last ${RECENT_SIGN_IN_SECONDS / 60} minutes: sign in again (POST /auth/login), or send your password as {"password": "…"}.`;

/**
 * Proves the caller authenticated recently: the session's sign-in (not a refresh) within RECENT_SIGN_IN_SECONDS, or
 * the password, checked by the identity provider. A stolen access token alone therefore cannot erase an account.
 */
export async function assertRecentAuthentication(caller: Caller, password: string | undefined, now: Date): Promise<void> {
  if (password === undefined && isRecentSignIn(await sessions.signedInAt(caller.tokenId), now)) return;
  if (password === undefined) throw new ForbiddenError(REAUTHENTICATE);
  const profile = await getProfile(caller.userId);
  let tokens: idp.AuthTokens;
  try {
    tokens = await passwordLoginLimited(profile?.email ?? caller.username, password, now);
  } catch (e) {
    if (e instanceof UnauthorizedError) throw new ForbiddenError(`The password is incorrect. ${REAUTHENTICATE}`);
    throw e;
  }
  // The sign-in only proved the password: its refresh token is not kept.
  if (tokens.refreshToken) await idp.revokeRefreshToken(tokens.refreshToken);
  if (decodeJwtPayload(tokens.accessToken).sub !== caller.userId) throw new ForbiddenError(`The password is incorrect. ${REAUTHENTICATE}`);
}

/**
 * Erases the account. At once: every session revoked, the account marked erased (so analytics drops its late
 * events instead of recreating rollups) with an `AccountErasureRequested` event in the same transaction, the
 * Cognito user deleted. Then its data is deleted for up to 5 s; a large ledger is finished by the ledger-jobs
 * worker. `done` says whether nothing is left.
 */
export async function deleteMe(caller: Caller, now = new Date()): Promise<{ done: boolean }> {
  const profile = await getProfile(caller.userId);
  await sessions.revokeAllSessions(caller.userId, now);
  await markErased(caller.userId, now, [newEvent(AccountErasureRequested, { userId: caller.userId }, now)]);
  await idp.deleteUser(profile?.username ?? caller.username);
  return { done: await eraseData(caller.userId, Date.now() + INLINE_BUDGET_MS) };
}

/**
 * How long after the account is emptied its settle pass runs: the longest a Lambda function runs (15 minutes, also
 * SQS's longest delay). The consumers that write a user's derived items read the erasure mark before writing
 * (`isErased`), so a write that lands after the partition was emptied came from an invocation that read the mark
 * before it was set, and is in the table before this delay has passed.
 */
export const ERASURE_SETTLE_SECONDS = 900;

/**
 * One pass of the ledger-jobs worker over an erased account; re-queues itself while data is left. When a first
 * pass finds nothing left, one `settle` pass is queued for {@link ERASURE_SETTLE_SECONDS} later.
 */
export async function continueErasure(userId: string, now = new Date(), settle = false): Promise<boolean> {
  const done = await eraseData(userId, Date.now() + WORKER_BUDGET_MS);
  if (!done) await publish('ledger-jobs', [newEvent(AccountErasureRequested, { userId, ...(settle ? { settle } : {}) }, now)]);
  else if (!settle) await publish('ledger-jobs', [newEvent(AccountErasureRequested, { userId, settle: true }, now)], { delaySeconds: ERASURE_SETTLE_SECONDS });
  return done;
}

/** The user's import row partitions (named by the import jobs), then the user's own partition. */
async function eraseData(userId: string, deadline: number): Promise<boolean> {
  for (const importId of await importIdsOf(userId)) {
    if (!(await eraseImportRows(userId, importId, deadline))) return false;
  }
  return eraseUserPartition(userId, deadline);
}
