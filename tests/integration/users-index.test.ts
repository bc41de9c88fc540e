import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newUser } from '../support/api';

// The users index against the local table: registration writes the profile into its hash shard, and profiles written
// before sharding (partition `USERS`) are moved by the one-off reshard.
describe('the sharded users index', () => {
  it('a new profile is listed in its own shard only, and an old unsharded profile is moved there by the reshard', async () => {
    const keys = await import('../../shared/adapters/keys');
    const { userShard } = keys;
    const { profilesPage, reshardProfiles } = await import('../../shared/adapters/profiles');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const { PutCommand, DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    const listed = async (shard: number, userId: string) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await profilesPage(shard, start, 500);
        if (page.profiles.some((p) => p.userId === userId)) return true;
        start = page.next;
      } while (start);
      return false;
    };

    // A registered user
    const user = await newUser('Sharded');
    const sub = JSON.parse(Buffer.from(user.accessToken.split('.')[1] ?? '', 'base64url').toString()).sub as string;
    expect(await listed(userShard(sub), sub)).toBe(true);
    expect(await listed((userShard(sub) + 1) % 16, sub)).toBe(false);

    // A profile from before sharding
    const old = randomUUID();
    const at = new Date().toISOString();
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.profile(old), gsi1pk: 'USERS', gsi1sk: old, userId: old, email: `old-${old}@example.com`, createdAt: at, updatedAt: at, version: 1 } }));
    expect(await listed(userShard(old), old)).toBe(false);
    try {
      expect(await reshardProfiles()).toBeGreaterThanOrEqual(1);
      expect(await listed(userShard(old), old)).toBe(true);
      expect(await reshardProfiles()).toBe(0);
    } finally {
      await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.profile(old) }));
    }
  });
});
