import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { UnprocessableError, ValidationError } from '../domain/errors';
import { db, tableName } from '../adapters/dynamo';
import { keys } from '../adapters/keys';

/** How long an Idempotency-Key is remembered. */
const TTL_SECONDS = 24 * 3600;

export interface StoredReply {
  status: number;
  body: unknown;
}

/** Validates an `Idempotency-Key` header value (absent is fine). */
export function idempotencyKeyOf(headers: Record<string, string>): string | undefined {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,128}$/.test(key)) {
    throw new ValidationError('Idempotency-Key must be 1–128 visible ASCII characters.', [{ path: 'header.Idempotency-Key', message: 'invalid' }]);
  }
  return key;
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
