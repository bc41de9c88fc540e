import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type Projection,
} from '@aws-sdk/client-dynamodb';
import { indexKeyAttributes, indexPartitionKeys, indexSortKeys, projectedAttributes, TABLE } from '../table';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws';
import type { Log } from './log';

export function dynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
}

function projection(indexName: string): Projection {
  const include = projectedAttributes(indexName);
  return include ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...include] } : { ProjectionType: 'ALL' };
}

/** The CreateTable request for the app's table, built from infra/table.ts (the same data the CDK stack reads). */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const names = new Set<string>([TABLE.partitionKey, TABLE.sortKey]);
  for (const g of TABLE.globalSecondaryIndexes) {
    for (const k of indexKeyAttributes(g)) names.add(k);
  }
  const attributes: AttributeDefinition[] = [...names].map((AttributeName) => ({ AttributeName, AttributeType: 'S' }));
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributes,
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((g) => ({
      IndexName: g.indexName,
      KeySchema: [
        ...indexPartitionKeys(g).map((AttributeName) => ({ AttributeName, KeyType: 'HASH' as const })),
        ...indexSortKeys(g).map((AttributeName) => ({ AttributeName, KeyType: 'RANGE' as const })),
      ],
      Projection: projection(g.indexName),
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.stream },
  };
}

/**
 * Creates the table when missing, and brings an existing one up to infra/table.ts (new indexes, the stream, TTL),
 * so a data folder from an older run keeps working. `empty` skips the look-up (a fresh in-memory database).
 * Returns the stream ARN.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string, log: Log, empty = false): Promise<string> {
  const definition = tableDefinition(tableName);
  const enableTtl = () =>
    client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true } }));
  const found = empty
    ? undefined
    : await client
        .send(new DescribeTableCommand({ TableName: tableName }))
        .then((r) => r.Table)
        .catch((e: unknown) => {
          if ((e as Error).name === 'ResourceNotFoundException') return undefined;
          throw e;
        });
  if (!found) {
    const created = (await client.send(new CreateTableCommand(definition))).TableDescription;
    await enableTtl();
    log.info(`created table ${tableName}`);
    if (!created?.LatestStreamArn) throw new Error(`Table ${tableName} has no stream`);
    return created.LatestStreamArn;
  }
  let description = found;
  const present = new Set((description.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  for (const g of definition.GlobalSecondaryIndexes ?? []) {
    if (present.has(g.IndexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: definition.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection } }],
      }),
    );
    log.info(`added index ${g.IndexName ?? ''} to ${tableName}`);
  }
  if (!description.StreamSpecification?.StreamEnabled) {
    await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: definition.StreamSpecification }));
    log.info(`enabled the stream of ${tableName}`);
  }
  if (present.size !== (definition.GlobalSecondaryIndexes ?? []).length || !description.StreamSpecification?.StreamEnabled) {
    description = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table ?? description;
  }
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const ttlStatus = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  if (ttlStatus !== 'ENABLED' && ttlStatus !== 'ENABLING') await enableTtl();
  if (!description.LatestStreamArn) throw new Error(`Table ${tableName} has no stream`);
  return description.LatestStreamArn;
}
