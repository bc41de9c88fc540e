import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SQSRecord } from 'aws-lambda';

vi.mock('../../../shared/adapters/dirty-users', () => import('../../support/memory/dirty-users'));
vi.mock('../../../shared/adapters/queue', () => import('../../support/memory/queue'));
vi.mock('../../../shared/adapters/rollups', () => import('../../support/memory/rollups'));
vi.mock('../../../shared/adapters/ledger', () => import('../../support/memory/ledger'));
// The users index: every user below, sampled by the random point the test gives.
const index = vi.hoisted(() => ({ users: [] as string[], samples: [] as number[] }));
vi.mock('../../../shared/adapters/profiles', async () => ({
  allProfiles: async function* () {},
  USER_SHARDS: (await import('../../../shared/adapters/keys')).USER_SHARDS,
  profilesPage: async () => ({ profiles: [] }),
  sampleUserIds: async (shard: number, n: number, random: () => number) => {
    const { userShard } = await import('../../../shared/adapters/keys');
    index.samples.push(shard);
    const mine = index.users.filter((u) => userShard(u) === shard).sort();
    const from = Math.floor(random() * mine.length);
    return [...mine.slice(from), ...mine.slice(0, from)].slice(0, n);
  },
}));

import { queueReconcileAll, RECONCILE_CANARY_PER_SHARD } from '../../../shared/use-cases/analytics-repair';
import { applyLedgerEvents } from '../../../shared/use-cases/analytics-apply';
import { USER_SHARDS } from '../../../shared/adapters/keys';
import { memory as dirty, markDirty } from '../../support/memory/dirty-users';
import { memory as queue } from '../../support/memory/queue';

const NIGHT = new Date('2026-11-25T02:00:00.000Z');

beforeEach(() => {
  dirty.reset();
  queue.reset();
  index.users = Array.from({ length: 400 }, (_, i) => `user-${String(i).padStart(3, '0')}`);
  index.samples = [];
});

/** Runs the whole nightly fan-out (schedule, then every shard message) and returns the users queued a recount. */
async function reconciled(random: () => number): Promise<string[]> {
  await queueReconcileAll(NIGHT, Number.POSITIVE_INFINITY, undefined, undefined, random);
  const shards = queue.published.filter((p) => p.event.type === 'UsersSweepContinued').map((p) => p.event.data as { shard: number });
  expect(shards).toHaveLength(USER_SHARDS);
  for (const s of shards) await queueReconcileAll(NIGHT, Number.POSITIVE_INFINITY, s.shard, undefined, random);
  return queue.published.filter((p) => p.event.type === 'AnalyticsReconcileRequested').map((p) => (p.event.data as { userId: string }).userId);
}

describe('the nightly reconcile in proportion to change', () => {
  it('queues only the users marked dirty yesterday or today, plus the canary sample of each shard', async () => {
    await markDirty('user-001', new Date('2026-11-24T13:00:00Z')); // yesterday
    await markDirty('user-002', new Date('2026-11-25T01:00:00Z')); // today, before the run
    await markDirty('user-003', new Date('2026-11-20T09:00:00Z')); // days ago: already reconciled
    const users = await reconciled(() => 0.5);

    expect(users).toContain('user-001');
    expect(users).toContain('user-002');
    expect(users).not.toContain('user-003');
    const canary = users.filter((u) => u !== 'user-001' && u !== 'user-002');
    expect(canary.length).toBeLessThanOrEqual(USER_SHARDS * RECONCILE_CANARY_PER_SHARD);
    expect(canary.length).toBeGreaterThanOrEqual(USER_SHARDS * RECONCILE_CANARY_PER_SHARD - 2); // a dirty user may also be sampled
    expect(new Set(users).size).toBe(users.length);
    expect(users.length).toBeLessThan(index.users.length / 8);
    expect(index.samples.sort((a, b) => a - b)).toEqual([...Array(USER_SHARDS).keys()]);
  });

  it('the canary is random: another night samples other users', async () => {
    const one = await reconciled(() => 0.1);
    queue.reset();
    const two = await reconciled(() => 0.7);
    expect(one.filter((u) => two.includes(u))).toEqual([]);
  });

  it('the analytics consumer marks the user dirty on the day it applies their event', async () => {
    const t = { id: 't1', userId: 'u-dirty', type: 'expense', amount: 500, currency: 'EUR', date: '2026-11-01', description: 'x', categoryId: 'food', accountId: 'a', toAccountId: null, splits: null, tags: [], baseAmount: 500, baseCurrency: 'EUR', fxStatus: 'converted', version: 1 };
    const record = { messageId: 'm1', attributes: {}, body: JSON.stringify({ id: 'e1', type: 'TransactionRecorded', version: 1, occurredAt: NIGHT.toISOString(), data: { userId: 'u-dirty', transactionId: 't1', before: null, after: t } }) } as unknown as SQSRecord;
    const out = await applyLedgerEvents([record], new Date('2026-11-25T10:00:00Z'));
    expect(out.batchItemFailures).toEqual([]);
    expect([...(dirty.days.get('2026-11-25') ?? [])]).toEqual(['u-dirty']);
  });
});
