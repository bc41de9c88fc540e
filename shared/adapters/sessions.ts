import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailure, queryAll, tableName } from './dynamo';
import { keys } from './keys';

/**
 * Sign-in sessions and the allow-list of access tokens this API issued.
 *
 * API Gateway's JWT authorizer checks signatures and expiry but not revocation, and the local Cognito emulator has
 * no global sign-out, so logout is enforced here, identically in both targets: every access token handed out by
 * `/auth/login` or `/auth/refresh` is recorded under its session; logout marks the session and all its tokens
 * revoked; the handler factory accepts only recorded, unrevoked tokens (one consistent GetItem).
 */

/** Session id: a hash of the refresh token, so the token itself is never stored. */
export function sessionIdOf(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex').slice(0, 40);
}

export interface IssuedToken {
  jti: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/** Records a new session (a login) and its first access token. */
export async function openSession(input: { userId: string; refreshToken: string; token: IssuedToken; refreshExpiresAt: number; now: Date }): Promise<string> {
  const sid = sessionIdOf(input.refreshToken);
  const createdAt = input.now.toISOString();
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: { ...keys.session(sid), userId: input.userId, createdAt, tokens: new Set([input.token.jti]), expiresAt: input.refreshExpiresAt } } },
        { Put: { TableName: tableName(), Item: { ...keys.userSession(input.userId, sid), createdAt, expiresAt: input.refreshExpiresAt } } },
        { Put: { TableName: tableName(), Item: { ...keys.token(input.token.jti), userId: input.userId, sid, expiresAt: input.token.expiresAt } } },
      ],
    }),
  );
  return sid;
}

/** The session a refresh token belongs to, if this API issued it. */
export async function findSession(refreshToken: string): Promise<{ sid: string; userId: string; revoked: boolean } | undefined> {
  const sid = sessionIdOf(refreshToken);
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.session(sid), ConsistentRead: true }));
  if (!out.Item) return undefined;
  return { sid, userId: String(out.Item.userId), revoked: out.Item.revokedAt !== undefined };
}

/**
 * Adds a refreshed access token to a session. Refused (returns false) when the session was revoked meanwhile, so a
 * refresh racing a logout can never mint a live token.
 */
export async function addToken(sid: string, userId: string, token: IssuedToken): Promise<boolean> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.session(sid),
              UpdateExpression: 'ADD tokens :t',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt) AND userId = :u',
              ExpressionAttributeValues: { ':t': new Set([token.jti]), ':u': userId },
            },
          },
          { Put: { TableName: tableName(), Item: { ...keys.token(token.jti), userId, sid, expiresAt: token.expiresAt } } },
        ],
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Whether an access token was issued by this API to `userId` and is not revoked. Strongly consistent. */
export async function isTokenActive(jti: string, userId: string): Promise<boolean> {
  const out = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.token(jti), ConsistentRead: true, ProjectionExpression: 'userId, revoked' }),
  );
  return out.Item !== undefined && out.Item.userId === userId && out.Item.revoked !== true;
}

async function revokeSession(sid: string, now: Date): Promise<void> {
  // Mark the session first: from here on no refresh can add a token (see addToken); then revoke every token it holds.
  const out = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.session(sid),
      UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': now.toISOString() },
      ReturnValues: 'ALL_NEW',
    }),
  ).catch((e: unknown) => {
    if (isConditionFailure(e)) return undefined;
    throw e;
  });
  const tokens = out?.Attributes?.tokens as Set<string> | undefined;
  await Promise.all(
    [...(tokens ?? [])].map((jti) =>
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.token(jti),
          UpdateExpression: 'SET revoked = :t',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':t': true },
        }),
      ).catch((e: unknown) => {
        if (!isConditionFailure(e)) throw e;
      }),
    ),
  );
}

/** Logout: revokes the session an access token belongs to, with every access token of that session. */
export async function revokeByToken(jti: string, now: Date): Promise<void> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.token(jti), ConsistentRead: true }));
  const sid = out.Item?.sid as string | undefined;
  if (sid) await revokeSession(sid, now);
}

/** Revokes every session of a user (account deletion). */
export async function revokeAllSessions(userId: string, now: Date): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':pk': keys.profile(userId).pk, ':s': 'SESSION#' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      await revokeSession(String(item.sk).slice('SESSION#'.length), now);
      count++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

/**
 * Revokes every session of a user except the one the access token `keepTokenId` belongs to (a password change
 * ends the other sign-ins). Returns how many were revoked.
 */
export async function revokeOtherSessions(userId: string, keepTokenId: string, now: Date): Promise<number> {
  const kept = await db().send(new GetCommand({ TableName: tableName(), Key: keys.token(keepTokenId), ConsistentRead: true }));
  const keepSid = kept.Item?.userId === userId ? (kept.Item.sid as string | undefined) : undefined;
  const sids = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':pk': keys.profile(userId).pk, ':s': 'SESSION#' },
    ProjectionExpression: 'sk',
  });
  const others = sids.map((item) => String(item.sk).slice('SESSION#'.length)).filter((sid) => sid !== keepSid);
  for (const sid of others) await revokeSession(sid, now);
  return others.length;
}
