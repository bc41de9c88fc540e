import { UserConfirmed } from '../../events/user-confirmed';
import * as idp from '../adapters/identity-provider';
import { newEvent } from '../adapters/outbox';
import { eraseUserPartition, getProfile } from '../adapters/profiles';
import { deleteMarker, expiredMarkers, markConfirmed, type ExpiredMarker } from '../adapters/unconfirmed-accounts';
import { logger } from '../observability';

/**
 * Deletes an unconfirmed account: the Cognito user (which frees the address for a new registration), then its
 * profile and default categories. An unconfirmed account cannot sign in, so it has no sessions nor ledger.
 */
export async function expireAccount(user: idp.PoolUser): Promise<void> {
  await idp.deleteUser(user.username);
  await eraseUserPartition(user.userId);
}

/** What happened to one expired marker. */
export type Outcome = 'expired' | 'confirmed' | 'gone';

/**
 * One account whose marker is past its time. Still unconfirmed at Cognito: deleted. Confirmed there after all
 * (the confirmation was not recorded): marked confirmed, which sends the welcome. Idempotent: a repeated run finds
 * the work done.
 */
export async function expireOne(marker: ExpiredMarker, now: Date): Promise<Outcome> {
  const user = await idp.getUser(marker.userId);
  if (user && user.userId === marker.userId && user.status !== 'UNCONFIRMED') {
    const profile = await getProfile(marker.userId);
    if (profile && !profile.confirmedAt) {
      await markConfirmed(marker.userId, marker.createdAt, now, newEvent(UserConfirmed, { userId: marker.userId }, now, `user-confirmed-${marker.userId}`));
    }
    await deleteMarker(marker);
    return 'confirmed';
  }
  if (user && user.userId === marker.userId) {
    await expireAccount(user);
    await deleteMarker(marker);
    return 'expired';
  }
  // The Cognito user is gone already (a repeated run, or the person erased the account): only its data is left.
  const profile = await getProfile(marker.userId);
  if (!profile?.confirmedAt) await eraseUserPartition(marker.userId);
  await deleteMarker(marker);
  return 'gone';
}

/**
 * The daily sweep: every account unconfirmed for UNCONFIRMED_ACCOUNT_DAYS days is deleted. Each account is its own
 * unit of work: one that fails is logged and counted, keeps its marker and is tried again by the next run, while
 * the others go on. Stops starting new accounts after `budgetMs` (the rest follow the next day).
 */
export async function expireUnconfirmed(now: Date, budgetMs = 240_000): Promise<Record<Outcome | 'failed', number>> {
  const deadline = Date.now() + budgetMs;
  const counts: Record<Outcome | 'failed', number> = { expired: 0, confirmed: 0, gone: 0, failed: 0 };
  for await (const page of expiredMarkers(now)) {
    for (const marker of page) {
      if (Date.now() > deadline) return counts;
      try {
        counts[await expireOne(marker, now)]++;
      } catch (error) {
        counts.failed++;
        logger.error('Could not expire an unconfirmed account; the next run tries again', { userId: marker.userId, error: error as Error });
      }
    }
  }
  return counts;
}
