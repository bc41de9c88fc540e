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
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const;

/** Cognito groups every deployment has (roles; their permissions live in shared/domain/roles.ts). */
export const BUILT_IN_GROUPS = ['admin', 'user'] as const;
