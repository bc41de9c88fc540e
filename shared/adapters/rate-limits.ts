import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailure, tableName } from './dynamo';
import * as keys from './keys';

/**
 * Fixed-window rate limits kept in the table: one counter item per subject and window, incremented atomically
 * (UpdateItem ADD with a condition), so concurrent requests can never pass the limit together. Items carry the
 * table's TTL attribute and vanish after their window.
 */

export interface RateLimit {
  /** What is limited, e.g. `forgot-password`; part of the key. */
  scope: string;
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** The subject as it is stored: a hash, so no address sits in the table in clear. Case and spaces do not count. */
export function subjectKey(subject: string): string {
  return createHash('sha256').update(subject.trim().toLowerCase()).digest('hex').slice(0, 40);
}

/** Counts one request of `subject` against `rule`; refused (not counted) once the window's limit is reached. */
export async function hit(rule: RateLimit, subject: string, now: Date): Promise<RateDecision> {
  const nowS = Math.floor(now.getTime() / 1000);
  const windowStart = nowS - (nowS % rule.windowSeconds);
  const windowEnd = windowStart + rule.windowSeconds;
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.rateLimit(rule.scope, subjectKey(subject), windowStart),
        UpdateExpression: 'ADD #n :one SET expiresAt = :exp',
        ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
        ExpressionAttributeNames: { '#n': 'count' },
        ExpressionAttributeValues: { ':one': 1, ':limit': rule.limit, ':exp': windowEnd + 60 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return { allowed: true, remaining: Math.max(0, rule.limit - Number(out.Attributes?.count ?? rule.limit)) };
  } catch (e) {
    if (isConditionFailure(e)) return { allowed: false, retryAfterSeconds: Math.max(1, windowEnd - nowS) };
    throw e;
  }
}

/**
 * Gives back one request `hit` counted for `subject` at `now` (the same `now`, so the same window): for limits that
 * count only failures, a request is counted before it runs, so concurrent attempts cannot pass the limit together,
 * and given back when it succeeded. Never takes the count below zero.
 */
export async function release(rule: RateLimit, subject: string, now: Date): Promise<void> {
  const nowS = Math.floor(now.getTime() / 1000);
  const windowStart = nowS - (nowS % rule.windowSeconds);
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.rateLimit(rule.scope, subjectKey(subject), windowStart),
        UpdateExpression: 'ADD #n :minus',
        ConditionExpression: '#n > :zero',
        ExpressionAttributeNames: { '#n': 'count' },
        ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}
