/**
 * The single table's key design, in one place. Every item has `pk` and `sk`; items that expire carry `expiresAt`
 * (epoch seconds, the table's TTL attribute). Every partition holding a user's data starts with `USER#<sub>`,
 * where `<sub>` comes only from the verified token.
 *
 * | pk                 | sk                 | item                                      |
 * |--------------------|--------------------|-------------------------------------------|
 * | USER#<sub>         | PROFILE            | profile (email, name, base currency, …)   |
 * | USER#<sub>         | SESSION#<sid>      | pointer to one of the user's sessions     |
 * | SESSION#<sid>      | SESSION            | a sign-in: its access tokens, revokedAt   |
 * | TOKEN#<jti>        | TOKEN              | an access token we issued (allow-list)    |
 * | USER#<sub>         | ACCOUNT#<id>       | account: balances per currency, counters  |
 * | USER#<sub>         | CATEGORY#<id>      | category (two levels)                     |
 * | USER#<sub>         | TX#<id>            | transaction                               |
 * | USER#<sub>         | RULE#<id>          | categorisation rule                       |
 * | USER#<sub>         | BUDGET#<id>        | budget (limit per period, rollover)       |
 * | USER#<sub>         | GOAL#<id>          | savings goal, its monthly contributions   |
 * | USER#<sub>         | LIMIT#<collection> | how many items a capped collection holds  |
 * | USER#<sub>         | IDEMP#<key>        | Idempotency-Key record (24 h)             |
 * | USER#<sub>         | IMPORT#<id>        | import job, progress and report           |
 * | USER#<sub>         | IMPORTLEASE#<acc>  | the import writing into an account now    |
 * | USER#<sub>         | IMPORTSLOT         | the user's one queued or running import   |
 * | USER#<sub>#IMPORT#<id> | CHUNK#<n>      | parsed rows of an import, awaiting write  |
 * | USER#<sub>#IMPORT#<id> | REPORT#<n>     | the import's row-level report (chunks)    |
 * | USER#<sub>#IMPORT#<id> | DELTA#<txId>   | a written group's balance change, to fold |
 * | USER#<sub>         | ROLLUP#<base>#<month> | monthly analytics counters             |
 * | USER#<sub>         | DAY#<base>#<YYYY-MM-DD> | daily analytics counters (budgets)   |
 * | USER#<sub>         | ALERT#<id>         | an alert (id: hash of kind, subject, period, threshold; TTL 400 days) |
 * | USER#<sub>         | ALERTPREFS         | the user's alert preferences (per kind: on/off, email) |
 * | DIGEST#<YYYY-MM-DD> | <sub>            | the user has alerts of that day (UTC) to email in the daily digest (TTL 14 days) |
 * | USER#<sub>         | ADVICE#<id>        | an advice (id: hash of kind, subject, evidence fingerprint); dismissed ones kept (TTL 400 days) |
 * | USER#<sub>         | ADVICEMARK         | the advice recompute debounce: `dueAt` of the queued recompute, last ledger event seen |
 * | USER#<sub>         | MODEL#categories   | the learned categoriser (counts as JSON, ≤ 300 KB, `rev`) |
 * | USER#<sub>         | CATLEARN#<txId>    | what a transaction taught the categoriser (label, features, version) |
 * | USER#<sub>         | MERCHANT#<seriesId> | a merchant's last 36 payments (set by transaction id, tombstones, `rev`) |
 * | USER#<sub>         | RECURRING#<seriesId> | a detected recurring payment, its status and `version` |
 * | APPLIED#<eventId>  | APPLIED            | a ledger event already counted in rollups |
 * | ROLES              | ROLE#<name>        | a stored role and its permissions         |
 * | AUDIT              | <at>#<id>          | audit record of a role change (kept)      |
 * | FX#<base>          | <date>             | exchange rates published for a date       |
 * | FXMETA             | HISTORY#<source>   | a rate history fully loaded (e.g. ECB)    |
 * | OUTBOX#<id>        | EVENT              | an event awaiting relay to SQS (stream)   |
 * | RECEIPT#<id>       | RECEIPT            | a side effect already done (emails)       |
 * | ERASED#<sub>       | ERASED             | an erased account: late events are dropped |
 * | UNCONFIRMED#<day>  | <sub>              | an account registered that day, address not confirmed yet |
 * | DIRTY#<day>#<shard> | <sub>             | the user's rollups were written that day (UTC): the nightly reconcile's work (users-index shard; TTL 14 days) |
 * | TZS                | <zone>             | a time zone some profile was given (the hourly report schedule's zones; UTC implied) |
 * | RATE#<scope>#<hash>| <window start>     | requests counted against a rate limit (TTL) |
 *
 * GSI1 (`gsi1pk`, `gsi1sk`): `USERS#<00..0f>` / `<sub>` — every profile, sharded by a hash of the user id (`USER_SHARDS`), for scheduled
 *   fan-outs (never on a request path): one shard message each, so no partition or invocation holds every user.
 *   `USER#<sub>#ALERTS` / `<createdAt>#<id>` — a user's alerts, newest first.
 * GSI2: `TZ#<zone>#<00..0f>` / `<sub>` — profiles by time zone (the zone key of shared/domain/reports/schedule.ts),
 *   sharded as the users index: the hourly report schedule pages only the zones due (07:00 local).
 * GSI3 (sparse): `FXPENDING` / `<date>#<sub>#<id>` — transactions waiting for an exchange rate.
 * GSI4 (unread; dropped by a later release): `gsi4pk` `USER#<sub>#CAT#<categoryId>` / `gsi4sk` `<date>[#<id>]` — the
 *   by-category keys transactions carried before GSI6 (older ones as gsi2pk/gsi2sk). No write sets them now; a
 *   rewrite drops them and `npm run migrate-index-keys` strips them from the rest.
 * GSI5 (sparse): `pk` / `date`, `sk` (a multi-attribute sort key of the transaction's own attributes) — a user's
 *   transactions by date (every listing, report and forecast). Transactions written before it also carry
 *   `gsi1pk` `USER#<sub>#TX` / `gsi1sk` `<date>#<id>` (the date index they were read through), dropped when rewritten.
 * GSI6 (sparse; INCLUDE type, fxStatus, baseCurrency, baseAmount: infra/table.ts): `pk`, `categoryId` / `date` (a
 *   multi-attribute partition key of the item's own attributes) — a user's transactions by primary category, read
 *   for ids (from `sk`) and amounts only; a listing by category filters the date index. Every item with top-level
 *   `pk`, `categoryId` and `date` is in it: today only transactions (budgets, recurring payments and CATLEARN items
 *   have a `categoryId` but no `date`, rate sets a `date` but no `categoryId`), and readers keep `TX#` items only
 *   ({@link transactionOf}), so a kind that gains both later cannot leak in. It needs no keys and no backfill
 *   of its own: old transactions are in it as soon as the index exists. Being key attributes, a top-level
 *   `categoryId` and `date` must be strings on EVERY item, whatever its kind: DynamoDB refuses a write that leaves
 *   a null (or number) one, so "no category" is no attribute (budgets, recurring payments, CATLEARN, transactions).
 *
 * One export per key: adapters `import * as keys from './keys'` and call `keys.profile(…)`, and a function's bundle
 * keeps only the builders it calls.
 */

