import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll, db, isConditionFailure, tableName, updateExpression } from './dynamo';
import * as keys from './keys';
import { takeReadAhead } from './read-ahead';
import type { Envelope } from '../../events/envelope';
import { outboxPut } from './outbox';
import type { ProfileRecord } from '../domain/profile';
import { zoneKey } from '../domain/reports/schedule';

export type { ProfileRecord } from '../domain/profile';

/** One more write of a TransactWriteItems, as the document client takes it. */
export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** How long an erased account's marker is kept: past SQS retention (14 days) and a DLQ redrive after it. */
const ERASED_TTL_SECONDS = 35 * 86400;

const FIELDS = ['userId', 'email', 'username', 'name', 'baseCurrency', 'monthlyIncome', 'timezone', 'createdAt', 'updatedAt', 'version', 'confirmedAt', 'reports'] as const;

/** The index keys of a profile item: its users-index shard and its time zone's partition of that shard. */
function indexKeys(userId: string, timezone: string | null | undefined) {
  return { ...keys.usersShard(userId), ...keys.usersByZone(zoneKey(timezone), userId) };
}

/**
 * The write that lists a zone among the report schedule's zones (idempotent); none for UTC, which the schedule
 * always looks at, so registrations (all UTC) never write this one small partition.
 */
function reportZonePut(timezone: string | null | undefined): TransactItem[] {
  const zone = zoneKey(timezone);
  return zone === 'UTC' ? [] : [{ Put: { TableName: tableName(), Item: { ...keys.reportZone(zone), zone } } }];
}

function toRecord(item: Record<string, unknown>): ProfileRecord {
  const r = Object.fromEntries(FIELDS.map((f) => [f, item[f] ?? null])) as unknown as ProfileRecord;
  return { ...r, version: Number(item.version ?? 1) };
}

/**
 * Creates a profile (unless one exists) together with its events and any further writes of the same registration,
 * in one transaction. Returns false if it existed.
 */
export async function createProfile(profile: ProfileRecord, events: Envelope | Envelope[], also: TransactItem[] = []): Promise<boolean> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.profile(profile.userId), ...profile, ...indexKeys(profile.userId, profile.timezone) },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...(Array.isArray(events) ? events : [events]).map(outboxPut),
          ...reportZonePut(profile.timezone),
          ...also,
        ],
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** The user's profile; taken from the request's read-ahead when its token check fetched it (see read-ahead.ts). */
export async function getProfile(userId: string): Promise<ProfileRecord | undefined> {
  const ahead = takeReadAhead(keys.profile(userId));
  if (ahead) return ahead.item ? toRecord(ahead.item) : undefined;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.profile(userId) }));
  return out.Item ? toRecord(out.Item) : undefined;
}

export type ProfileChanges = Partial<Pick<ProfileRecord, 'name' | 'baseCurrency' | 'monthlyIncome' | 'timezone' | 'reports'>>;

/**
 * Applies changes to a profile (optionally with events in the same transaction); returns the new profile. A new
 * time zone moves the profile to that zone's partition of the by-zone index and lists the zone for the report
 * schedule, in the same transaction.
 */
export async function updateProfile(userId: string, changes: ProfileChanges, now: Date, events: Envelope[] = []): Promise<ProfileRecord | undefined> {
  const moves = changes.timezone !== undefined;
  const also = moves ? reportZonePut(changes.timezone) : [];
  const update = {
    TableName: tableName(),
    Key: keys.profile(userId),
    ...updateExpression(moves ? { ...changes, ...keys.usersByZone(zoneKey(changes.timezone), userId) } : changes, { set: ['#updatedAt = :updatedAt'], add: ['#version :one'], names: { '#updatedAt': 'updatedAt', '#version': 'version' }, values: { ':updatedAt': now.toISOString(), ':one': 1 } }),
    ConditionExpression: 'attribute_exists(pk)',
  };
  try {
    if (events.length === 0 && also.length === 0) {
      const out = await db().send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }));
      return out.Attributes ? toRecord(out.Attributes) : undefined;
    }
    await db().send(new TransactWriteCommand({ TransactItems: [{ Update: update }, ...events.map(outboxPut), ...also] }));
    return getProfile(userId);
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}

/** Writes a profile as is (used to recreate a missing profile for a Cognito user). */
export async function putProfileIfAbsent(profile: ProfileRecord): Promise<void> {
  await db()
    .send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.profile(profile.userId), ...profile, ...indexKeys(profile.userId, profile.timezone) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    )
    .catch((e: unknown) => {
      if (!isConditionFailure(e)) throw e;
    });
  for (const t of reportZonePut(profile.timezone)) await db().send(new PutCommand(t.Put as ConstructorParameters<typeof PutCommand>[0]));
}

