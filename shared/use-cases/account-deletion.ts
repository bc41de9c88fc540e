import type { Caller } from '../http/identity';
import * as idp from '../adapters/identity-provider';
import * as sessions from '../adapters/sessions';
import { importIdsOf } from '../adapters/imports';
import { keys } from '../adapters/keys';
import { newEvent } from '../adapters/outbox';
import { erasePartition, getProfile, markErased } from '../adapters/profiles';
import { publish } from '../adapters/queue';
import { AccountErasureRequested } from '../../events/ledger-jobs';

/** How long DELETE /me deletes data itself before leaving the rest to the ledger-jobs worker. */
const INLINE_BUDGET_MS = 5_000;
/** How long one ledger-jobs pass deletes before re-queueing the rest (up to 5 messages share the 60 s function). */
const WORKER_BUDGET_MS = 8_000;

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

/** One pass of the ledger-jobs worker over an erased account; re-queues itself while data is left. */
export async function continueErasure(userId: string, now = new Date()): Promise<boolean> {
  const done = await eraseData(userId, Date.now() + WORKER_BUDGET_MS);
  if (!done) await publish('ledger-jobs', [newEvent(AccountErasureRequested, { userId }, now)]);
  return done;
}

/** The user's import row partitions (named by the import jobs), then the user's own partition. */
async function eraseData(userId: string, deadline: number): Promise<boolean> {
  for (const importId of await importIdsOf(userId)) {
    if (!(await erasePartition(keys.importPartition(userId, importId), deadline))) return false;
  }
  return erasePartition(keys.userPartition(userId), deadline);
}