export const profile = (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' });
export const userSession = (userId: string, sid: string) => ({ pk: `USER#${userId}`, sk: `SESSION#${sid}` });
export const session = (sid: string) => ({ pk: `SESSION#${sid}`, sk: 'SESSION' });
export const token = (jti: string) => ({ pk: `TOKEN#${jti}`, sk: 'TOKEN' });
export const role = (name: string) => ({ pk: 'ROLES', sk: `ROLE#${name}` });
export const audit = (at: string, id: string) => ({ pk: 'AUDIT', sk: `${at}#${id}` });
export const outbox = (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'EVENT' });
export const account = (userId: string, id: string) => ({ pk: `USER#${userId}`, sk: `ACCOUNT#${id}` });
export const category = (userId: string, id: string) => ({ pk: `USER#${userId}`, sk: `CATEGORY#${id}` });
export const transaction = (userId: string, id: string) => ({ pk: `USER#${userId}`, sk: `TX#${id}` });
/**
 * The owner and id a transaction item's keys name (`USER#<sub>` / `TX#<id>`), or undefined for another kind of
 * item: a stored transaction keeps neither beside its keys (shared/adapters/transaction-fields.ts).
 */
export const transactionOf = (item: { pk?: unknown; sk?: unknown }): { userId: string; id: string } | undefined => {
  const { pk, sk } = item;
  if (typeof pk !== 'string' || typeof sk !== 'string' || !pk.startsWith('USER#') || !sk.startsWith('TX#') || pk.indexOf('#', 5) !== -1) return undefined;
  return { userId: pk.slice(5), id: sk.slice(3) };
};
export const rule = (userId: string, id: string) => ({ pk: `USER#${userId}`, sk: `RULE#${id}` });
export const budget = (userId: string, id: string) => ({ pk: `USER#${userId}`, sk: `BUDGET#${id}` });
export const budgetPrefix = 'BUDGET#';
/** A savings goal (its contributions kept inside it as bounded monthly totals); `goalPrefix` starts every one. */
export const goal = (userId: string, id: string) => ({ pk: `USER#${userId}`, sk: `GOAL#${id}` });
export const goalPrefix = 'GOAL#';
/** Counter of a capped per-user collection (shared/domain/limits.ts), changed in the same write as each create/delete. */
export const limitCounter = (userId: string, collection: string) => ({ pk: `USER#${userId}`, sk: `LIMIT#${collection}` });
export const idempotency = (userId: string, key: string) => ({ pk: `USER#${userId}`, sk: `IDEMP#${key}` });
export const importJob = (userId: string, id: string) => ({ pk: `USER#${userId}`, sk: `IMPORT#${id}` });
export const importPartition = (userId: string, id: string) => `USER#${userId}#IMPORT#${id}`;
export const importChunk = (userId: string, id: string, n: number) => ({ pk: importPartition(userId, id), sk: `CHUNK#${String(n).padStart(6, '0')}` });
export const importLease = (userId: string, accountId: string) => ({ pk: `USER#${userId}`, sk: `IMPORTLEASE#${accountId}` });
export const importSlot = (userId: string) => ({ pk: `USER#${userId}`, sk: 'IMPORTSLOT' });
/** Sort-key prefixes of a user's import jobs, and of the items in an import's own partition. */
export const importJobPrefix = 'IMPORT#';
export const importChunkPrefix = 'CHUNK#';
export const importReportPrefix = 'REPORT#';
export const importDeltaPrefix = 'DELTA#';
export const importReport = (userId: string, id: string, n: number) => ({ pk: importPartition(userId, id), sk: `REPORT#${String(n).padStart(6, '0')}` });
/** A group's balance change awaiting its fold (import-balances.ts), named by the group's first transaction. */
export const importDelta = (userId: string, id: string, groupKey: string) => ({ pk: importPartition(userId, id), sk: `DELTA#${groupKey}` });
/** A monthly rollup of the user's ledger in one base currency (`month` YYYY-MM); `rollupPrefix` starts every one. */
export const rollup = (userId: string, base: string, month: string) => ({ pk: `USER#${userId}`, sk: `ROLLUP#${base}#${month}` });
export const rollupPrefix = 'ROLLUP#';
/** A daily rollup (the daily subset of counters, `day` YYYY-MM-DD); `rollupDayPrefix` starts every one. */
export const rollupDay = (userId: string, base: string, day: string) => ({ pk: `USER#${userId}`, sk: `DAY#${base}#${day}` });
export const rollupDayPrefix = 'DAY#';
/** The dedup record of a ledger event applied to the rollups (written with its increments). */
export const applied = (eventId: string) => ({ pk: `APPLIED#${eventId}`, sk: 'APPLIED' });
export const erased = (userId: string) => ({ pk: `ERASED#${userId}`, sk: 'ERASED' });
/** An alert; `id` is deterministic (shared/domain/alerts), so a conditional put stores it once. */
export const alert = (userId: string, id: string) => ({ pk: `USER#${userId}`, sk: `ALERT#${id}` });
/** GSI1 keys of an alert: the user's alerts by creation time. */
export const alertByTime = (userId: string, createdAt: string, id: string) => ({ gsi1pk: alertsPartition(userId), gsi1sk: `${createdAt}#${id}` });
export const alertsPartition = (userId: string) => `USER#${userId}#ALERTS`;
/** GSI1 sort-key bounds (inclusive) of a user's alerts created from day `from` to day `to` (UTC). */
export const alertsCreatedFrom = (day: string) => `${day}T`;
export const alertsCreatedTo = (day: string) => `${day}T~`;
export const alertPreferences = (userId: string) => ({ pk: `USER#${userId}`, sk: 'ALERTPREFS' });
/** A user with alerts created on `day` (UTC) whose kind is emailed `daily`: the digest schedule reads one day's partition. */
export const alertDigest = (day: string, userId: string) => ({ pk: alertDigestPartition(day), sk: userId });
export const alertDigestPartition = (day: string) => `DIGEST#${day}`;
/** An advice of the user (shared/domain/advice `adviceId`); `advicePrefix` starts every one. */
export const advice = (userId: string, id: string) => ({ pk: `USER#${userId}`, sk: `ADVICE#${id}` });
export const advicePrefix = 'ADVICE#';
/** The user's advice debounce marker (one queued recompute at a time). */
export const adviceMark = (userId: string) => ({ pk: `USER#${userId}`, sk: 'ADVICEMARK' });
/** The user's learned categoriser (shared/domain/categorise), one item read by a request in one GetItem. */
export const categoryModel = (userId: string) => ({ pk: `USER#${userId}`, sk: 'MODEL#categories' });
/** What one transaction contributed to the categoriser, so a redelivered or reordered event never counts twice. */
export const categoryLearned = (userId: string, transactionId: string) => ({ pk: `USER#${userId}`, sk: `CATLEARN#${transactionId}` });
/** A user's payments to one merchant (shared/domain/recurring `seriesId`: a hash of direction and merchant key). */
export const merchantSeries = (userId: string, seriesId: string) => ({ pk: `USER#${userId}`, sk: `MERCHANT#${seriesId}` });
/** A recurring payment detected in that series (same id); `recurringPrefix` starts every one. */
export const recurring = (userId: string, seriesId: string) => ({ pk: `USER#${userId}`, sk: `RECURRING#${seriesId}` });
export const recurringPrefix = 'RECURRING#';
/** `day` is the UTC registration date (YYYY-MM-DD): the expiry sweep reads one partition per day. */
export const unconfirmed = (day: string, userId: string) => ({ pk: `UNCONFIRMED#${day}`, sk: userId });
/** `subject` is a hash (never an address in clear); `windowStart` epoch seconds. */
export const rateLimit = (scope: string, subject: string, windowStart: number) => ({ pk: `RATE#${scope}#${subject}`, sk: String(windowStart) });
export const fx = (base: string, date: string) => ({ pk: `FX#${base}`, sk: date });
/** A rate history fully loaded from `source` (e.g. ECB). */
export const fxHistory = (source: string) => ({ pk: 'FXMETA', sk: `HISTORY#${source}` });
/** The index of a user's transactions by date (GSI5: the item's own `pk`, `date` and `sk`, no key of its own). */
export const byDateIndex = 'gsi5';
/**
 * The index of transactions by primary category (GSI6: the item's own `pk` and `categoryId`, sorted by `date`; its
 * items hold only the attributes infra/table.ts includes). A Query names both partition attributes:
 * {@link byCategoryCondition}, with the values of {@link byCategoryValues}.
 */
