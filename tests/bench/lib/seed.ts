import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as keys from '../../../shared/adapters/keys';
import type { TransactionRecord } from '../../../shared/adapters/ledger';
import { parseRollupKey, recount } from '../../../shared/domain/analytics';
import { addDays } from '../../../shared/domain/ledger/calendar';
import { sleep } from './http';

/** Merchant names (a bounded set: a rollup keeps one counter per merchant). */
export const MERCHANTS = [
  'Albert Heijn', 'Lidl', 'Aldi', 'Rewe', 'Edeka', 'Carrefour', 'Monoprix', 'Tesco', 'Sainsburys', 'Whole Foods',
  'Trader Joes', 'Starbucks', 'Blue Bottle Coffee', 'Shell', 'BP', 'Esso', 'Deutsche Bahn', 'SNCF', 'Uber', 'Lyft',
  'Netflix', 'Spotify', 'Amazon', 'Bol.com', 'Zalando', 'IKEA', 'MediaMarkt', 'Apple', 'Decathlon', 'H&M',
  'Vodafone', 'Telekom', 'Orange', 'EDF', 'Vattenfall', 'Pharmacy Central', 'Dentist Smile', 'Gym Fit', 'Cinema Royal', 'Bakery Paul',
];

/** A document client for the cloud's DynamoDB Local, as the ledger adapter configures its own. */
export function documentClient(endpoint: string): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 6 });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}

/**
 * A transaction record as an import would write it: converted at 1:1 (the account's currency is the base),
 * one of {@link MERCHANTS}, a distinct amount per row.
 */
export function benchRecord(o: { userId: string; id: string; n: number; accountId: string; date: string; categoryId?: string | null; importId?: string | null; at: string }): TransactionRecord {
  const amount = 100 + (o.n % 50_000) * 7 + Math.floor(o.n / 50_000);
  const income = o.n % 10 === 0;
  return {
    id: o.id,
    userId: o.userId,
    type: income ? 'income' : 'expense',
    amount,
    currency: 'EUR',
    date: o.date,
    description: `${MERCHANTS[o.n % MERCHANTS.length] ?? 'Shop'} ${income ? 'refund' : 'purchase'}`,
    categoryId: o.categoryId ?? null,
    accountId: o.accountId,
    toAccountId: null,
    tags: [],
    notes: null,
    splits: null,
    baseAmount: amount,
    baseCurrency: 'EUR',
    fxRate: '1',
    fxDate: o.date,
    fxStatus: 'converted',
    appliedRules: [],
    manualFields: [],
    importId: o.importId ?? null,
    bankId: null,
    version: 1,
    createdAt: o.at,
    updatedAt: o.at,
  };
}

/**
 * `count` bench transactions of a user spread evenly over `days` days from `from` (ids `<tag>-000000`…), row `n`
 * in category `categoryOf(n)` (none when absent).
 */
export function spreadTransactions(user: { userId: string; accountId: string }, o: { count: number; tag: string; from: string; days: number; categoryOf?: (n: number) => string | null }): TransactionRecord[] {
  const at = new Date().toISOString();
  return Array.from({ length: o.count }, (_, n) =>
    benchRecord({ userId: user.userId, id: `${o.tag}-${String(n).padStart(6, '0')}`, n, accountId: user.accountId, date: addDays(o.from, Math.floor((n * o.days) / o.count)), categoryId: o.categoryOf?.(n) ?? null, at }),
  );
}

/** The monthly and daily rollup items of a user's transactions, as the analytics consumer (or a repair) leaves them; `monthlyOnly` drops the daily ones. */
export function rollupItems(userId: string, txs: readonly TransactionRecord[], o: { monthlyOnly?: boolean } = {}): Record<string, unknown>[] {
  const at = new Date().toISOString();
  return [...recount([...txs])].flatMap(([key, fields]) => {
    const k = parseRollupKey(key);
    if (k.day && o.monthlyOnly) return [];
    return [{ ...(k.day ? keys.rollupDay(userId, k.baseCurrency, k.day) : keys.rollup(userId, k.baseCurrency, k.month)), ...fields, updatedAt: at }];
  });
}

export interface BatchWriteResult {
  items: number;
  requests: number;
  /** Items DynamoDB handed back unprocessed (and that were sent again). */
  retriedItems: number;
  ms: number;
  cutShort: boolean;
}

/**
 * Writes items with BatchWriteItem, 25 per request, `parallel` requests in flight, sending unprocessed items again
 * (with a short backoff, at most 8 times each batch). Stops at `maxMs` (then `cutShort`).
 */
export async function batchWrite(doc: DynamoDBDocumentClient, tableName: string, items: readonly Record<string, unknown>[], parallel: number, maxMs: number): Promise<BatchWriteResult> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let requests = 0;
  let retriedItems = 0;
  let written = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + maxMs;
  const worker = async () => {
    while (next < batches.length && performance.now() < deadline) {
      let pending = (batches[next++] ?? []).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 8) throw new Error(`BatchWriteItem: ${pending.length} items still unprocessed after 8 retries`);
        if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
        requests++;
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        const left = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
        written += pending.length - left.length;
        retriedItems += left.length;
        pending = left;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return { items: written, requests, retriedItems, ms: performance.now() - started, cutShort: next < batches.length };
}
