import { indexKeyAttributes, indexPartitionKeys, projectedAttributes, TABLE } from '../../table';

/**
 * Pure aggregation of what the capacity host observes: DynamoDB consumed capacity per call (shared/adapters/dynamo.ts
 * with REPORT_CONSUMED_CAPACITY) and Lambda invocations (invocation-probe.ts), summed per function and what it
 * handled, and per partition class (the key shapes of shared/adapters/keys.ts, with the user's id and dates elided).
 */

/** Units charged to one function handling one kind of input (`GET /me`, `ReportRequested`, …). */
export interface ScopeUnits {
  functionName: string;
  label: string;
  invocations: number;
  /** Sum of the invocations' durations, ms. */
  ms: number;
  /** DynamoDB calls made (each attempt). */
  calls: number;
  /** SQS or stream records handled. */
  records: number;
  /** SQS requests the function made (sends), as SQS bills them: each 64 KB chunk of a request's payload counts as one. */
  sqsRequests: number;
  rcu: number;
  wcu: number;
  /** Of `wcu`, what the indexes consumed (write amplification). */
  indexWcu: number;
  /** Writes that failed their condition: no capacity is returned, AWS bills them; estimated at 1 WCU per item (2 in a transaction). */
  failedWcu: number;
  /** The same capacity by partition class. */
  partitions: Record<string, PartitionUnits>;
  /** SQS records handled, by event type. */
  types: Record<string, number>;
  /**
   * The items of its TransactWriteItems calls, counted by {@link transactItemKey}: DynamoDB Local reports one item's
   * capacity for a whole transaction, so these are priced afterwards ({@link priceTransactions}).
   */
  transactItems: Record<string, number>;
}

/** Capacity consumed in one partition class (e.g. `table USER#<sub>`, `gsi1 USERS#<shard>`). */
export interface PartitionUnits {
  rcu: number;
  wcu: number;
}

export interface Measurements {
  scopes: Record<string, ScopeUnits>;
  /** CPU time of the process running the functions (with the gateway and pollers), ms. */
  cpuMs?: number;
  /** SQS messages received per queue. */
  queues: Record<string, number>;
}

export function emptyMeasurements(): Measurements {
  return { scopes: {}, queues: {} };
}

/** A scope with every measured quantity multiplied by `w` (its share of a mixed batch). */
export function weighted(s: ScopeUnits, w: number): ScopeUnits {
  const partitions: Record<string, PartitionUnits> = {};
  for (const [k, u] of Object.entries(s.partitions)) partitions[k] = { rcu: u.rcu * w, wcu: u.wcu * w };
  return { ...s, invocations: s.invocations * w, ms: s.ms * w, calls: s.calls * w, records: s.records * w, sqsRequests: s.sqsRequests * w, rcu: s.rcu * w, wcu: s.wcu * w, indexWcu: s.indexWcu * w, failedWcu: s.failedWcu * w, partitions };
}

/** The partition classes of some scopes, summed. */
export function partitionsOf(scopes: Iterable<ScopeUnits>): Record<string, PartitionUnits> {
  const out: Record<string, PartitionUnits> = {};
  for (const s of scopes) for (const [key, units] of Object.entries(s.partitions)) add(out, key, units);
  return out;
}

const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);

