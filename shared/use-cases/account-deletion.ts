import type { Caller } from '../http/identity';
import * as idp from '../adapters/identity-provider';
import * as sessions from '../adapters/sessions';
import { erasePartition, getProfile } from '../adapters/profiles';
import { keys } from '../adapters/keys';

/** Erases the account: every session revoked, the Cognito user deleted, every item of the user's data removed. */
export async function deleteMe(caller: Caller, now = new Date()): Promise<void> {
  const profile = await getProfile(caller.userId);
  await sessions.revokeAllSessions(caller.userId, now);
  await idp.deleteUser(profile?.username ?? caller.username);
  await erasePartition(keys.userPartition(caller.userId));
}
