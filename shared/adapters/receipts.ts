import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './dynamo';

/**
 * Receipts of side effects that cannot be undone (emails sent), keyed by the event that caused them, so a
 * redelivered message does not repeat them. Kept 14 days (longer than any queue retention).
 */
const TTL_SECONDS = 14 * 86400;

const key = (id: string) => ({ pk: `RECEIPT#${id}`, sk: 'RECEIPT' });

export async function hasReceipt(id: string): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: key(id), ConsistentRead: true }));
  return out.Item !== undefined;
}

export async function putReceipt(id: string, now: Date, detail: Record<string, unknown> = {}): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...key(id), ...detail, at: now.toISOString(), expiresAt: Math.floor(now.getTime() / 1000) + TTL_SECONDS } }));
}
