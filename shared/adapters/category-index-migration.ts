import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailure, queryPages, tableName } from './dynamo';
import { keys } from './keys';

/** A transaction still filed under the legacy by-category keys (gsi2), as `npm run migrate-category-index` reads it. */
export interface LegacyCategoryKeys {
  pk: string;
  sk: string;
  gsi2pk: string;
  gsi2sk: string;
}

/** The user's transactions that still carry by-category keys on gsi2, a page at a time (the date index, filtered). */
export async function* legacyCategoryKeys(userId: string): AsyncGenerator<LegacyCategoryKeys[]> {
  for await (const page of queryPages({
    IndexName: keys.byDateIndex,
    KeyConditionExpression: 'pk = :p',
    FilterExpression: 'begins_with(gsi2pk, :cat)',
    ExpressionAttributeValues: { ':p': keys.userPartition(userId), ':cat': `${keys.byCategoryPartition(userId, '')}` },
    ProjectionExpression: 'pk, sk, gsi2pk, gsi2sk',
    Limit: 500,
  })) {
    yield page.items as unknown as LegacyCategoryKeys[];
  }
}

/**
 * Moves one transaction's by-category keys from gsi2 to gsi4, unless its keys changed since they were read (a save
 * meanwhile wrote the current form). The write changes nothing a ledger event holds, so the relay emits none.
 */
export async function moveCategoryKeys(item: LegacyCategoryKeys): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET gsi4pk = :p, gsi4sk = :s REMOVE gsi2pk, gsi2sk',
        ConditionExpression: 'gsi2pk = :p AND gsi2sk = :s',
        ExpressionAttributeValues: { ':p': item.gsi2pk, ':s': item.gsi2sk },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}
