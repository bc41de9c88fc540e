import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailure, queryPages, tableName } from './dynamo';
import { keys } from './keys';

/** The attributes that hold an index's keys on an item. */
export interface IndexKeyNames {
  pk: string;
  sk: string;
}

/** By-category keys as transactions carried them before gsi4 (gsi2), and as they carry them now. */
export const LEGACY_CATEGORY_KEYS: IndexKeyNames = { pk: 'gsi2pk', sk: 'gsi2sk' };
export const CATEGORY_KEYS: IndexKeyNames = { pk: 'gsi4pk', sk: 'gsi4sk' };
/** Date-index keys as transactions carried them before gsi5, which needs none of their own. */
export const LEGACY_DATE_KEYS: IndexKeyNames = { pk: 'gsi1pk', sk: 'gsi1sk' };

/** A transaction that still holds index keys of an older form: its table key and those keys' values. */
export interface HeldIndexKeys {
  pk: string;
  sk: string;
  keyPk: string;
  keySk: string;
}

/**
 * The user's transactions that still hold keys in the attributes `names`, a page at a time (the date index, which holds
 * only transactions, filtered), for the per-user migrations (`npm run migrate-category-index`, `migrate-date-index`).
 */
export async function* transactionsHolding(userId: string, names: IndexKeyNames): AsyncGenerator<HeldIndexKeys[]> {
  for await (const page of queryPages({
    IndexName: keys.byDateIndex,
    KeyConditionExpression: 'pk = :p',
    FilterExpression: 'attribute_exists(#kp)',
    ExpressionAttributeNames: { '#kp': names.pk, '#ks': names.sk },
    ExpressionAttributeValues: { ':p': keys.userPartition(userId) },
    ProjectionExpression: 'pk, sk, #kp, #ks',
    Limit: 500,
  })) {
    yield page.items.map((i) => ({ pk: String(i.pk), sk: String(i.sk), keyPk: String(i[names.pk]), keySk: String(i[names.sk]) }));
  }
}

/**
 * Moves one transaction's keys out of the attributes `from` (into `to`, or nowhere: the index copy they made goes),
 * unless they changed since they were read (a save meanwhile wrote the current form). The write changes nothing a
 * ledger event holds, so the relay emits none.
 */
export async function moveIndexKeys(item: HeldIndexKeys, from: IndexKeyNames, to?: IndexKeyNames): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: `${to ? 'SET #tp = :p, #ts = :s ' : ''}REMOVE #fp, #fs`,
        ConditionExpression: '#fp = :p AND #fs = :s',
        ExpressionAttributeNames: { '#fp': from.pk, '#fs': from.sk, ...(to ? { '#tp': to.pk, '#ts': to.sk } : {}) },
        ExpressionAttributeValues: { ':p': item.keyPk, ':s': item.keySk },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}
