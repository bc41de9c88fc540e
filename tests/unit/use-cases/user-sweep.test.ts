import { describe, expect, it } from 'vitest';
import { SWEEP_PAGES_PER_MESSAGE, SWEEP_PAGE_SIZE, sweepUsers, type SweepDeps, type SweepOptions } from '../../../shared/use-cases/user-sweep';
import { newEvent } from '../../../shared/adapters/outbox';
import { AnalyticsReconcileRequested, UsersSweepContinued } from '../../../events/ledger-jobs';
import { USER_SHARDS, userShard } from '../../../shared/adapters/keys';
import type { Envelope } from '../../../events/envelope';

const AT = new Date('2026-11-25T02:00:00.000Z');

/** An in-memory users index: `users` spread over shards by the real hash, paged by position. */
function world(users: string[]) {
  const published: { queue: string; events: Envelope[] }[] = [];
  const reads: number[] = [];
  const deps: SweepDeps = {
    shards: USER_SHARDS,
    publish: async (queue, events) => void published.push({ queue, events }),
    profilesPage: async (shard, start, size) => {
      reads.push(shard);
      const mine = users.filter((u) => userShard(u) === shard).sort();
      const from = Number(start?.at ?? 0);
      const page = mine.slice(from, from + size).map((userId) => ({ userId }));
      return { profiles: page, ...(from + size < mine.length ? { next: { at: from + size } } : {}) };
    },
  };
  const options = (o: Partial<SweepOptions>): SweepOptions => ({
    job: 'reconcile-analytics',
    scheduledAt: AT,
    deadline: Number.POSITIVE_INFINITY,
    queue: 'ledger-jobs',
    continuationQueue: 'ledger-jobs',
    messageOf: (p) => {
      if (p.userId === 'bad') throw new Error('malformed');
      return newEvent(AnalyticsReconcileRequested, { userId: p.userId }, AT, `reconcile-${p.userId}`);
    },
    ...o,
  });
  const of = (type: string) => published.flatMap((p) => p.events).filter((e) => e.type === type);
  return { deps, options, published, reads, of };
}

describe('the sharded users fan-out', () => {
  it('the schedule reads no user and queues one message per shard (deterministic ids, so a re-run repeats them)', async () => {
    const w = world(['a', 'b']);
    expect(await sweepUsers(w.options({}), w.deps)).toMatchObject({ queued: 0, shards: USER_SHARDS });
    expect(w.reads).toEqual([]);
    const shards = w.of('UsersSweepContinued');
    expect(shards.map((e) => (e.data as { shard: number }).shard)).toEqual([...Array(USER_SHARDS).keys()]);
    expect(new Set(shards.map((e) => e.id)).size).toBe(USER_SHARDS);
    for (const e of shards) expect(UsersSweepContinued.schema.safeParse(e.data).success).toBe(true);
  });

  it('a shard message queues one message per user of that shard only, skipping a malformed profile alone', async () => {
    const users = Array.from({ length: 200 }, (_, i) => `user-${i}`).concat('bad');
    const w = world(users);
    const shard = userShard('bad');
    const mine = users.filter((u) => userShard(u) === shard && u !== 'bad');
    const r = await sweepUsers(w.options({ shard }), w.deps);
    expect(r).toEqual({ queued: mine.length, skipped: 1, continued: false });
    expect(w.of('AnalyticsReconcileRequested').map((e) => (e.data as { userId: string }).userId).sort()).toEqual(mine.sort());
    expect(new Set(w.reads)).toEqual(new Set([shard]));
  });

  it('a shard larger than the page bound continues in a further message that resumes where it stopped', async () => {
    // Enough users that shard 0 alone has more than SWEEP_PAGES_PER_MESSAGE pages.
    const users: string[] = [];
    for (let i = 0; users.length < SWEEP_PAGE_SIZE * SWEEP_PAGES_PER_MESSAGE + 7; i++) if (userShard(`u${i}`) === 0) users.push(`u${i}`);
    const w = world(users);
    const first = await sweepUsers(w.options({ shard: 0 }), w.deps);
    expect(first).toEqual({ queued: SWEEP_PAGE_SIZE * SWEEP_PAGES_PER_MESSAGE, skipped: 0, continued: true });
    const next = w.of('UsersSweepContinued');
    expect(next).toHaveLength(1);
    const data = next[0]?.data as { shard: number; cursor: string };
    expect(data.shard).toBe(0);
    const second = await sweepUsers(w.options({ shard: data.shard, cursor: data.cursor }), w.deps);
    expect(second).toEqual({ queued: 7, skipped: 0, continued: false });
    const queued = w.of('AnalyticsReconcileRequested').map((e) => (e.data as { userId: string }).userId);
    expect(queued.sort()).toEqual([...users].sort());
  });

  it('the shard hash spreads users over every shard', () => {
    const counts = new Array<number>(USER_SHARDS).fill(0);
    for (let i = 0; i < 1600; i++) counts[userShard(`${i}-sub`)] = (counts[userShard(`${i}-sub`)] ?? 0) + 1;
    expect(Math.min(...counts)).toBeGreaterThan(50);
  });
});
