import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { BaseCurrencyChanged } from '../../events/ledger-jobs';
import { addDays } from '../domain/ledger/calendar';
import { DEFAULT_MAX_AGE_DAYS } from '../domain/fx';
import { db, isConditionFailure, tableName } from '../adapters/dynamo';
import { getTransaction, putTransaction, toTransaction, transact, type TransactionRecord } from '../adapters/ledger';
import { getProfile } from '../adapters/profiles';
import { newEvent } from '../adapters/outbox';
import { publish } from '../adapters/queue';
import { RateBook } from './fx';

/**
 * Re-values one transaction in `baseCurrency` (conditional on its version; a concurrent edit wins and has
 * re-valued it itself). Returns whether it changed.
 */
async function revalue(t: TransactionRecord, baseCurrency: string, book: RateBook, now: Date): Promise<boolean> {
  const view = await book.baseView(t.amount, t.currency, t.date, baseCurrency);
  if (view.fxStatus === t.fxStatus && view.baseAmount === t.baseAmount && view.baseCurrency === t.baseCurrency && view.fxDate === t.fxDate) return false;
  try {
    await transact([putTransaction({ ...t, ...view, version: t.version + 1, updatedAt: now.toISOString() }, { version: t.version })]);
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Converts the pending transactions a newly published rate date can cover (dated from it to 7 days after). */
export async function convertPending(date: string, now = new Date()): Promise<{ converted: number; stillPending: number }> {
  const book = new RateBook();
  let converted = 0;
  let stillPending = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :p AND gsi3sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':p': 'FXPENDING', ':from': `${date}#`, ':to': `${addDays(date, DEFAULT_MAX_AGE_DAYS)}#~` },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const t = await getTransaction(String(item.userId), String(item.id));
      if (!t || t.fxStatus !== 'pending') continue;
      const base = (await getProfile(t.userId))?.baseCurrency ?? t.baseCurrency;
      if (await revalue(t, base, book, now)) converted++;
      else stillPending++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { converted, stillPending };
}

const PAGE = 200;

/**
 * Re-values a page of a user's transactions in their (new) base currency, then queues the next page. Pages are
 * idempotent (a transaction already in the base currency is skipped), so a redelivered message is harmless.
 */
export async function rebasePage(input: { userId: string; from: string; to: string; cursor?: string }, now = new Date()): Promise<{ changed: number; done: boolean }> {
  const profile = await getProfile(input.userId);
  if (!profile || profile.baseCurrency !== input.to) return { changed: 0, done: true }; // changed again since: a newer event re-bases
  const page = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': `USER#${input.userId}#TX` },
      Limit: PAGE,
      ...(input.cursor ? { ExclusiveStartKey: JSON.parse(input.cursor) as Record<string, unknown> } : {}),
    }),
  );
  const book = new RateBook();
  let changed = 0;
  for (const item of page.Items ?? []) {
    const t = toTransaction(item);
    if (t.baseCurrency === input.to && t.fxStatus === 'converted') continue;
    if (await revalue(t, input.to, book, now)) changed++;
  }
  if (page.LastEvaluatedKey) {
    await publish('ledger-jobs', [newEvent(BaseCurrencyChanged, { ...input, cursor: JSON.stringify(page.LastEvaluatedKey) }, now)]);
    return { changed, done: false };
  }
  return { changed, done: true };
}
