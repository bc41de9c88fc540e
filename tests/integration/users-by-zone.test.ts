import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { call, newUser } from '../support/api';

beforeAll(() => {
  Object.assign(process.env, inject('cloud').env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
});

// The by-zone users index against the local table: a profile sits in its zone's partition of its shard, PATCH /me
// moves it and lists the zone for the report schedule, and the one-off backfill indexes profiles from before it.
describe('the users index by time zone', () => {
  it('lists a profile under its zone only, moves it with PATCH /me, and the backfill indexes an older profile once', async () => {
    const keys = await import('../../shared/adapters/keys');
    const { userShard } = keys;
    const { indexProfilesByZone, profilesInZonePage, reportZones } = await import('../../shared/adapters/profiles');
    const { zoneKey } = await import('../../shared/domain/reports/schedule');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const { PutCommand, DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    const listed = async (zone: string, userId: string) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await profilesInZonePage(zone, userShard(userId), start, 500);
        if (page.profiles.some((p) => p.userId === userId)) return true;
        start = page.next;
      } while (start);
      return false;
    };

    const user = await newUser('Zoned');
    const sub = JSON.parse(Buffer.from(user.accessToken.split('.')[1] ?? '', 'base64url').toString()).sub as string;
    expect(await listed('UTC', sub)).toBe(true);

    // A zone spelled in lower case is one key with its canonical spelling.
    const res = await call('PATCH', '/me', { token: user.accessToken, body: { timezone: 'pacific/chatham' } });
    expect(res.status, res.text).toBe(200);
    const chatham = zoneKey('Pacific/Chatham');
    expect(await listed(chatham, sub)).toBe(true);
    expect(await listed('UTC', sub)).toBe(false);
    expect(await reportZones()).toEqual(expect.arrayContaining(['UTC', chatham]));

    // A profile written before the by-zone index: in the users index, in no zone partition.
    const old = randomUUID();
    const at = new Date().toISOString();
    const zone = zoneKey('America/Argentina/Ushuaia');
    await db().send(
      new PutCommand({ TableName: tableName(), Item: { ...keys.profile(old), ...keys.usersShard(old), userId: old, email: `old-${old}@example.com`, timezone: 'America/Argentina/Ushuaia', createdAt: at, updatedAt: at, version: 1 } }),
    );
    try {
      expect(await listed(zone, old)).toBe(false);
      expect(await indexProfilesByZone()).toBeGreaterThanOrEqual(1);
      expect(await listed(zone, old)).toBe(true);
      expect(await reportZones()).toContain(zone);
      expect(await indexProfilesByZone()).toBe(0);
    } finally {
      await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.profile(old) }));
    }
  });
});
