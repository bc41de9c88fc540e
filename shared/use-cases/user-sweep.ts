import { UsersSweepContinued } from '../../events/ledger-jobs';
import type { Envelope } from '../../events/envelope';
import { newEvent } from '../adapters/outbox';
import { profilesPage, USER_SHARDS, type ProfileRecord } from '../adapters/profiles';
import { publish } from '../adapters/queue';
import { logger } from '../observability';

/** The per-user jobs a sweep can queue. */
export type SweepJob = 'reconcile-analytics' | 'weekly-report' | 'monthly-report' | 'advice-refresh';

/** Pages of users one shard message queues before it continues in a further message. */
export const SWEEP_PAGES_PER_MESSAGE = 5;

/** Users per page of a shard. */
export const SWEEP_PAGE_SIZE = 100;

/** What a sweep reads and writes (the adapters by default; in-memory fakes in unit tests). */
export interface SweepDeps {
  profilesPage: (shard: number, start: Record<string, unknown> | undefined, size: number) => Promise<{ profiles: Partial<ProfileRecord>[]; next?: Record<string, unknown> }>;
  publish: (queue: string, events: Envelope[]) => Promise<void>;
  shards: number;
}

const defaults = (): SweepDeps => ({ profilesPage, publish, shards: USER_SHARDS });

export interface SweepOptions {
  job: SweepJob;
  /**
   * The shard this message pages; absent on the schedule's own call, which only queues one message per shard.
   */
  shard?: number | undefined;
  /** Where the previous page of the shard stopped (a continuation's cursor); the shard's first page when absent. */
  cursor?: string | undefined;
  /**
   * The time zone whose partitions the sweep pages (with `pageOf` reading that zone's partition of a shard), carried
   * in every shard and continuation message; absent for a sweep of the whole users index.
   */
  zone?: string | undefined;
  /** When the schedule fired: every message of one sweep is derived from it. */
  scheduledAt: Date;
  /** Epoch ms after which no new page starts: the rest goes to a continuation message. */
  deadline: number;
  /** Queue of the per-user messages. */
  queue: string;
  /** Queue of the shard and continuation messages (its consumer calls the sweep again). */
  continuationQueue: string;
  /** Where a shard's users come from when not the whole users index (e.g. the users marked dirty), same paging. */
  pageOf?: SweepDeps['profilesPage'] | undefined;
  /** Further users of a shard, read on its first message (e.g. a random canary sample); queued like the others. */
  extraUsers?: ((shard: number) => Promise<string[]>) | undefined;
  /** The message of one user; throwing (a malformed profile) skips that user alone, logged. */
  messageOf: (profile: ProfileRecord & { userId: string }) => Envelope | undefined;
}

export interface SweepResult {
  queued: number;
  /** Profiles no message could be made for (malformed), by position. */
  skipped: number;
  /** Whether a continuation message carries on (or, on the schedule's call, how many shard messages were queued). */
  continued: boolean;
  shards?: number;
}

/**
 * Fans a scheduled job out to one message per user without any invocation iterating every user. Without `shard`
 * (the schedule) it queues one `UsersSweepContinued` per users-index shard. With a shard it pages that shard,
 * queues each user's message, and after `SWEEP_PAGES_PER_MESSAGE` pages or past `deadline` queues a further
 * `UsersSweepContinued` resuming where it stopped. A profile that cannot give a message is skipped and logged; a
 * user's own message fails alone (to the DLQ).
 */
export async function sweepUsers(o: SweepOptions, deps: SweepDeps = defaults()): Promise<SweepResult> {
  const scheduledAt = o.scheduledAt.toISOString();
  const zone = o.zone === undefined ? {} : { zone: o.zone };
  if (o.shard === undefined) {
    const shards = Array.from({ length: deps.shards }, (_, shard) =>
      newEvent(UsersSweepContinued, { job: o.job, shard, scheduledAt, ...zone }, o.scheduledAt, `sweep-${o.job}-${o.zone === undefined ? '' : `${o.zone}-`}${scheduledAt}-${shard}`),
    );
    await deps.publish(o.continuationQueue, shards);
    return { queued: 0, skipped: 0, continued: true, shards: shards.length };
  }
  let start = o.cursor ? (JSON.parse(o.cursor) as Record<string, unknown>) : undefined;
  let queued = 0;
  let skipped = 0;
  let pages = 0;
  const pageOf = o.pageOf ?? deps.profilesPage;
  const extra = !start && o.extraUsers ? (await o.extraUsers(o.shard)).map((userId) => ({ userId })) : [];
  do {
    const page = await pageOf(o.shard, start, SWEEP_PAGE_SIZE);
    if (pages === 0 && extra.length > 0) {
      const seen = new Set(page.profiles.map((p) => p.userId));
      page.profiles = [...page.profiles, ...extra.filter((p) => !seen.has(p.userId))];
    }
    pages++;
    const events: Envelope[] = [];
    for (const p of page.profiles) {
      try {
        if (typeof p.userId !== 'string' || p.userId.length === 0) throw new Error('the profile has no user id');
        const event = o.messageOf(p as ProfileRecord & { userId: string });
        if (event) events.push(event);
      } catch (error) {
        skipped++;
        logger.error('A profile could not be swept; it is skipped', { job: o.job, userId: String(p.userId), error: error as Error });
      }
    }
    await deps.publish(o.queue, events);
    queued += events.length;
    start = page.next;
    if (start && (pages >= SWEEP_PAGES_PER_MESSAGE || Date.now() > o.deadline)) {
      const cursor = JSON.stringify(start);
      await deps.publish(o.continuationQueue, [newEvent(UsersSweepContinued, { job: o.job, shard: o.shard, cursor, scheduledAt, ...zone }, new Date())]);
      return { queued, skipped, continued: true };
    }
  } while (start);
  return { queued, skipped, continued: false };
}
