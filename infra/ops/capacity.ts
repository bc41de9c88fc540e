/**
 * `npm run capacity`: measures what each route and consumer consumes (DynamoDB read/write units including index
 * writes and the transactional 2×, Lambda invocations and GB-seconds, SQS messages, emails, log bytes) in a usage
 * session on its own local cloud, then prints the cost per 1,000 active users and month at a stated usage, and the
 * per-partition limits derived from the measured write rates. Loopback only; stops its cloud when done.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, QueryCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import * as keys from '../../shared/adapters/keys';
import { functions } from '../../functions/manifest';
import { difference, indexCopyBytes, indexKeysOf, itemKind, itemSize, priceTransactions, type ItemStats, type Measurements } from './capacity/collector';
import { outboxCount, REPO_ROOT, settle, startHost, type Host } from './capacity/measure';
import { printReport, STORED_MONTHS, type PhaseResult } from './capacity/report';
import { storedKinds, type ScannedItem, type StoredKind } from './capacity/storage';
import { Api, phases, type SessionState } from './capacity/session';

const memoryMb = new Map(functions.map((f) => [f.name, f.memoryMb ?? 256]));

function localClient(host: Host): DynamoDBClient {
  return new DynamoDBClient({ endpoint: host.endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/** Profiles in the users index: the users a sweep reaches (the session's user and the bootstrap admin). */
async function indexedUsers(host: Host): Promise<number> {
  const client = localClient(host);
  try {
    let n = 0;
    for (let shard = 0; shard < keys.USER_SHARDS; shard++) {
      const r = await client.send(new QueryCommand({ TableName: host.tableName, IndexName: keys.usersIndex, KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': { S: keys.usersShardPartition(shard) } }, Select: 'COUNT' }));
      n += r.Count ?? 0;
    }
    return n;
  } finally {
    client.destroy();
  }
}

/** Every item in the table, by key, as the storage model sees it (a Scan: a tool's read, not the app's). */
async function scanItems(host: Host): Promise<Map<string, ScannedItem>> {
  const client = localClient(host);
  const out = new Map<string, ScannedItem>();
  const now = Date.now() / 1000;
  try {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: host.tableName, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) {
        const expiresAt = item.expiresAt?.N === undefined ? undefined : Number(item.expiresAt.N);
        const kind = itemKind(item.pk?.S ?? '?', item.sk?.S ?? '?');
        out.set(`${item.pk?.S}\u0000${item.sk?.S}`, { kind, size: itemSize(item), indexes: indexKeysOf(item).length, indexBytes: indexCopyBytes(item), ttlSeconds: expiresAt === undefined ? undefined : expiresAt - now });
      }
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    client.destroy();
  }
  return out;
}

/** Average size and index membership of each kind of item the session left in the table (a Scan: a tool's read, not the app's). */
async function itemStats(host: Host): Promise<ItemStats> {
  const client = localClient(host);
  const sums: Record<string, { n: number; bytes: number; indexes: Record<string, number> }> = {};
  try {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: host.tableName, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) {
        const s = (sums[itemKind(item.pk?.S ?? '?', item.sk?.S ?? '?')] ??= { n: 0, bytes: 0, indexes: {} });
        s.n += 1;
        s.bytes += itemSize(item);
        for (const index of indexKeysOf(item)) s.indexes[index] = (s.indexes[index] ?? 0) + 1;
      }
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    client.destroy();
  }
  return Object.fromEntries(Object.entries(sums).map(([k, s]) => [k, { bytes: s.bytes / s.n, indexes: Object.fromEntries(Object.entries(s.indexes).map(([g, c]) => [g, c / s.n])) }]));
}

async function runPhases(host: Host): Promise<{ results: PhaseResult[]; all: Measurements; stored: { setup: StoredKind[]; usage: StoredKind[] }; sweptUsers: number }> {
  const api = new Api(host.apiUrl);
  const state: SessionState = { api, email: `capacity-${randomUUID().slice(0, 8)}@example.com`, password: 'Correct-Horse-42', accounts: [], transactions: [], between: () => settle(host, 300) };
  const results: PhaseResult[] = [];
  await settle(host);
  const start = await host.snapshot();
  const itemsBefore = await scanItems(host);
  // `-- <word>…`: only the phases whose action contains one of the words (sign-up, setup and the history always run).
  const only = process.argv.slice(2);
  const chosen = phases().filter((p, i) => only.length === 0 || i < 2 || p.unmeasured || only.some((w) => p.action.includes(w)));
  let itemsAfterSetup = itemsBefore;
  // Where the stored data of use starts: after setup and the history (its twelve months are the storage model's).
  let itemsUsageFrom = itemsBefore;
  const unmeasured: Measurements[] = [];
  for (const [i, phase] of chosen.entries()) {
    const before = await host.snapshot();
    const [requests, emails] = [api.requests, await outboxCount(host.consoleUrl)];
    process.stderr.write(`capacity: ${phase.action}…\n`);
    if (phase.schedule) await host.fire(phase.schedule, phase.at?.() ?? new Date());
    else await phase.run(state);
    await settle(host);
    const after = await host.snapshot();
    const measured = difference(after.measurements, before.measurements);
    if (phase.unmeasured) {
      unmeasured.push(measured);
      itemsUsageFrom = await scanItems(host);
      continue;
    }
    const extra = { apiRequests: api.requests - requests, emails: (await outboxCount(host.consoleUrl)) - emails, logBytes: after.logBytes - before.logBytes };
    results.push({ action: phase.action, count: phase.count, schedule: phase.schedule, measured, extra });
    // What sign-up and setup store is kept once per user; what the rest stores grows with use.
    if (i === 1) itemsAfterSetup = itemsUsageFrom = await scanItems(host);
  }
  const end = await host.snapshot();
  const stats = await itemStats(host);
  for (const r of results) priceTransactions(r.measured, stats);
  const all = unmeasured.reduce((sum, m) => difference(sum, m), difference(end.measurements, start.measurements));
  priceTransactions(all, stats);
  return { results, all, stored: { setup: storedKinds(itemsBefore, itemsAfterSetup, STORED_MONTHS), usage: storedKinds(itemsUsageFrom, await scanItems(host), STORED_MONTHS) }, sweptUsers: await indexedUsers(host) };
}

async function main(): Promise<void> {
  const started = Date.now();
  const load0 = loadavg()[0] ?? 0;
  const host = await startHost();
  try {
    const run = await runPhases(host);
    await mkdir(join(REPO_ROOT, '.bench'), { recursive: true });
    await writeFile(join(REPO_ROOT, '.bench', 'capacity.json'), JSON.stringify(run, null, 1));
    printReport({ ...run, memoryMb, seconds: (Date.now() - started) / 1000, load: [load0, loadavg()[0] ?? 0] });
  } finally {
    await host.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
