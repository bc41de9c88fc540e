import { randomUUID } from 'node:crypto';
import { channel } from 'node:diagnostics_channel';
import { BatchGetItemCommand, DynamoDBClient, GetItemCommand, type AttributeValue, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { InitializeHandlerArguments, InitializeHandlerOutput, InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { config, reportsConsumedCapacity } from '../config';
import { traced } from '../tracing';
import { currentRetryPolicy, retrying } from './retry';

let doc: DynamoDBDocumentClient | undefined;
let base: DynamoDBClient | undefined;
let keyClient: DynamoDBClient | undefined;

/**
 * How long one attempt may take: a database that accepts no connection fails in 1 s (at once when the port is
 * closed), and one that stops answering in 8 s — within an HTTP function's 10 s timeout less the second kept to
 * answer, so even a hung attempt ends in a 503 rather than a function timeout. (Real DynamoDB answers in
 * milliseconds; the margin is for a loaded local machine.)
 */
export const CONNECTION_TIMEOUT_MS = 1000;
export const REQUEST_TIMEOUT_MS = 8000;
/**
 * Connections kept to DynamoDB. A Lambda container runs one invocation at a time and opens a few; the local cloud
 * runs every function in one process, which needs more than the SDK's default 50 under load.
 */
const MAX_SOCKETS = 256;

/**
 * Every command of the client goes through {@link retrying}: transaction conflicts, throttling, 5xx and connection
 * failures are tried again with full-jitter back-off inside the budget in force ({@link withRetryBudget}), then
 * surface as `ServiceUnavailableError` (503 with Retry-After). Condition failures and other errors pass at once.
 * A TransactWriteItems gets one ClientRequestToken for all its attempts, so an attempt that was applied but whose
 * answer was lost is not applied twice.
 */
export function retryMiddleware(): InitializeMiddleware<object, MetadataBearer> {
  return (next, context) => async (args: InitializeHandlerArguments<object>): Promise<InitializeHandlerOutput<MetadataBearer>> => {
    const input = args.input as Record<string, unknown>;
    const stable = context.commandName === 'TransactWriteItemsCommand' && input.ClientRequestToken === undefined ? { ...args, input: { ...input, ClientRequestToken: randomUUID() } } : args;
    return retrying(() => next(stable), currentRetryPolicy());
  };
}

/** Commands that accept ReturnConsumedCapacity. */
const CAPACITY_COMMANDS = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactGetItems', 'TransactWriteItems'].map((c) => `${c}Command`));

/** Where {@link consumedCapacityMiddleware} publishes each call when something in the process subscribes (`npm run capacity`). */
export const CONSUMED_CAPACITY_CHANNEL = 'tally:dynamodb:consumed-capacity';

/** One DynamoDB call's consumed capacity as reported on {@link CONSUMED_CAPACITY_CHANNEL}. */
export interface ConsumedCapacityRecord {
  functionName: string;
  command: string;
  /** The command's input (in-process subscribers only; never logged). */
  input: Record<string, unknown>;
  /** DynamoDB's ConsumedCapacity (one object, or one per table for batch and transaction calls); absent on an error. */
  consumed: unknown;
  /** The error's name when the call failed (a failed conditional write still consumes write capacity on AWS). */
  error?: string;
}

/**
 * Only with REPORT_CONSUMED_CAPACITY=true: asks every call for its consumed capacity (INDEXES: table and each index)
 * and reports it per attempt with the function's name — on a diagnostics channel when the process subscribes to
 * it (the capacity script's local cloud), otherwise as one JSON log line without the input (CloudWatch Logs Insights
 * can sum them per function).
 */
export function consumedCapacityMiddleware(): InitializeMiddleware<object, MetadataBearer> {
  const sink = channel(CONSUMED_CAPACITY_CHANNEL);
  return (next, context) => async (args: InitializeHandlerArguments<object>): Promise<InitializeHandlerOutput<MetadataBearer>> => {
    const command = context.commandName ?? '';
    if (!CAPACITY_COMMANDS.has(command)) return next(args);
    const input = { ...(args.input as Record<string, unknown>), ReturnConsumedCapacity: 'INDEXES' };
    const report = (consumed: unknown, error?: string) => {
      const record: ConsumedCapacityRecord = { functionName: config().POWERTOOLS_SERVICE_NAME, command, input, consumed, ...(error ? { error } : {}) };
      if (sink.hasSubscribers) sink.publish(record);
      else process.stdout.write(`${JSON.stringify({ message: 'DynamoDB consumed capacity', functionName: record.functionName, command, consumed, error })}\n`);
    };
    try {
      const out = await next({ ...args, input });
      report((out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
      return out;
    } catch (e) {
      report(undefined, (e as Error).name);
      throw e;
    }
  };
}

/**
 * A DynamoDB client with Tally's middleware: {@link retryMiddleware}, {@link consumedCapacityMiddleware} when asked,
 * no SDK logger middleware, X-Ray subsegments ({@link traced}).
 */
function newClient(options: Pick<DynamoDBClientConfig, 'cacheMiddleware' | 'requestHandler'>): DynamoDBClient {
  const client = new DynamoDBClient({ maxAttempts: 1, ...options });
  client.middlewareStack.add(retryMiddleware(), { step: 'initialize', name: 'tallyRetryWithBudget', priority: 'high' });
  // Inside the retries, so each attempt is counted as DynamoDB bills it.
  if (reportsConsumedCapacity()) client.middlewareStack.add(consumedCapacityMiddleware(), { step: 'initialize', name: 'tallyConsumedCapacity', priority: 'low' });
  // The SDK's logger middleware builds a redacted copy of every input and output for its logger even when that is
  // the default no-op one (Tally never gives the SDK a logger): a few percent of each call's CPU for nothing.
  client.middlewareStack.remove('loggerMiddleware');
  return traced(client);
}

function baseClient(): DynamoDBClient {
  base ??= newClient({
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true, httpAgent: { maxSockets: MAX_SOCKETS } },
  });
  return base;
}

/**
 * The process's DynamoDB document client. The endpoint comes from the SDK's own configuration
 * (`AWS_ENDPOINT_URL_DYNAMODB` points it at DynamoDB Local in the local cloud), so code is identical in both targets.
 * The SDK makes one attempt per command; {@link retryMiddleware} owns retries, bounded by the caller's budget.
 */
export function db(): DynamoDBDocumentClient {
  doc ??= DynamoDBDocumentClient.from(baseClient(), {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    unmarshallOptions: { wrapNumbers: false },
  });
  return doc;
}

/**
 * The low-level client of the reads every authenticated request makes (the token check, its read-ahead): the same
 * middleware and connections as {@link db}, but the SDK resolves its middleware stack once per command type
 * (`cacheMiddleware`) instead of on every call, and no document-client layer re-resolves and re-walks it. The document
 * client cannot take that option: its commands' resolved handler keeps the first command's input.
 */
function keyReads(): DynamoDBClient {
  keyClient ??= newClient({ cacheMiddleware: true, requestHandler: baseClient().config.requestHandler });
  return keyClient;
}

/** The primary key of an item of the table (every key of Tally's one table is two strings). */
export interface ItemKey {
  pk: string;
  sk: string;
}

function keyAttributes(key: ItemKey): Record<string, AttributeValue> {
  return { pk: { S: key.pk }, sk: { S: key.sk } };
}

function item(attributes: Record<string, AttributeValue>): Record<string, unknown> {
  return unmarshall(attributes, { wrapNumbers: false });
}

/** One item by its key (as GetItem with the document client answers it), or undefined. */
export async function getItem(key: ItemKey, options: { consistent?: boolean; projection?: string } = {}): Promise<Record<string, unknown> | undefined> {
  const out = await keyReads().send(
    new GetItemCommand({
      TableName: tableName(),
      Key: keyAttributes(key),
      ...(options.consistent ? { ConsistentRead: true } : {}),
      ...(options.projection ? { ProjectionExpression: options.projection } : {}),
    }),
  );
  return out.Item ? item(out.Item) : undefined;
}

/** Items of one BatchGetItem on the table (at most 100 keys): those found, and the keys DynamoDB left unprocessed. */
export async function getItems(keys: readonly ItemKey[], options: { consistent?: boolean } = {}): Promise<{ items: Record<string, unknown>[]; unprocessed: ItemKey[] }> {
  const table = tableName();
  const out = await keyReads().send(
    new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys.map(keyAttributes), ...(options.consistent ? { ConsistentRead: true } : {}) } } }),
  );
  return {
    items: (out.Responses?.[table] ?? []).map(item),
    unprocessed: (out.UnprocessedKeys?.[table]?.Keys ?? []).map((k) => ({ pk: String(k.pk?.S), sk: String(k.sk?.S) })),
  };
}

