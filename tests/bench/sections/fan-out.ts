import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../../../shared/adapters/keys';
import type { Envelope } from '../../../events/envelope';
import { queueUrlVariable } from '../../../shared/queue-variables';
import { fmt, heading, printFigures, type Figure, type Target } from '../lib/report';
import { batchWrite } from '../lib/seed';
import type { CloudContext, SectionContext, SectionOutput } from './context';

/**
 * `fanout`: how long the sharded users sweep (shared/use-cases/user-sweep.ts) takes to queue one message per user
 * for 100,000 users on the local cloud's SQS emulator. The profiles are written straight to DynamoDB Local
 * (BatchWriteItem, not registration). The shard and continuation messages are handled in this process by as many
 * workers as a consumer's maximum concurrency (what Lambda would run); the per-user messages go to a queue of
 * their own that nothing consumes, and are counted there. Baseline in the same run: reading the same profiles
 * from the users index with the same page size and concurrency, without queueing anything.
 */

const USERS = Number(process.env.BENCH_FANOUT_USERS) > 0 ? Math.floor(Number(process.env.BENCH_FANOUT_USERS)) : 100_000;
const CONCURRENCY = 5;
const PAGE = 100;
const TARGET: Target = { op: '<=', value: 60, unit: 's' };
const QUEUE = 'bench-fanout';
const SHARD_QUEUE = 'bench-fanout-shards';

function profileItems(count: number): Record<string, unknown>[] {
  const at = new Date().toISOString();
  return Array.from({ length: count }, (_, n) => {
    const userId = `bench-fanout-${String(n).padStart(7, '0')}`;
    return { ...keys.profile(userId), ...keys.usersShard(userId), userId, email: `${userId}@bench.local`, name: 'Bench', baseCurrency: 'EUR', version: 1, createdAt: at, updatedAt: at };
  });
}

/** Runs `work` on every item of a list that grows while it runs, `concurrency` at a time. */
async function drain<T>(list: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let active = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      if (list.length === 0 && active === 0) return resolve();
      while (active < concurrency && list.length > 0) {
        const item = list.shift() as T;
        active++;
        work(item).then(() => (active--, pump()), reject);
      }
    };
    pump();
  });
}

/** The baseline: every profile of the users index, page by page, the shards `CONCURRENCY` at a time. */
async function readIndex(c: CloudContext): Promise<{ ms: number; count: number }> {
  const started = performance.now();
  let count = 0;
  const shards = Array.from({ length: keys.USER_SHARDS }, (_, s) => s);
  await drain(shards, CONCURRENCY, async (shard) => {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await c.doc.send(new QueryCommand({ TableName: c.cloud.tableName, IndexName: keys.usersIndex, KeyConditionExpression: 'gsi1pk = :u', ExpressionAttributeValues: { ':u': keys.usersShardPartition(shard) }, ExclusiveStartKey: start, Limit: PAGE }));
      count += page.Items?.length ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
  });
  return { ms: performance.now() - started, count };
}

async function queueDepth(sqs: SQSClient, url: string): Promise<number> {
  const a = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(a.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(a.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

/** The sweep as the schedule and its shard messages run it: answers the time until every user's message is queued. */
async function sweep(): Promise<number> {
  // Loaded now: the cloud's handler environment (and the bench queues' URLs) is in process.env.
  const [{ resetConfig }, { sweepUsers }, { newEvent }, { AdviceRefreshRequested }, { profilesPage }, { publish }] = await Promise.all([
    import('../../../shared/config'),
    import('../../../shared/use-cases/user-sweep'),
    import('../../../shared/adapters/outbox'),
    import('../../../events/advice'),
    import('../../../shared/adapters/profiles'),
    import('../../../shared/adapters/queue'),
  ]);
  resetConfig();
  const pending: { shard?: number; cursor?: string }[] = [];
  const deps = {
    profilesPage,
    shards: keys.USER_SHARDS,
    // The shard and continuation messages are taken up here at once, as their consumer would.
    publish: async (queue: string, events: Envelope[]) => (queue === SHARD_QUEUE ? void pending.push(...events.map((e) => e.data as { shard?: number; cursor?: string })) : publish(queue, events)),
  };
  const scheduledAt = new Date();
  const options = (m: { shard?: number | undefined; cursor?: string | undefined }) => ({
    job: 'advice-refresh' as const,
    shard: m.shard,
    cursor: m.cursor,
    scheduledAt,
    deadline: Date.now() + 240_000,
    queue: QUEUE,
    continuationQueue: SHARD_QUEUE,
    messageOf: (p: { userId: string }) => newEvent(AdviceRefreshRequested, { userId: p.userId, attempt: 0, reason: 'monthly' }, scheduledAt),
  });
  const started = performance.now();
  await sweepUsers(options({}), deps);
  await drain(pending, CONCURRENCY, async (m) => void (await sweepUsers(options(m), deps)));
  return performance.now() - started;
}

export async function fanOut(ctx: SectionContext): Promise<SectionOutput> {
  heading(`fanout — the sharded users sweep queues one message per user, ${USERS.toLocaleString('en-US')} users, ${CONCURRENCY} shard messages at a time`);
  const c = await ctx.openCloud('fan-out');
  const sqs = new SQSClient({ endpoint: c.cloud.endpoints.sqs, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    for (const name of [QUEUE, SHARD_QUEUE]) {
      const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl ?? '';
      process.env[queueUrlVariable(name)] = url;
    }
    const seeded = await batchWrite(c.doc, c.cloud.tableName, profileItems(USERS), 8, Math.min(300_000, ctx.remainingMs() - 120_000));
    console.log(`seeded ${seeded.items.toLocaleString('en-US')} profiles in ${fmt(seeded.ms / 1000)} s (${seeded.requests} BatchWriteItem requests)${seeded.cutShort ? ' — cut short by the time budget' : ''}`);
    const baseline = await readIndex(c);
    const ms = await sweep();
    const queued = await queueDepth(sqs, process.env[queueUrlVariable(QUEUE)] ?? '');
    const figures: Figure[] = [
      { name: `fanout: ${baseline.count.toLocaleString('en-US')} users' messages queued`, value: ms / 1000, unit: 's', digits: 1, target: TARGET },
      { name: 'fanout: messages counted on the queue', value: queued, unit: '', digits: 0, note: queued === baseline.count ? 'one per user' : `expected ${baseline.count}` },
      { name: 'fanout: reading the same profiles (baseline)', value: baseline.ms / 1000, unit: 's', digits: 1 },
      { name: 'fanout: sweep / baseline', value: ms / baseline.ms, unit: '×', digits: 1 },
      { name: 'fanout: messages per second', value: queued / (ms / 1000), unit: '/s', digits: 0 },
    ];
    printFigures(figures);
    return { figures, notes: [`The sweep queued ${queued.toLocaleString('en-US')} messages for ${baseline.count.toLocaleString('en-US')} users in ${fmt(ms / 1000)} s (target ≤ 60 s), ${fmt(ms / baseline.ms)}× the time to read the same profiles.`] };
  } finally {
    sqs.destroy();
    await ctx.closeCloud(c);
  }
}
