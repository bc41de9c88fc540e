import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { RegistrationAttempted } from '../../events/registration-attempted';
import { db, isConditionFailure } from './dynamo';
import { newEvent, outboxPut } from './outbox';

/**
 * Records that someone registered with the address of an existing account: a `RegistrationAttempted` outbox item
 * whose id is the account and the UTC day, written only if absent, so the owner's notice goes out at most once a
 * day however often the address is tried (the item outlives its day by the outbox's TTL).
 */
export async function recordRegistrationAttempt(userId: string, now: Date): Promise<'recorded' | 'already-today'> {
  const day = now.toISOString().slice(0, 10);
  const { Put } = outboxPut(newEvent(RegistrationAttempted, { userId }, now, `registration-attempted-${userId}-${day}`));
  try {
    await db().send(new PutCommand({ ...Put, ConditionExpression: 'attribute_not_exists(pk)' }));
    return 'recorded';
  } catch (e) {
    if (isConditionFailure(e)) return 'already-today';
    throw e;
  }
}