export function tableName(): string {
  return config().TABLE_NAME;
}

/** Whether an error is DynamoDB's ConditionalCheckFailedException (or a transaction cancelled by one). */
export function isConditionFailure(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'ConditionalCheckFailedException') return true;
  if (name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.some((r) => r.Code === 'ConditionalCheckFailed');
  }
  return false;
}

/** The expression members of an UpdateItem (or a transaction's Update). */
export interface UpdateParts {
  UpdateExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * The one builder of update expressions: `SET` each attribute of `changes` to its value (undefined skips it; null is
 * stored as null), each behind its own `#uN`/`:uN` placeholders so no attribute name or reserved word can break the
 * expression, plus fixed clauses (`set`, `add`, `remove`) with their own `names` and `values`. Throws when nothing
 * would change.
 */
export function updateExpression(
  changes: Readonly<Record<string, unknown>>,
  fixed: { set?: string[]; add?: string[]; remove?: string[]; names?: Record<string, string>; values?: Record<string, unknown> } = {},
): UpdateParts {
  const names: Record<string, string> = { ...fixed.names };
  const values: Record<string, unknown> = { ...fixed.values };
  const sets = [...(fixed.set ?? [])];
  let i = 0;
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    names[`#u${i}`] = name;
    values[`:u${i}`] = value;
    sets.push(`#u${i} = :u${i}`);
    i++;
  }
  const clauses = [
    ...(sets.length > 0 ? [`SET ${sets.join(', ')}`] : []),
    ...(fixed.add?.length ? [`ADD ${fixed.add.join(', ')}`] : []),
    ...(fixed.remove?.length ? [`REMOVE ${fixed.remove.join(', ')}`] : []),
  ];
  if (clauses.length === 0) throw new Error('updateExpression: nothing to update');
  return {
    UpdateExpression: clauses.join(' '),
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

/** One page of a query: its items and the key to resume after it (undefined on the last page). */
export interface QueryPage {
  items: Record<string, unknown>[];
  lastKey: Record<string, unknown> | undefined;
}

/**
 * The pages of a query, read one at a time as the caller iterates (stop iterating and no further page is read).
 * The one paging loop of the project: every query that follows `LastEvaluatedKey` goes through here.
 */
export async function* queryPages(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>, startKey?: Record<string, unknown>): AsyncGenerator<QueryPage> {
  let start = startKey;
  do {
    const page = await db().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: start }));
    start = page.LastEvaluatedKey;
    yield { items: page.Items ?? [], lastKey: start };
  } while (start);
}

/** Every item a query matches, following its pages (for small, bounded partitions: a user's accounts, rules…). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of queryPages(input)) items.push(...page.items);
  return items;
}

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

/** Thrown inside {@link batchWriteAll}'s retry loop when some items stay unprocessed: DynamoDB throttled them. */
class UnprocessedItemsError extends Error {
  override name = 'ThrottlingException';
}

/**
 * Writes many puts or deletes with BatchWriteItem, 25 per request and `parallel` requests at a time, retrying
 * unprocessed items with full-jitter back-off inside the retry budget; a chunk still unprocessed then fails with
 * `ServiceUnavailableError`.
 */
export async function batchWriteAll(requests: WriteRequest[], parallel = 4): Promise<void> {
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += 25) chunks.push(requests.slice(i, i + 25));
  const worker = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      let pending = chunk;
      await retrying(async () => {
        const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
        pending = (out.UnprocessedItems?.[tableName()] ?? []) as WriteRequest[];
        if (pending.length) throw new UnprocessedItemsError(`${pending.length} item(s) unprocessed`);
      }, currentRetryPolicy());
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
