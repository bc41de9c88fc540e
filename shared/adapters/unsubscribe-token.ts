import { createHmac, timingSafeEqual } from 'node:crypto';
import { cursorKeySource } from '../config';
import { ValidationError } from '../domain/errors';
import { secretString } from './secrets';

/**
 * One-click unsubscribe tokens (RFC 8058 links in report emails): the user id and an expiry, sealed with an HMAC
 * under the cursor key. A purpose prefix inside the MAC keeps a pagination cursor from ever passing as a token.
 */
const PURPOSE = 'tally:reports-unsubscribe:v1\n';

/** How long an emailed link works: longer than anyone keeps a report before acting on it. */
export const UNSUBSCRIBE_TOKEN_DAYS = 90;

async function key(): Promise<string> {
  const source = cursorKeySource();
  return source.kind === 'secrets-manager' ? secretString(source.arn, source.versionId) : source.value;
}

/** Signs a token for `userId` with `secret`, valid until `now` + {@link UNSUBSCRIBE_TOKEN_DAYS}. Pure. */
export function signUnsubscribeToken(secret: string, userId: string, now: Date): string {
  const payload = Buffer.from(JSON.stringify({ u: userId, x: Math.floor(now.getTime() / 1000) + UNSUBSCRIBE_TOKEN_DAYS * 86400 })).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(PURPOSE + payload).digest('base64url')}`;
}

/**
 * The user id of a token signed with `secret`. Pure.
 * @throws ValidationError (path `query.token`) when the token is malformed, its signature does not match, or it expired.
 */
export function verifyUnsubscribeToken(secret: string, token: string, now: Date): string {
  const invalid = (why: string) => new ValidationError(`The unsubscribe link is ${why}; use the link of a recent report email, or change reports in your profile.`, [{ path: 'query.token', message: why }]);
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) throw invalid('malformed');
  const given = Buffer.from(signature, 'base64url');
  const expected = createHmac('sha256', secret).update(PURPOSE + payload).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('not signed by Tally');
  let parsed: { u?: unknown; x?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw invalid('malformed');
  }
  if (typeof parsed.u !== 'string' || typeof parsed.x !== 'number') throw invalid('malformed');
  if (parsed.x * 1000 < now.getTime()) throw invalid('expired');
  return parsed.u;
}

/** {@link signUnsubscribeToken} under the deployment's cursor key. */
export async function unsubscribeToken(userId: string, now: Date): Promise<string> {
  return signUnsubscribeToken(await key(), userId, now);
}

/** {@link verifyUnsubscribeToken} under the deployment's cursor key. */
export async function unsubscribeUserOf(token: string, now: Date): Promise<string> {
  return verifyUnsubscribeToken(await key(), token, now);
}