/**
 * Deletes the items of a partition page by page until it is empty (true), or until `deadline` (epoch ms) has passed
 * after a page (false: call again to go on). Idempotent: a page deleted twice is simply gone.
 */
export async function erasePartition(pk: string, deadline = Number.POSITIVE_INFINITY): Promise<boolean> {
  for (;;) {
    const page = await db().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ProjectionExpression: 'pk, sk', Limit: 500 }),
    );
    const items = page.Items ?? [];
    if (items.length === 0) return true;
    await batchWriteAll(items.map((it) => ({ DeleteRequest: { Key: { pk: it.pk, sk: it.sk } } })));
    if (Date.now() > deadline) return false;
  }
}

/** Marks an account erased (kept 35 days, past any redelivery or DLQ redrive) together with the events that follow. */
export async function markErased(userId: string, now: Date, events: Envelope[]): Promise<void> {
  const expiresAt = Math.floor(now.getTime() / 1000) + ERASED_TTL_SECONDS;
  await db().send(
    new TransactWriteCommand({
      TransactItems: [{ Put: { TableName: tableName(), Item: { ...keys.erased(userId), erasedAt: now.toISOString(), expiresAt } } }, ...events.map(outboxPut)],
    }),
  );
}

export async function deleteProfile(userId: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.profile(userId) }));
}

/** How many shards the users index has (scheduled fan-outs queue one message per shard). */
export const USER_SHARDS = keys.USER_SHARDS;

/** Pages through every profile, shard by shard (operator tools only: scheduled jobs fan out per shard). */
export async function* allProfiles(pageSize = 100): AsyncGenerator<ProfileRecord[]> {
  for (let shard = 0; shard < USER_SHARDS; shard++) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await profilesPage(shard, start, pageSize);
      yield page.profiles;
      start = page.next;
    } while (start);
  }
}

/**
 * One page of one users-index shard, from a position a previous page returned (scheduled fan-outs, which continue
 * in a later message when a shard has many users). `next` is undefined on the shard's last page.
 */
export async function profilesPage(shard: number, start?: Record<string, unknown>, pageSize = 100): Promise<{ profiles: ProfileRecord[]; next?: Record<string, unknown> }> {
  const page = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: keys.usersIndex,
      KeyConditionExpression: 'gsi1pk = :u',
      ExpressionAttributeValues: { ':u': keys.usersShardPartition(shard) },
      ExclusiveStartKey: start,
      Limit: pageSize,
    }),
  );
  return { profiles: (page.Items ?? []).map(toRecord), ...(page.LastEvaluatedKey ? { next: page.LastEvaluatedKey } : {}) };
}

/**
 * One page of one shard of one time zone's profiles (the by-zone index; `zone` a zone key), from a position a
 * previous page returned: what the hourly report schedule's shard messages page. `next` is undefined on the last.
 */
export async function profilesInZonePage(zone: string, shard: number, start?: Record<string, unknown>, pageSize = 100): Promise<{ profiles: ProfileRecord[]; next?: Record<string, unknown> }> {
  const page = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: keys.usersByZoneIndex,
      KeyConditionExpression: 'gsi2pk = :z',
      ExpressionAttributeValues: { ':z': keys.zonePartition(zone, shard) },
      ExclusiveStartKey: start,
      Limit: pageSize,
    }),
  );
  return { profiles: (page.Items ?? []).map(toRecord), ...(page.LastEvaluatedKey ? { next: page.LastEvaluatedKey } : {}) };
}

/** Every time zone some profile was given (one small partition, a few hundred names at most), plus UTC. */
export async function reportZones(): Promise<string[]> {
  const zones = new Set(['UTC']);
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': keys.reportZonesPartition }, ProjectionExpression: 'sk', ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) zones.add(String(item.sk));
    start = page.LastEvaluatedKey;
  } while (start);
  return [...zones];
}

/**
 * Puts every profile of the users index into its time zone's partition of the by-zone index (and lists the zone),
 * where it is missing or stale: the one-off backfill after deploying the by-zone report schedule
 * (`npm run reshard-users`). Conditional on the index keys it read, so a concurrent change is not undone; re-running
 * moves nothing. Returns how many profiles were indexed.
 */
