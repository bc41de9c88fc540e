import type { _Record, AttributeValue as SdkValue } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

type Image = Record<string, SdkValue> | undefined;

/** An attribute value in the DynamoDB JSON of Lambda events (binary as base64). */
export function lambdaValue(v: SdkValue): AttributeValue {
  if (v.S !== undefined) return { S: v.S };
  if (v.N !== undefined) return { N: v.N };
  if (v.B !== undefined) return { B: Buffer.from(v.B).toString('base64') };
  if (v.BOOL !== undefined) return { BOOL: v.BOOL };
  if (v.NULL !== undefined) return { NULL: v.NULL };
  if (v.SS !== undefined) return { SS: v.SS };
  if (v.NS !== undefined) return { NS: v.NS };
  if (v.BS !== undefined) return { BS: v.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (v.L !== undefined) return { L: v.L.map(lambdaValue) };
  if (v.M !== undefined) return { M: lambdaImage(v.M) ?? {} };
  // The Streams client (3.1141) reads `{"M": {}}` as `{}`: a value with no member at all is an empty map.
  if (Object.keys(v).length === 0) return { M: {} };
  throw new Error(`Unknown attribute value ${JSON.stringify(v)}`);
}

function lambdaImage(image: Image): Record<string, AttributeValue> | undefined {
  if (!image) return undefined;
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, lambdaValue(v)]));
}

/**
 * The Lambda event filters of a stream function (the manifest's `filters`, as the CDK app deploys them): a record
 * matches when its new or its old image has a string attribute starting with one filter's prefix.
 */
export function matchesFilters(record: _Record, filters: readonly { attribute: string; prefix: string }[]): boolean {
  const images = [record.dynamodb?.NewImage, record.dynamodb?.OldImage];
  return filters.some((f) => images.some((image) => {
    const v = image?.[f.attribute]?.S;
    return v !== undefined && v.startsWith(f.prefix);
  }));
}

/** A stream ARN as it reads on AWS (DynamoDB Local writes the region as `ddblocal`). */
export function awsStreamArn(streamArn: string, region: string): string {
  return streamArn.replace(/^arn:aws:dynamodb:ddblocal:/, `arn:aws:dynamodb:${region}:`);
}

/** One stream record as Lambda's DynamoDB event source hands it to the function. */
export function lambdaStreamRecord(r: _Record, streamArn: string, region: string): DynamoDBRecord {
  const d = r.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  const keys = lambdaImage(d.Keys);
  const newImage = lambdaImage(d.NewImage);
  const oldImage = lambdaImage(d.OldImage);
  return {
    eventID: r.eventID ?? '',
    eventName: r.eventName ?? 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ApproximateCreationDateTime: created instanceof Date ? Math.floor(created.getTime() / 1000) : Math.floor(Date.now() / 1000),
      ...(keys ? { Keys: keys } : {}),
      ...(newImage ? { NewImage: newImage } : {}),
      ...(oldImage ? { OldImage: oldImage } : {}),
      ...(d.SequenceNumber !== undefined ? { SequenceNumber: d.SequenceNumber } : {}),
      ...(d.SizeBytes !== undefined ? { SizeBytes: d.SizeBytes } : {}),
      ...(d.StreamViewType !== undefined ? { StreamViewType: d.StreamViewType } : {}),
    },
    eventSourceARN: awsStreamArn(streamArn, region),
    ...(r.userIdentity ? { userIdentity: { type: r.userIdentity.Type, principalId: r.userIdentity.PrincipalId } } : {}),
  };
}

export function streamEvent(records: _Record[], streamArn: string, region: string): DynamoDBStreamEvent {
  return { Records: records.map((r) => lambdaStreamRecord(r, streamArn, region)) };
}

/**
 * How far a batch of stream records got, as Lambda checkpoints with ReportBatchItemFailures: `processed` records
 * (a prefix of the batch, in order) are done; the rest are retried, starting at the lowest failed sequence number.
 * Returns -1 as `processed` count when the response is invalid (the whole batch is retried).
 */
export function streamBatchProgress(result: unknown, sequenceNumbers: string[]): { processed: number; valid: boolean } {
  const all = { processed: sequenceNumbers.length, valid: true };
  if (result === undefined || result === null || typeof result !== 'object') return all;
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return all;
  if (!Array.isArray(failures)) return { processed: 0, valid: false };
  let first = sequenceNumbers.length;
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const at = typeof id === 'string' ? sequenceNumbers.indexOf(id) : -1;
    if (at < 0) return { processed: 0, valid: false };
    first = Math.min(first, at);
  }
  return { processed: first, valid: true };
}
