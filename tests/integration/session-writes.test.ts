import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * A sign-in writes its session in three plain writes (the user's session list, the session, the token's allow-list
 * item), not one transaction: every state a failure between them leaves is harmless — nothing usable, nothing a
 * revocation trips on — and a complete sign-in revokes as before (through the API: tests/integration/auth.test.ts).
 */
const cloud = inject('cloud');

beforeAll(() => {
  Object.assign(process.env, cloud.env, { POWERTOOLS_LOG_LEVEL: 'CRITICAL' });
});

describe('session writes', () => {
  it('a sign-in cut after its first or second write allows no token, and revoking every session passes over it', async () => {
    const sessions = await import('../../shared/adapters/sessions');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const keys = await import('../../shared/adapters/keys');
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const userId = `sess-${randomUUID()}`;
    const now = new Date();
    const exp = Math.floor(now.getTime() / 1000) + 3600;
    // Cut after the first write: a session list entry without its session.
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.userSession(userId, 'cut-1'), createdAt: now.toISOString(), expiresAt: exp } }));
    // Cut after the second: the session names a token whose allow-list item was never written.
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.userSession(userId, 'cut-2'), createdAt: now.toISOString(), expiresAt: exp } }));
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.session('cut-2'), userId, createdAt: now.toISOString(), tokens: new Set(['jti-never-allowed']), expiresAt: exp } }));
    expect(await sessions.isTokenActive('jti-never-allowed', userId)).toBe(false);
    // A complete sign-in beside them.
    const sid = await sessions.openSession({ userId, refreshToken: `rt-${randomUUID()}`, token: { jti: 'jti-whole', expiresAt: exp }, refreshExpiresAt: exp, now });
    expect(await sessions.isTokenActive('jti-whole', userId)).toBe(true);

    expect(await sessions.revokeAllSessions(userId, now)).toBe(3);
    expect(await sessions.isTokenActive('jti-whole', userId)).toBe(false);
    expect(await sessions.isTokenActive('jti-never-allowed', userId)).toBe(false);
    expect(sid).toMatch(/^[0-9a-f]{40}$/);
  });
});
