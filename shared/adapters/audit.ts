import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditOutcome, AuditRecord } from '../domain/roles';
import { db, tableName } from './dynamo';
import * as keys from './keys';

/**
 * The audit trail of role changes: one `AUDIT` partition, sorted by time, kept (no TTL). Role changes are rare
 * operator actions, so one partition holds them all and lists newest first with a single Query.
 */

/** The item of an audit record (for a TransactWriteItems Put next to the change it records). */
export function auditItem(record: AuditRecord): Record<string, unknown> {
  return { ...keys.audit(record.at, record.id), ...record };
}

/** Stores an audit record on its own (a change that is not a table write, e.g. a Cognito group change). */
export async function putAudit(record: AuditRecord): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: auditItem(record), ConditionExpression: 'attribute_not_exists(pk)' }));
}

/** Sets the outcome of a `pending` record once the change it records succeeded or failed. */
export async function settleAudit(record: Pick<AuditRecord, 'at' | 'id'>, outcome: AuditOutcome, reason?: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.audit(record.at, record.id),
      UpdateExpression: reason === undefined ? 'SET outcome = :o' : 'SET outcome = :o, reason = :r',
      ExpressionAttributeValues: { ':o': outcome, ...(reason === undefined ? {} : { ':r': reason }) },
    }),
  );
}

function toRecord(item: Record<string, unknown>): AuditRecord {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as AuditRecord;
}

/** One page of the audit trail, newest first; `lastKey` continues it. */
export async function listAudit(limit: number, start?: { sk: string }): Promise<{ items: AuditRecord[]; lastKey?: { sk: string } }> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'AUDIT' },
      ScanIndexForward: false,
      Limit: limit,
      ConsistentRead: true,
      ...(start ? { ExclusiveStartKey: { pk: 'AUDIT', sk: start.sk } } : {}),
    }),
  );
  const last = out.LastEvaluatedKey?.sk;
  return { items: (out.Items ?? []).map(toRecord), ...(typeof last === 'string' ? { lastKey: { sk: last } } : {}) };
}
