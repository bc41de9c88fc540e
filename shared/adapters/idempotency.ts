import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { UnprocessableError } from '../domain/errors';
import { db, tableName } from './dynamo';
import * as keys from './keys';

/** How long an Idempotency-Key is remembered. */
const TTL_SECONDS = 24 * 3600;

/** The reply a request got, kept for its key. */
export interface StoredReply {
  status: number;
  body: unknown;
}

/** A stable hash of a request body (key order does not matter). */
export function requestHash(body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v;
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex');
}

/**
 * The reply stored for a key: returned as is when the body matches (a retry), refused with 422 when the same key
 * comes with another body.
 */
export async function replayOf(userId: string, key: string, hash: string): Promise<StoredReply | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.idempotency(userId, key), ConsistentRead: true }));
  if (!out.Item) return undefined;
  if (out.Item.requestHash !== hash) {
    throw new UnprocessableError('This Idempotency-Key was already used with a different request body; use a new key for a new request.');
  }
  return { status: Number(out.Item.status), body: JSON.parse(String(out.Item.reply)) };
}

/** The Put that records a reply for a key, to include in the same transaction as the write it answers. */
export function rememberReply(userId: string, key: string, hash: string, reply: StoredReply, now: Date) {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.idempotency(userId, key),
        requestHash: hash,
        status: reply.status,
        reply: JSON.stringify(reply.body),
        expiresAt: Math.floor(now.getTime() / 1000) + TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Records a reply on its own, after the write it answers succeeded; a key already recorded (a racing retry) stays. */
export async function rememberAfter(userId: string, key: string, hash: string, reply: StoredReply, now: Date): Promise<void> {
  try {
    await db().send(new PutCommand(rememberReply(userId, key, hash, reply, now).Put));
  } catch (e) {
    if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
  }
}
