import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailure, queryPages, tableName } from './dynamo';
import { keys } from './keys';

/** A transaction that still carries the date-index keys of before `gsi5`, as `npm run migrate-date-index` reads it. */
export interface LegacyDateKeys {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
}

/** The user's transactions that still carry `gsi1pk`/`gsi1sk`, a page at a time (the date index, filtered). */
export async function* legacyDateKeys(userId: string): AsyncGenerator<LegacyDateKeys[]> {
  for await (const page of queryPages({
    IndexName: keys.byDateIndex,
    KeyConditionExpression: 'pk = :p',
    FilterExpression: 'attribute_exists(gsi1pk)',
    ExpressionAttributeValues: { ':p': keys.userPartition(userId) },
    ProjectionExpression: 'pk, sk, gsi1pk, gsi1sk',
    Limit: 500,
  })) {
    yield page.items as unknown as LegacyDateKeys[];
  }
}

/**
 * Removes one transaction's old date-index keys (and with them its copy in gsi1), unless they changed since they were
 * read. The write changes nothing a ledger event holds, so the relay emits none.
 */
export async function dropDateKeys(item: LegacyDateKeys): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'gsi1pk = :p AND gsi1sk = :s',
        ExpressionAttributeValues: { ':p': item.gsi1pk, ':s': item.gsi1sk },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}