export const byCategoryIndex = 'gsi6';
/** Key condition of a by-category Query, optionally bounded by `:from` … `:to` (inclusive dates). */
export const byCategoryCondition = (bounded: boolean) => `pk = :pk AND categoryId = :cat${bounded ? ' AND #date BETWEEN :from AND :to' : ''}`;
/**
 * Names and values of {@link byCategoryCondition} (dates YYYY-MM-DD, inclusive), with the caller's own
 * `names` (e.g. of a projection) merged in.
 */
export const byCategoryValues = (userId: string, categoryId: string, range?: { from: string; to: string }, names: Record<string, string> = {}) => {
  const all = { ...(range ? { '#date': 'date' } : {}), ...names };
  return {
    ...(Object.keys(all).length > 0 ? { ExpressionAttributeNames: all } : {}),
    ExpressionAttributeValues: { ':pk': userPartition(userId), ':cat': categoryId, ...(range ? { ':from': range.from, ':to': range.to } : {}) },
  };
};
/**
 * Attributes of by-category keys transactions carried before GSI6: `gsi4pk`/`gsi4sk` (GSI4) and, before that,
 * `gsi2pk`/`gsi2sk` (GSI2, the profiles' time-zone index now). No write sets them; `npm run migrate-index-keys`
 * removes them.
 */
