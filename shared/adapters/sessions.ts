import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, getItem, getItems, isConditionFailure, queryAll, tableName } from './dynamo';
import * as keys from './keys';
import { remember, takePending } from './read-ahead';

/**
 * Sign-in sessions and the allow-list of access tokens this API issued.
 *
 * API Gateway's JWT authorizer checks signatures and expiry but not revocation, and the local Cognito emulator has
 * no global sign-out, so logout is enforced here, identically in both targets: every access token handed out by
 * `/auth/login` or `/auth/refresh` is recorded under its session; logout marks the session and all its tokens
 * revoked; the handler factory accepts only recorded, unrevoked tokens (one consistent GetItem).
 */

/** Session id: a hash of the refresh token, so the token itself is never stored in clear. */
export function sessionIdOf(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex').slice(0, 40);
}

export interface IssuedToken {
  jti: string;
  /** Epoch seconds. */
  expiresAt: number;
  /**
   * The access token itself, when known: the session's refresh token is stored sealed under a key derived from it
   * (see sealRefreshToken). The access token is never stored.
   */
  accessToken?: string;
}

const SEAL_CONTEXT = 'tally/session-refresh-token/v1\0';

function sealKey(accessToken: string): Buffer {
  return createHash('sha256').update(SEAL_CONTEXT).update(accessToken).digest();
}

/**
 * The refresh token sealed (AES-256-GCM) under a key derived from one access token of its session, bound to that
 * token's jti. Stored with the access token's allow-list item, it lets logout revoke the refresh token at the
 * identity provider when the client does not send it — yet the table alone never yields a refresh token: opening
 * it needs the bearer access token, which only the client holds.
 */
export function sealRefreshToken(refreshToken: string, accessToken: string, jti: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(accessToken), iv).setAAD(Buffer.from(jti));
  const body = Buffer.concat([cipher.update(refreshToken, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Opens what sealRefreshToken sealed; undefined when the access token or jti is not the one it was sealed under. */
export function unsealRefreshToken(sealed: string, accessToken: string, jti: string): string | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', sealKey(accessToken), raw.subarray(0, 12)).setAAD(Buffer.from(jti));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The allow-list item of an access token (with the sealed refresh token of its session, when it can be sealed). */
function tokenItem(token: IssuedToken, userId: string, sid: string, refreshToken: string | undefined): Record<string, unknown> {
  const rt = refreshToken && token.accessToken ? sealRefreshToken(refreshToken, token.accessToken, token.jti) : undefined;
  return { ...keys.token(token.jti), userId, sid, expiresAt: token.expiresAt, ...(rt ? { rt } : {}) };
}

/**
 * Records a new session (a login) and its first access token: three plain writes, in an order where every state a
 * failure can leave between them is harmless, at half a transaction's price (a transaction bills each item twice).
 * The user's session list first (an entry whose session is missing is skipped by a revocation), then the session
 * with the token's id (a session whose token was never allowed allows nothing), then the token's allow-list item,
 * which alone makes the token usable: the client receives the token only after all three.
 */
export async function openSession(input: { userId: string; refreshToken: string; token: IssuedToken; refreshExpiresAt: number; now: Date }): Promise<string> {
  const sid = sessionIdOf(input.refreshToken);
  const createdAt = input.now.toISOString();
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.userSession(input.userId, sid), createdAt, expiresAt: input.refreshExpiresAt } }));
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.session(sid), userId: input.userId, createdAt, tokens: new Set([input.token.jti]), expiresAt: input.refreshExpiresAt } }));
  await db().send(new PutCommand({ TableName: tableName(), Item: tokenItem(input.token, input.userId, sid, input.refreshToken) }));
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
export async function addToken(sid: string, userId: string, token: IssuedToken, refreshToken?: string): Promise<boolean> {
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
          { Put: { TableName: tableName(), Item: tokenItem(token, userId, sid, refreshToken) } },
        ],
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

