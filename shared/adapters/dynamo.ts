import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';
import { tracer } from '../observability';

let doc: DynamoDBDocumentClient | undefined;

/**
 * The process's DynamoDB document client. The endpoint comes from the SDK's own configuration
 * (`AWS_ENDPOINT_URL_DYNAMODB` points it at DynamoDB Local in the local cloud), so code is identical in both targets.
 */
export function db(): DynamoDBDocumentClient {
  if (!doc) {
    const client = tracer.captureAWSv3Client(new DynamoDBClient({ maxAttempts: 4 }));
    doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
      unmarshallOptions: { wrapNumbers: false },
    });
  }
  return doc;
}

export function tableName(): string {
  return config().TABLE_NAME;
}

/** Whether an error is DynamoDB's ConditionalCheckFailedException (or a transaction cancelled by one). */
export function isConditionFailure(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'ConditionalCheckFailedException') return true;
  if (name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.some((r) => r.Code === 'ConditionalCheckFailed');
  }
  return false;
}