export const legacyByCategoryKeys = { pk: 'gsi4pk', sk: 'gsi4sk' } as const;
export const olderByCategoryKeys = { pk: 'gsi2pk', sk: 'gsi2sk' } as const;
/** Date-index keys transactions carried before GSI5 (which needs none of their own). */
export const legacyByDateKeys = { pk: 'gsi1pk', sk: 'gsi1sk' } as const;
export const fxPending = (userId: string, date: string, id: string) => ({ gsi3pk: fxPendingPartition, gsi3sk: `${date}#${userId}#${id}` });
/** Sort-key bounds (inclusive) of a date range over keys that start `<date>#` (GSI3). */
export const byDateFrom = (date: string) => `${date}#`;
export const byDateTo = (date: string) => `${date}#~`;
/** The partition value legacy by-category keys held (`gsi4pk`, or `gsi2pk` on older transactions). */
export const legacyByCategoryPartition = (userId: string, categoryId: string) => `USER#${userId}#CAT#${categoryId}`;
/** GSI3 partition of every transaction waiting for a rate; sort-key bounds of a date range as for GSI1. */
export const fxPendingPartition = 'FXPENDING';
export const userPartition = (userId: string) => `USER#${userId}`;
export const usersIndex = 'gsi1';
/** GSI1 keys of a profile: its users-index shard (see `userShard`). */
export const usersShard = (userId: string) => ({ gsi1pk: usersShardPartition(userShard(userId)), gsi1sk: userId });
/** GSI1 partition of one users-index shard (0 ≤ shard < USER_SHARDS). */
export const usersShardPartition = (shard: number) => `USERS#${shard.toString(16).padStart(2, '0')}`;
/** The index of profiles by time zone (GSI2 keys on the profile item, moved when its time zone changes). */
export const usersByZoneIndex = 'gsi2';
/** GSI2 keys of a profile in `zone` (a zone key): the zone's partition of the user's users-index shard. */
export const usersByZone = (zone: string, userId: string) => ({ gsi2pk: zonePartition(zone, userShard(userId)), gsi2sk: userId });
/** GSI2 partition of one shard of one time zone's profiles (0 ≤ shard < USER_SHARDS). */
export const zonePartition = (zone: string, shard: number) => `TZ#${zone}#${shard.toString(16).padStart(2, '0')}`;
/** A time zone some profile was given: the hourly report schedule reads this small partition, never the users. */
export const reportZone = (zone: string) => ({ pk: reportZonesPartition, sk: zone });
export const reportZonesPartition = 'TZS';
/**
 * Users whose rollups were written on a day (UTC `YYYY-MM-DD`): sparse partitions, one per users-index shard (the
 * consumer's writes spread; the nightly reconcile's shard message reads its own).
 */
export const dirty = (day: string, userId: string) => ({ pk: dirtyPartition(day, userShard(userId)), sk: userId });
export const dirtyPartition = (day: string, shard: number) => `DIRTY#${day}#${shard.toString(16).padStart(2, '0')}`;

/** How many shards the users index has: the one place to change it (profiles must then be re-keyed). */
export const USER_SHARDS = 16;

/** The users-index shard of a user: a stable hash (FNV-1a) of the id, modulo USER_SHARDS. */
export function userShard(userId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % USER_SHARDS;
}
