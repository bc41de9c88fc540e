import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailure, queryPages, tableName } from './dynamo';
import * as keys from './keys';

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

/**
 * An item of the user's partition to clean: a transaction's stale index keys (`held`: the value of each stale
 * attribute it has), and whether the item holds a null `categoryId` — budgets (overall), recurring payments and
 * what the categoriser learned stored one before; a top-level `categoryId` is a key attribute of the by-category
 * index (gsi6), which refuses a write leaving a null one, so it goes (every reader takes no attribute as null).
 */
export interface HeldIndexKeys {
  pk: string;
  sk: string;
  held: Record<string, string>;
  nullCategory?: boolean;
}

const names = (attributes: readonly string[]) => Object.fromEntries(attributes.map((a, i) => [`#k${i}`, a]));

/** What to clean on one item read, or undefined when nothing (stale keys are taken from transactions only). */
function heldOf(item: Record<string, unknown>): HeldIndexKeys | undefined {
  const stale = keys.transactionOf(item) ? STALE_ATTRIBUTES.flatMap((a) => (typeof item[a] === 'string' ? [[a, item[a]]] : [])) : [];
  const nullCategory = item.categoryId === null;
  if (stale.length === 0 && !nullCategory) return undefined;
  return { pk: String(item.pk), sk: String(item.sk), held: Object.fromEntries(stale), ...(nullCategory ? { nullCategory } : {}) };
}

/**
 * The user's items to clean ({@link HeldIndexKeys}: transactions holding any stale index key of
 * {@link STALE_INDEX_KEYS}, items holding a null `categoryId`), a page at a time: the user's table partition,
 * filtered, 500 read a page. For `npm run migrate-index-keys`.
 */
export async function* itemsHoldingStaleKeys(userId: string): AsyncGenerator<HeldIndexKeys[]> {
  const attributeNames = names(STALE_ATTRIBUTES);
  const exists = Object.keys(attributeNames).map((n) => `attribute_exists(${n})`);
  for await (const page of queryPages({
    KeyConditionExpression: 'pk = :p',
    FilterExpression: [...exists, 'attribute_type(#cat, :null)'].join(' OR '),
    ExpressionAttributeNames: { ...attributeNames, '#cat': 'categoryId' },
    ExpressionAttributeValues: { ':p': keys.userPartition(userId), ':null': 'NULL' },
    ProjectionExpression: ['pk', 'sk', '#cat', ...Object.keys(attributeNames)].join(', '),
    Limit: 500,
  })) {
    yield page.items.flatMap((i) => heldOf(i) ?? []);
  }
}

/**
 * Removes a transaction's stale index keys (and with them its copies in those indexes) and a null `categoryId`,
 * unless any of them changed since it was read: a save meanwhile wrote the current form (a whole-item Put without
 * them) and the item is left alone. The write changes nothing a ledger event holds, so the stream relay emits none.
 */
export async function removeIndexKeys(item: HeldIndexKeys): Promise<boolean> {
  const attributes = Object.keys(item.held);
  if (attributes.length === 0 && !item.nullCategory) return true;
  const attributeNames = names(attributes);
  const refs = Object.keys(attributeNames);
  const conditions = refs.map((n, i) => `${n} = :v${i}`);
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: `REMOVE ${[...refs, ...(item.nullCategory ? ['#cat'] : [])].join(', ')}`,
        ConditionExpression: [...conditions, ...(item.nullCategory ? ['attribute_type(#cat, :null)'] : [])].join(' AND '),
        ExpressionAttributeNames: { ...attributeNames, ...(item.nullCategory ? { '#cat': 'categoryId' } : {}) },
        ExpressionAttributeValues: { ...Object.fromEntries(attributes.map((a, i) => [`:v${i}`, item.held[a]])), ...(item.nullCategory ? { ':null': 'NULL' } : {}) },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}
