import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';

/**
 * Every record of the local table's stream so far (in order per shard) that `keep` accepts, and the stream's ARN,
 * read through the real Streams API of the test cloud (`env` is the cloud's environment: endpoint and table name).
 */
export async function readStream(env: Record<string, string>, keep: (r: _Record) => boolean = () => true): Promise<{ arn: string; records: _Record[] }> {
  const ddb = new DynamoDBClient({});
  const streams = new DynamoDBStreamsClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB });
  const arn = (await ddb.send(new DescribeTableCommand({ TableName: env.TABLE_NAME }))).Table?.LatestStreamArn ?? '';
  const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards ?? [];
  const out: _Record[] = [];
  for (const shard of shards) {
    let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    for (let empty = 0; iterator && empty < 2; ) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      out.push(...(page.Records ?? []).filter(keep));
      empty = (page.Records?.length ?? 0) === 0 ? empty + 1 : 0;
      iterator = page.NextShardIterator;
    }
  }
  return { arn, records: out };
}