export async function indexProfilesByZone(pageSize = 100): Promise<number> {
  let indexed = 0;
  const listed = new Set<string>();
  for (let shard = 0; shard < USER_SHARDS; shard++) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: keys.usersIndex,
          KeyConditionExpression: 'gsi1pk = :u',
          ExpressionAttributeValues: { ':u': keys.usersShardPartition(shard) },
          ProjectionExpression: 'pk, sk, gsi1sk, gsi2pk, #tz',
          ExpressionAttributeNames: { '#tz': 'timezone' },
          ExclusiveStartKey: start,
          Limit: pageSize,
        }),
      );
      for (const item of page.Items ?? []) if (await indexOneByZone(item, listed)) indexed++;
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return indexed;
}

async function indexOneByZone(item: Record<string, unknown>, listed: Set<string>): Promise<boolean> {
  const timezone = typeof item.timezone === 'string' ? item.timezone : undefined;
  const zone = zoneKey(timezone);
  if (!listed.has(zone)) {
    for (const t of reportZonePut(timezone)) await db().send(new PutCommand(t.Put as ConstructorParameters<typeof PutCommand>[0]));
    listed.add(zone);
  }
  const wanted = keys.usersByZone(zone, String(item.gsi1sk));
  if (item.gsi2pk === wanted.gsi2pk) return false;
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET gsi2pk = :p, gsi2sk = :s',
        // Unchanged since read: a time-zone change meanwhile wrote its own index keys, which this must not undo.
        ConditionExpression: item.gsi2pk === undefined ? 'attribute_exists(pk) AND attribute_not_exists(gsi2pk)' : 'gsi2pk = :old',
        ExpressionAttributeValues: { ':p': wanted.gsi2pk, ':s': wanted.gsi2sk, ...(item.gsi2pk === undefined ? {} : { ':old': item.gsi2pk }) },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false; // changed meanwhile: its own update indexed it
    throw e;
  }
}

/**
 * Moves profiles still in the unsharded users partition (`USERS`, before `USER_SHARDS`) to their shard, one page at a
 * time (the query never sees a moved one again); conditional on the old key, so a concurrent write is not undone.
 * Returns how many moved. Run once per table after deploying the sharded index (`npm run reshard-users`).
 */
export async function reshardProfiles(pageSize = 100): Promise<number> {
  let moved = 0;
  for (;;) {
    const page = await db().send(new QueryCommand({ TableName: tableName(), IndexName: keys.usersIndex, KeyConditionExpression: 'gsi1pk = :u', ExpressionAttributeValues: { ':u': 'USERS' }, ProjectionExpression: 'pk, sk, gsi1sk', Limit: pageSize }));
    const items = page.Items ?? [];
    if (items.length === 0) return moved;
    for (const item of items) {
      try {
        await db().send(
          new UpdateCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk }, UpdateExpression: 'SET gsi1pk = :s', ConditionExpression: 'gsi1pk = :u', ExpressionAttributeValues: { ':s': keys.usersShard(String(item.gsi1sk)).gsi1pk, ':u': 'USERS' } }),
        );
        moved++;
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
      }
    }
  }
}

/**
 * Up to `n` user ids of a shard from a random point of it (wrapping to its start): the reconcile's canary sample.
 * `random` gives a position in [0, 1).
 */
export async function sampleUserIds(shard: number, n: number, random: () => number = Math.random): Promise<string[]> {
  // Ids are UUIDs (hex): a random hex prefix is a uniformly random point of the shard's order.
  const from = Math.floor(random() * 0x10000).toString(16).padStart(4, '0');
  const query = (condition: string, values: Record<string, string>, limit: number) =>
    db().send(new QueryCommand({ TableName: tableName(), IndexName: keys.usersIndex, KeyConditionExpression: condition, ExpressionAttributeValues: { ':u': keys.usersShardPartition(shard), ...values }, ProjectionExpression: 'gsi1sk', Limit: limit }));
  const after = await query('gsi1pk = :u AND gsi1sk >= :f', { ':f': from }, n);
  const ids = (after.Items ?? []).map((i) => String(i.gsi1sk));
  if (ids.length < n) {
    const before = await query('gsi1pk = :u AND gsi1sk < :f', { ':f': from }, n - ids.length);
    ids.push(...(before.Items ?? []).map((i) => String(i.gsi1sk)));
  }
  return ids;
}

/** Deletes the user's own partition (profile, ledger, sessions' pointers…) until `deadline`; true when nothing is left. */
export function eraseUserPartition(userId: string, deadline = Number.POSITIVE_INFINITY): Promise<boolean> {
  return erasePartition(keys.userPartition(userId), deadline);
}

/** Deletes the stored rows of one of the user's imports until `deadline`; true when nothing is left. */
export function eraseImportRows(userId: string, importId: string, deadline = Number.POSITIVE_INFINITY): Promise<boolean> {
  return erasePartition(keys.importPartition(userId, importId), deadline);
}
