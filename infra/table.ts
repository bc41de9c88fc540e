/**
 * The DynamoDB table, as plain data: the CDK stateful stack and the local cloud both create it from this, so the
 * two targets cannot drift. Key meanings are documented in shared/adapters/keys.ts.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  /** The change stream feeds the outbox relay (functions/stream/outbox-relay.ts). */
  stream: 'NEW_AND_OLD_IMAGES',
  /**
   * `include`: the attributes an index keeps besides the keys (none listed: every attribute, ALL). An index that
   * projects ALL stores a whole second copy of each item in it; gsi6, by category, is read only for a few fields.
   */
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /**
     * The by-category index before gsi6: unread, and no transaction is written with its keys any more. It stays
     * declared for this release only because CloudFormation adds or removes at most one GSI per stack update (this
     * release adds gsi6); a later release removes it, once `npm run migrate-index-keys` has stripped gsi4pk/gsi4sk
     * from the items written before.
     */
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', include: ['id', 'type', 'fxStatus', 'baseCurrency', 'baseAmount'] },
    /**
     * Transactions by date: the table's own `pk` and the transaction's `date`, then its `sk` (a multi-attribute sort
     * key), so a transaction item stores no index key of its own and the index needs no backfill. Only items with a
     * top-level `date` are in it: transactions (and the rate sets of `FX#<base>`, never read through it).
     */
    { indexName: 'gsi5', partitionKey: 'pk', sortKeys: ['date', 'sk'] },
    /**
     * Transactions by primary category: a multi-attribute partition key of the table's own `pk` and the item's
     * `categoryId`, sorted by `date`, so a transaction stores no index key of its own and the index fills (backfills
     * on creation) from attributes every categorised transaction already has. An item is in it only when it has
     * all three top-level attributes: today only transactions (`TX#`) do — budgets, recurring payments and what the
     * categoriser learned hold a `categoryId` but no `date`; rate sets (`FX#<base>`) a `date` but no `categoryId`;
     * alerts and advice neither — and its readers still keep `TX#` items only. It keeps the keys (pk, sk,
     * categoryId, date) and the few fields its readers use; the id comes from `sk`. As key attributes, `categoryId`
     * and `date` must be strings on every item that has them: a write leaving a null one is refused.
     */
    { indexName: 'gsi6', partitionKeys: ['pk', 'categoryId'], sortKey: 'date', include: ['type', 'fxStatus', 'baseCurrency', 'baseAmount'] },
  ],
} as const;

type Gsi = (typeof TABLE.globalSecondaryIndexes)[number];

/** The partition-key attributes of an index, in order (one, or several for a multi-attribute partition key). */
export function indexPartitionKeys(gsi: Gsi): readonly string[] {
  return 'partitionKeys' in gsi ? gsi.partitionKeys : [gsi.partitionKey];
}

/** Every key attribute of an index (partition, then sort): an item is in the index only when it has all of them. */
export function indexKeyAttributes(gsi: Gsi): readonly string[] {
  return [...indexPartitionKeys(gsi), ...indexSortKeys(gsi)];
}

/** The sort-key attributes of an index, in order (one, or several for a multi-attribute sort key). */
export function indexSortKeys(gsi: Gsi): readonly string[] {
  return 'sortKeys' in gsi ? gsi.sortKeys : [gsi.sortKey];
}

/** The attributes an index keeps besides the keys, or undefined when it keeps every attribute (ALL). */
export function projectedAttributes(indexName: string): readonly string[] | undefined {
  const gsi = TABLE.globalSecondaryIndexes.find((g) => g.indexName === indexName);
  return gsi && 'include' in gsi ? gsi.include : undefined;
}

/** Cognito groups every deployment has (roles; their permissions live in shared/domain/roles.ts). */
export const BUILT_IN_GROUPS = ['admin', 'user'] as const;
