import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailure, queryPages, tableName } from './dynamo';
import { keys } from './keys';

/** The attributes that hold an index's keys on an item. */
export interface IndexKeyNames {
  pk: string;
  sk: string;
}

/**
 * Index keys transactions carried in older forms, none of them read or written now: the date-index keys of before
 * gsi5 (`gsi1pk`/`gsi1sk`), the by-category keys of gsi4 (`gsi4pk`/`gsi4sk`) and, before those, of gsi2
 * (`gsi2pk`/`gsi2sk`). Each pair that remains keeps a copy of the transaction in that index, which only costs storage.
 */
export const STALE_INDEX_KEYS: readonly IndexKeyNames[] = [keys.legacyByDateKeys, keys.legacyByCategoryKeys, keys.olderByCategoryKeys];

const STALE_ATTRIBUTES: readonly string[] = STALE_INDEX_KEYS.flatMap((k) => [k.pk, k.sk]);

/** A transaction that still holds stale index keys: its table key, and the value of each stale attribute it has. */
export interface HeldIndexKeys {
  pk: string;
  sk: string;
  held: Record<string, string>;
}

const names = (attributes: readonly string[]) => Object.fromEntries(attributes.map((a, i) => [`#k${i}`, a]));

/** One transaction item read with its stale attributes, or undefined when it holds none (or is not a transaction). */
function heldOf(item: Record<string, unknown>): HeldIndexKeys | undefined {
  if (!keys.transactionOf(item)) return undefined;
  const held = Object.fromEntries(STALE_ATTRIBUTES.flatMap((a) => (typeof item[a] === 'string' ? [[a, item[a]]] : [])));
  return Object.keys(held).length > 0 ? { pk: String(item.pk), sk: String(item.sk), held } : undefined;
}

/**
 * The user's transactions that still hold any stale index key ({@link STALE_INDEX_KEYS}), a page at a time: the date
 * index (which holds only the user's dated items, transactions), filtered, 500 read a page. For `npm run migrate-index-keys`.
 */
export async function* transactionsHoldingStaleKeys(userId: string): AsyncGenerator<HeldIndexKeys[]> {
  const attributeNames = names(STALE_ATTRIBUTES);
  for await (const page of queryPages({
    IndexName: keys.byDateIndex,
    KeyConditionExpression: 'pk = :p',
    FilterExpression: Object.keys(attributeNames).map((n) => `attribute_exists(${n})`).join(' OR '),
    ExpressionAttributeNames: attributeNames,
    ExpressionAttributeValues: { ':p': keys.userPartition(userId) },
    ProjectionExpression: ['pk', 'sk', ...Object.keys(attributeNames)].join(', '),
    Limit: 500,
  })) {
    yield page.items.flatMap((i) => heldOf(i) ?? []);
  }
}

/**
 * Removes a transaction's stale index keys (and with them its copies in those indexes), unless any of them changed
 * since it was read: a save meanwhile wrote the current form (a whole-item Put without them) and the item is left
 * alone. The write changes nothing a ledger event holds, so the stream relay emits none.
 */
export async function removeIndexKeys(item: HeldIndexKeys): Promise<boolean> {
  const attributes = Object.keys(item.held);
  if (attributes.length === 0) return true;
  const attributeNames = names(attributes);
  const refs = Object.keys(attributeNames);
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: `REMOVE ${refs.join(', ')}`,
        ConditionExpression: refs.map((n, i) => `${n} = :v${i}`).join(' AND '),
        ExpressionAttributeNames: attributeNames,
        ExpressionAttributeValues: Object.fromEntries(attributes.map((a, i) => [`:v${i}`, item.held[a]])),
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}
