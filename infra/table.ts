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
   * projects ALL stores a whole second copy of each item in it; gsi4, by category, is read only for a few fields.
   */
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', include: ['id', 'type', 'fxStatus', 'baseCurrency', 'baseAmount'] },
    /**
     * Transactions by date: the table's own `pk` and the transaction's `date`, then its `sk` (a multi-attribute sort
     * key), so a transaction item stores no index key of its own and the index needs no backfill. Only items with a
     * top-level `date` are in it: transactions (and the rate sets of `FX#<base>`, never read through it).
     */
    { indexName: 'gsi5', partitionKey: 'pk', sortKeys: ['date', 'sk'] },
  ],
} as const;

type Gsi = (typeof TABLE.globalSecondaryIndexes)[number];

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