function activeFor(item: Record<string, unknown> | undefined, userId: string): boolean {
  return item !== undefined && item.userId === userId && item.revoked !== true;
}

/**
 * Whether an access token was issued by this API to `userId` and is not revoked. Strongly consistent. When the
 * request declared items to read ahead (see read-ahead.ts), they come in the same BatchGetItem, also strongly
 * consistent; a token the batch left unprocessed is read again on its own, so the verdict is never skipped.
 */
export async function isTokenActive(jti: string, userId: string): Promise<boolean> {
  const ahead = takePending();
  const tokenKey = keys.token(jti);
  if (ahead.length > 0) {
    const { items, unprocessed } = await getItems([tokenKey, ...ahead], { consistent: true });
    const left = new Set(unprocessed.map((k) => `${k.pk}\u0000${k.sk}`));
    const find = (k: { pk: string; sk: string }) => items.find((it) => it.pk === k.pk && it.sk === k.sk);
    // What the batch did not process is simply not remembered: the adapter reads it itself later.
    for (const k of ahead) if (!left.has(`${k.pk}\u0000${k.sk}`)) remember(k, find(k));
    if (!left.has(`${tokenKey.pk}\u0000${tokenKey.sk}`)) return activeFor(find(tokenKey), userId);
  }
  return activeFor(await getItem(tokenKey, { consistent: true, projection: 'userId, revoked' }), userId);
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

/**
 * Logout: revokes the session an access token belongs to, with every access token of that session. Given the access
 * token itself, returns the session's refresh token (unsealed) so the caller can revoke it at the identity provider.
 */
export async function revokeByToken(jti: string, now: Date, accessToken?: string): Promise<string | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.token(jti), ConsistentRead: true }));
  const sid = out.Item?.sid as string | undefined;
  if (sid) await revokeSession(sid, now);
  const sealed = out.Item?.rt;
  return typeof sealed === 'string' && accessToken ? unsealRefreshToken(sealed, accessToken, jti) : undefined;
}

/**
 * When the session an access token belongs to was signed in (its login), or undefined for an unknown token. A
 * refresh adds tokens to the session but never moves this time, so it measures how recently the person proved
 * who they are.
 */
export async function signedInAt(jti: string): Promise<Date | undefined> {
  const token = await db().send(new GetCommand({ TableName: tableName(), Key: keys.token(jti), ConsistentRead: true, ProjectionExpression: 'sid' }));
  const sid = token.Item?.sid;
  if (typeof sid !== 'string') return undefined;
  const session = await db().send(new GetCommand({ TableName: tableName(), Key: keys.session(sid), ConsistentRead: true, ProjectionExpression: 'createdAt' }));
  const at = session.Item?.createdAt;
  return typeof at === 'string' ? new Date(at) : undefined;
}

/** The ids of every session of a user. */
async function sessionIdsOf(userId: string): Promise<string[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':pk': keys.profile(userId).pk, ':s': 'SESSION#' },
    ProjectionExpression: 'sk',
  });
  return items.map((item) => String(item.sk).slice('SESSION#'.length));
}

/** Revokes every session of a user (account deletion). */
export async function revokeAllSessions(userId: string, now: Date): Promise<number> {
  const sids = await sessionIdsOf(userId);
  for (const sid of sids) await revokeSession(sid, now);
  return sids.length;
}

/**
 * Revokes every session of a user except the one the access token `keepTokenId` belongs to (a password change
 * ends the other sign-ins). Returns how many were revoked.
 */
export async function revokeOtherSessions(userId: string, keepTokenId: string, now: Date): Promise<number> {
  const kept = await db().send(new GetCommand({ TableName: tableName(), Key: keys.token(keepTokenId), ConsistentRead: true }));
  const keepSid = kept.Item?.userId === userId ? (kept.Item.sid as string | undefined) : undefined;
  const others = (await sessionIdsOf(userId)).filter((sid) => sid !== keepSid);
  for (const sid of others) await revokeSession(sid, now);
  return others.length;
}