/** Key shapes, most specific first: ids, dates and shards elided, so every user's partition of a kind adds up. */
const PARTITION_CLASSES: readonly (readonly [RegExp, string])[] = [
  [/^USER#[^#]+$/, 'USER#<sub>'],
  [/^USER#[^#]+#IMPORT#/, 'USER#<sub>#IMPORT#<id>'],
  [/^USER#[^#]+#TX$/, 'USER#<sub>#TX'],
  [/^USER#[^#]+#CAT#/, 'USER#<sub>#CAT#<id>'],
  [/^USER#[^#]+#ALERTS$/, 'USER#<sub>#ALERTS'],
  [/^USERS#/, 'USERS#<shard>'],
  [/^DIRTY#/, 'DIRTY#<day>#<shard>'],
  [/^DIGEST#/, 'DIGEST#<day>'],
  [/^UNCONFIRMED#/, 'UNCONFIRMED#<day>'],
  [/^FX#/, 'FX#<base>'],
  [/^TZ#/, 'TZ#<zone>#<hour>'],
  [/^RATE#/, 'RATE#<scope>#<subject>'],
  [/^(APPLIED|OUTBOX|RECEIPT|SESSION|TOKEN|ERASED)#/, '<one per event, session or token>'],
];

/** The partition class of a partition key value. */
export function partitionClass(pk: string): string {
  for (const [pattern, name] of PARTITION_CLASSES) if (pattern.test(pk)) return name;
  return pk;
}

/** A plain or marshalled (`{S: …}`) string attribute. */
function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { S?: unknown }).S === 'string') return (value as { S: string }).S;
  return undefined;
}

type Item = Record<string, unknown>;

/** The items (Item or Key) a write touches, and whether it is transactional. */
function writtenItems(command: string, input: Item): Item[] {
  if (input.Item) return [input.Item as Item];
  if (input.Key) return [input.Key as Item];
  if (command === 'BatchWriteItemCommand') {
    const groups = Object.values((input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]>);
    return groups.flat().map((r) => r.PutRequest?.Item ?? r.DeleteRequest?.Key ?? {});
  }
  const transact = (input.TransactItems ?? []) as Record<string, { Item?: Item; Key?: Item } | undefined>[];
  return transact.map((t) => {
    const op = t.Put ?? t.Update ?? t.Delete ?? t.ConditionCheck ?? t.Get;
    return op?.Item ?? op?.Key ?? {};
  });
}

/** The partition classes a read touches (`<index> <class>`). */
function readPartitions(command: string, input: Item): string[] {
  const index = typeof input.IndexName === 'string' ? input.IndexName : 'table';
  if (command === 'QueryCommand') {
    const m = /^\s*\(?\s*([#\w]+)\s*=\s*(:\w+)/.exec(String(input.KeyConditionExpression ?? ''));
    const value = m?.[2] ? str((input.ExpressionAttributeValues as Item | undefined)?.[m[2]]) : undefined;
    return [`${index} ${value ? partitionClass(value) : '?'}`];
  }
  if (command === 'ScanCommand') return [`${index} <scan>`];
  if (command === 'BatchGetItemCommand') {
    const groups = Object.values((input.RequestItems ?? {}) as Record<string, { Keys?: Item[] }>);
    return groups.flatMap((g) => (g.Keys ?? []).map((k) => `table ${partitionClass(str(k.pk) ?? '?')}`));
  }
  return writtenItems(command, input).map((k) => `table ${partitionClass(str(k.pk) ?? '?')}`);
}

type Gsi = (typeof TABLE.globalSecondaryIndexes)[number];

/**
 * The partition class of an item in an index, from its partition-key attributes; undefined unless it has them all. A
 * multi-attribute key names the class of its first attribute, then each other one as `<attribute>`
 * (gsi6: `USER#<sub>#<categoryId>`).
 */
function indexPartitionClass(gsi: Gsi, item: Item): string | undefined {
  const [first, ...rest] = indexPartitionKeys(gsi);
  const value = str(item[first as string]);
  if (value === undefined || rest.some((k) => str(item[k]) === undefined)) return undefined;
  return [partitionClass(value), ...rest.map((k) => `<${k}>`)].join('#');
}

/** The index partition class an item's write reaches in `index`, from its own index key or its kind. */
export function indexPartition(index: string, item: Item): string {
  const gsi = TABLE.globalSecondaryIndexes.find((g) => g.indexName === index);
  const own = gsi ? indexPartitionClass(gsi, item) : str(item[`${index}pk`]);
  if (own) return `${index} ${own}`;
  const sk = str(item.sk) ?? '';
  if (sk === 'PROFILE') return `${index} ${index === 'gsi1' ? 'USERS#<shard>' : 'TZ#<zone>#<hour>'}`;
  if (sk.startsWith('TX#')) return `${index} ${{ gsi1: 'USER#<sub>#TX', gsi2: 'USER#<sub>#CAT#<id>', gsi3: 'FXPENDING', gsi4: 'USER#<sub>#CAT#<id>', gsi6: 'USER#<sub>#<categoryId>' }[index] ?? '?'}`;
  if (sk.startsWith('ALERT#')) return `${index} USER#<sub>#ALERTS`;
  return `${index} ?`;
}

interface Consumed {
  CapacityUnits?: number;
  Table?: { CapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

function add(target: Record<string, PartitionUnits>, key: string, units: Partial<PartitionUnits>): void {
  const p = (target[key] ??= { rcu: 0, wcu: 0 });
  p.rcu += units.rcu ?? 0;
  p.wcu += units.wcu ?? 0;
}

export function scopeOf(m: Measurements, functionName: string, label: string): ScopeUnits {
  return (m.scopes[`${functionName} ${label}`] ??= { functionName, label, invocations: 0, ms: 0, calls: 0, records: 0, sqsRequests: 0, rcu: 0, wcu: 0, indexWcu: 0, failedWcu: 0, partitions: {}, types: {}, transactItems: {} });
}

/** Spreads a write's table and index capacity over the partitions of the items it wrote (equal shares). */
function chargeWrite(m: ScopeUnits, items: Item[], consumed: Consumed[]): void {
  const n = Math.max(1, items.length);
  for (const c of consumed) {
    for (const item of items) add(m.partitions, `table ${partitionClass(str(item.pk) ?? '?')}`, { wcu: (c.Table?.CapacityUnits ?? 0) / n });
    for (const [index, units] of Object.entries(c.GlobalSecondaryIndexes ?? {})) {
      const reaching = items.filter((i) => str(i[`${index}pk`]) !== undefined);
      const targets = reaching.length > 0 ? reaching : items;
      for (const item of targets) add(m.partitions, indexPartition(index, item), { wcu: (units.CapacityUnits ?? 0) / targets.length });
    }
  }
}

/** Adds one DynamoDB call, charged to the invocation it ran in (or to its function alone, outside any). */
export function addCapacity(m: Measurements, call: { functionName: string; label?: string; command: string; input: Item; consumed: unknown; error?: string }): void {
  const scope = scopeOf(m, call.functionName, call.label ?? '-');
  scope.calls += 1;
  const consumed = (Array.isArray(call.consumed) ? call.consumed : call.consumed ? [call.consumed] : []) as Consumed[];
  const total = consumed.reduce((s, c) => s + (c.CapacityUnits ?? 0), 0);
  if (READS.has(call.command)) {
    scope.rcu += total;
    const parts = readPartitions(call.command, call.input);
    for (const p of parts) add(scope.partitions, p, { rcu: total / parts.length });
    return;
  }
  const items = writtenItems(call.command, call.input);
  if (call.error && /ConditionalCheckFailed|TransactionCanceled/.test(call.error)) {
    scope.failedWcu += items.length * (call.command === 'TransactWriteItemsCommand' ? 2 : 1);
    return;
  }
  if (call.command === 'TransactWriteItemsCommand') {
    if (call.error) return;
    for (const key of transactItemKeys(call.input)) scope.transactItems[key] = (scope.transactItems[key] ?? 0) + 1;
    return;
  }
  scope.wcu += total;
  scope.indexWcu += consumed.reduce((s, c) => s + Object.values(c.GlobalSecondaryIndexes ?? {}).reduce((t, g) => t + (g.CapacityUnits ?? 0), 0), 0);
  chargeWrite(scope, items, consumed);
}

/** What kind of item a key names: its partition class and its sort key's prefix (`TX`, `ROLLUP`, `PROFILE`…). */
export function itemKind(pk: string, sk: string): string {
  const prefix = sk.includes('#') ? sk.slice(0, sk.indexOf('#')) : /^[A-Z_]+$/.test(sk) ? sk : '<id>';
  return `${partitionClass(pk)} ${prefix}`;
}

/** DynamoDB's size of an attribute value (marshalled or plain), as capacity is computed: names and values in bytes. */
export function valueSize(v: unknown): number {
  if (v === null || v === undefined) return 1;
  if (v instanceof Uint8Array) return v.byteLength;
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (typeof v === 'number' || typeof v === 'bigint') return Math.ceil(String(v).replace(/[-.]/g, '').length / 2) + 1;
  if (typeof v === 'boolean') return 1;
  if (Array.isArray(v)) return 3 + v.reduce((s: number, x) => s + valueSize(x) + 1, 0);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    const [t] = keys as [string];
    if (t === 'S' || t === 'N' || t === 'B' || t === 'BOOL' || t === 'NULL') return t === 'N' ? valueSize(Number(o.N)) : valueSize(o[t]);
    if (t === 'L') return valueSize(o.L);
    if (t === 'M') return valueSize(Object.fromEntries(Object.entries(o.M as object)));
    if (t === 'SS' || t === 'NS') return (o[t] as unknown[]).reduce((s: number, x) => s + valueSize(x), 0);
  }
  return 3 + Object.entries(o).reduce((s, [k, x]) => s + Buffer.byteLength(k) + valueSize(x) + 1, 0);
}

/** The size of an item: its attribute names and values. */
export function itemSize(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + valueSize(v), 0);
}

/**
 * Whether an item is in an index: it has every key attribute of the index, partition and sort, each of a
 * multi-attribute key included (a sparse index leaves the others out).
 */
const inIndex = (gsi: Gsi, item: Record<string, unknown>) => indexKeyAttributes(gsi).every((k) => str(item[k]) !== undefined);

/** The index partitions an item is in, as `gsi1=USER#<sub>#TX` (gsi6: `USER#<sub>#<categoryId>`). */
export function indexKeysOf(item: Record<string, unknown>): string[] {
  return TABLE.globalSecondaryIndexes.flatMap((gsi) => (inIndex(gsi, item) ? [`${gsi.indexName}=${indexPartitionClass(gsi, item) ?? '?'}`] : []));
}

/**
 * The bytes of an item's copies in the indexes it is in (without their overhead): the whole item in an index that
 * projects ALL; the table's keys, the index's keys and the included attributes in one that projects INCLUDE.
 */
export function indexCopyBytes(item: Record<string, unknown>): number {
  return TABLE.globalSecondaryIndexes.reduce((sum, gsi) => {
    if (!inIndex(gsi, item)) return sum;
    const include = projectedAttributes(gsi.indexName);
    if (!include) return sum + itemSize(item);
    const kept = new Set([TABLE.partitionKey, TABLE.sortKey, ...indexKeyAttributes(gsi), ...include]);
    return sum + itemSize(Object.fromEntries(Object.entries(item).filter(([k]) => kept.has(k))));
  }, 0);
}

/** One key per item of a TransactWriteItems: `op|kind|size of a Put's item|indexes a Put's item reaches`. */
function transactItemKeys(input: Item): string[] {
  const transact = (input.TransactItems ?? []) as Record<string, { Item?: Item; Key?: Item } | undefined>[];
  return transact.map((t) => {
    const [op, body] = Object.entries(t).find(([, v]) => v) ?? ['?', undefined];
    const item = body?.Item ?? body?.Key ?? {};
    const kind = itemKind(str(item.pk) ?? '?', str(item.sk) ?? '?');
    const size = body?.Item ? itemSize(body.Item) : 0;
    const indexes = body?.Item ? indexKeysOf(body.Item).join(',') : '';
    return [op, kind, size, indexes].join('|');
  });
}

/** Average size of the stored items of each kind and the share of them in each index partition class (`gsi1=…`), from a scan of the table. */
export type ItemStats = Record<string, { bytes: number; indexes: Record<string, number> }>;

/**
 * Prices the transaction items of every scope as DynamoDB bills TransactWriteItems: 2 WCU per started KB of each
 * item on the table, and 1 WCU per started KB on each index the item is in (a Put: the indexes its item names; an
 * Update or Delete: the share of stored items of that kind in each index, at their average size); a ConditionCheck
 * as a write of its item. The transactional 2× applies to the table alone: an index write inside a transaction costs
 * what it costs outside one (measured against DynamoDB by the dynamodb-conformance suite; nubo-db/dynoxide#188).
 */
export function priceTransactions(m: Measurements, stats: ItemStats): void {
  for (const scope of Object.values(m.scopes)) {
    for (const [key, count] of Object.entries(scope.transactItems)) {
      const [op = '', kind = '', size = '0', indexes = ''] = key.split('|');
      const known = stats[kind];
      const bytes = op === 'Put' ? Number(size) : (known?.bytes ?? 1024);
      const perCopy = Math.max(1, Math.ceil(bytes / 1024)) * count;
      const units = 2 * perCopy;
      const reach: [string, number][] = op === 'Put' ? indexes.split(',').filter(Boolean).map((g) => [g, 1]) : op === 'ConditionCheck' ? [] : Object.entries(known?.indexes ?? {});
      add(scope.partitions, `table ${kind.slice(0, kind.lastIndexOf(' '))}`, { wcu: units });
      scope.wcu += units;
      for (const [index, share] of reach) {
        const indexUnits = perCopy * share;
        scope.wcu += indexUnits;
        scope.indexWcu += indexUnits;
        add(scope.partitions, index.replace('=', ' '), { wcu: indexUnits });
      }
    }
  }
}

/** Bytes in one SQS billing chunk: a request is billed once per started 64 KB of payload. */
export const SQS_CHUNK_BYTES = 64 * 1024;

/** Adds one SQS request a function made (a send, or any other API call), billed per started 64 KB of its body. */
export function addSqsRequest(m: Measurements, call: { functionName: string; label: string; bodyBytes: number }): void {
  scopeOf(m, call.functionName, call.label).sqsRequests += Math.max(1, Math.ceil(call.bodyBytes / SQS_CHUNK_BYTES));
}

/** Adds one Lambda invocation. */
export function addInvocation(m: Measurements, inv: { functionName: string; label: string; ms: number; records: number; queue?: string; types?: Record<string, number> }): void {
  const scope = scopeOf(m, inv.functionName, inv.label);
  for (const [t, k] of Object.entries(inv.types ?? {})) scope.types[t] = (scope.types[t] ?? 0) + k;
  scope.invocations += 1;
  scope.ms += inv.ms;
  scope.records += inv.records;
  if (inv.queue) m.queues[inv.queue] = (m.queues[inv.queue] ?? 0) + inv.records;
}

/** `after` minus `before`, scope by scope (a phase of the session between two snapshots). */
export function difference(after: Measurements, before: Measurements): Measurements {
  const out = emptyMeasurements();
  for (const [key, a] of Object.entries(after.scopes)) {
    const b = before.scopes[key];
    const d: ScopeUnits = { ...a, partitions: {}, types: {}, transactItems: {} };
    for (const [t, k] of Object.entries(a.transactItems)) if (k - (b?.transactItems[t] ?? 0) > 0) d.transactItems[t] = k - (b?.transactItems[t] ?? 0);
    for (const [t, k] of Object.entries(a.types)) if (k - (b?.types[t] ?? 0) > 0) d.types[t] = k - (b?.types[t] ?? 0);
    if (b) for (const f of ['invocations', 'ms', 'calls', 'records', 'sqsRequests', 'rcu', 'wcu', 'indexWcu', 'failedWcu'] as const) d[f] = a[f] - b[f];
    for (const [p, u] of Object.entries(a.partitions)) {
      const was = b?.partitions[p] ?? { rcu: 0, wcu: 0 };
      if (u.rcu - was.rcu > 1e-9 || u.wcu - was.wcu > 1e-9) d.partitions[p] = { rcu: u.rcu - was.rcu, wcu: u.wcu - was.wcu };
    }
    if (d.invocations > 0 || d.sqsRequests > 0 || d.rcu > 0 || d.wcu > 0 || d.failedWcu > 0) out.scopes[key] = d;
  }
  if (after.cpuMs !== undefined) out.cpuMs = after.cpuMs - (before.cpuMs ?? 0);
  for (const [q, n] of Object.entries(after.queues)) if (n - (before.queues[q] ?? 0) > 0) out.queues[q] = n - (before.queues[q] ?? 0);
  return out;
}
