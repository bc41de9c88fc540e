import { createHmac, timingSafeEqual } from 'node:crypto';
import { secretString } from './secrets';
import { cursorKeySource } from '../config';
import { ValidationError } from '../domain/errors';

/**
 * Pagination cursors: the position (a DynamoDB key) sealed with an HMAC over the caller's id and the query's
 * filters. A forged, edited, another user's, or another query's cursor is refused with 400 — it can never
 * move a query into someone else's partition.
 */
async function mac(payload: string): Promise<Buffer> {
  const source = cursorKeySource();
  const key = source.kind === 'secrets-manager' ? await secretString(source.arn, source.versionId) : source.value;
  return createHmac('sha256', key).update(payload).digest();
}

export async function encodeCursor(userId: string, scope: unknown, position: Record<string, unknown>): Promise<string> {
  const payload = Buffer.from(JSON.stringify({ u: userId, s: JSON.stringify(scope ?? null), p: position })).toString('base64url');
  return `${payload}.${(await mac(payload)).toString('base64url')}`;
}

export async function decodeCursor(cursor: string, userId: string, scope: unknown): Promise<Record<string, unknown>> {
  const invalid = () => new ValidationError('The cursor is invalid, or was made for another query; start again without it.', [{ path: 'query.cursor', message: 'invalid cursor' }]);
  const [payload, signature, ...rest] = cursor.split('.');
  if (!payload || !signature || rest.length > 0) throw invalid();
  const given = Buffer.from(signature, 'base64url');
  const expected = await mac(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let parsed: { u?: unknown; s?: unknown; p?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw invalid();
  }
  if (parsed.u !== userId || parsed.s !== JSON.stringify(scope ?? null) || typeof parsed.p !== 'object' || parsed.p === null) throw invalid();
  return parsed.p as Record<string, unknown>;
}
