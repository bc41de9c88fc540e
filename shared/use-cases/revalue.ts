import { BaseCurrencyChanged, PENDING_PER_MESSAGE, PendingConversionRequested, PendingConversionSweepContinued } from '../../events/ledger-jobs';
import { addDays } from '../domain/ledger/calendar';
import { DEFAULT_MAX_AGE_DAYS } from '../domain/fx';
import { getTransaction, pendingConversions, replaceTransaction, transactionsByDate, type TransactionRecord } from '../adapters/ledger';
import { getProfile } from '../adapters/profiles';
import { newEvent } from '../adapters/outbox';
import { publish } from '../adapters/queue';
import { ValidationError } from '../domain/errors';
import { logger } from '../observability';
import { RateBook, type BaseView } from './fx';

/** What re-valuing one transaction did: changed it, found nothing to change, or could not convert it. */
type Revalued = 'changed' | 'unchanged' | 'unconvertible';

/**
 * The base view of a transaction, or — when its conversion cannot be done (the converted amount passes the amount
 * ceiling, or a stored rate is malformed) — pending in the base currency, logged with the reason. One such
 * transaction must not fail the message carrying the user's others: it waits as pending (never a 1:1 guess) and a
 * later rate, or an edit of the amount, converts it.
 */
async function viewOf(t: TransactionRecord, baseCurrency: string, book: RateBook): Promise<{ view: BaseView; convertible: boolean }> {
  try {
    return { view: await book.baseView(t.amount, t.currency, t.date, baseCurrency), convertible: true };
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    logger.warn('Transaction left pending: its conversion failed', { userId: t.userId, transactionId: t.id, currency: t.currency, baseCurrency, reason: e.message });
    return { view: { fxStatus: 'pending', baseAmount: null, baseCurrency, fxRate: null, fxDate: null }, convertible: false };
  }
}

/**
 * Re-values one transaction in `baseCurrency` (conditional on its version; a concurrent edit wins and has
 * re-valued it itself). A transaction that cannot be converted is left (or made) pending in `baseCurrency`.
 */
async function revalue(t: TransactionRecord, baseCurrency: string, book: RateBook, now: Date): Promise<Revalued> {
  const { view, convertible } = await viewOf(t, baseCurrency, book);
  const outcome: Revalued = convertible ? 'changed' : 'unconvertible';
  if (view.fxStatus === t.fxStatus && view.baseAmount === t.baseAmount && view.baseCurrency === t.baseCurrency && view.fxDate === t.fxDate) return convertible ? 'unchanged' : outcome;
  if (await replaceTransaction({ ...t, ...view, version: t.version + 1, updatedAt: now.toISOString() }, t.version)) return outcome;
  return convertible ? 'unchanged' : outcome;
}

/**
 * The fan-out of newly published rates: finds the pending transactions they may convert (dated from `date` to 7 days
 * after, in the pending index, only those whose currency or base currency arrived) and queues one
 * PendingConversionRequested per user (at most 100 transactions each), so one user's malformed ledger fails its own
 * message alone. Past `deadline` it goes on in a PendingConversionSweepContinued.
 */
export async function queuePendingConversions(
  input: { date: string; currencies: string[]; cursor?: string },
  deadline = Number.POSITIVE_INFINITY,
  now = new Date(),
): Promise<{ users: number; transactions: number; continued: boolean }> {
  const currencies = [...new Set(input.currencies)];
  if (currencies.length === 0) return { users: 0, transactions: 0, continued: false };
  const users = new Set<string>();
  let transactions = 0;
  for await (const page of pendingConversions({ from: input.date, to: addDays(input.date, DEFAULT_MAX_AGE_DAYS) }, currencies, input.cursor)) {
    const byUser = new Map<string, string[]>();
    for (const { userId, id } of page.items) byUser.set(userId, [...(byUser.get(userId) ?? []), id]);
    const events = [...byUser].flatMap(([userId, ids]) => {
      users.add(userId);
      transactions += ids.length;
      const out = [];
      for (let i = 0; i < ids.length; i += PENDING_PER_MESSAGE) out.push(newEvent(PendingConversionRequested, { userId, transactionIds: ids.slice(i, i + PENDING_PER_MESSAGE) }, now));
      return out;
    });
    await publish('ledger-jobs', events);
    if (page.cursor && Date.now() > deadline) {
      await publish('ledger-jobs', [newEvent(PendingConversionSweepContinued, { date: input.date, currencies, cursor: page.cursor }, now)]);
      return { users: users.size, transactions, continued: true };
    }
  }
  return { users: users.size, transactions, continued: false };
}

/**
 * Converts pending transactions of one user (one PendingConversionRequested) in the user's base currency. A
 * transaction whose conversion fails (past the amount ceiling) stays pending and is counted in `unconvertible`;
 * the others are converted all the same.
 */
export async function convertPendingOf(userId: string, transactionIds: string[], now = new Date()): Promise<{ converted: number; stillPending: number; unconvertible: number }> {
  const book = new RateBook();
  const profile = await getProfile(userId);
  const counts = { converted: 0, stillPending: 0, unconvertible: 0 };
  for (const id of transactionIds) {
    const t = await getTransaction(userId, id);
    if (!t || t.fxStatus !== 'pending') continue;
    const outcome = await revalue(t, profile?.baseCurrency ?? t.baseCurrency, book, now);
    if (outcome === 'changed') counts.converted++;
    else if (outcome === 'unchanged') counts.stillPending++;
    else counts.unconvertible++;
  }
  return counts;
}

const PAGE = 200;

/**
 * Re-values a page of a user's transactions in their (new) base currency, then queues the next page. Pages are
 * idempotent (a transaction already in the base currency is skipped), so a redelivered message is harmless. A
 * transaction that cannot be converted into the new base is made pending in it (`unconvertible`), and the page goes on.
 */
export async function rebasePage(
  input: { userId: string; from: string; to: string; cursor?: string },
  now = new Date(),
): Promise<{ changed: number; done: boolean; unconvertible: number }> {
  const profile = await getProfile(input.userId);
  if (!profile || profile.baseCurrency !== input.to) return { changed: 0, done: true, unconvertible: 0 }; // changed again since: a newer event re-bases
  // One page per message: the first page of the iterator, and the cursor that resumes after it.
  const pages = transactionsByDate(input.userId, {}, {}, { limit: PAGE, ...(input.cursor ? { cursor: input.cursor } : {}) });
  const page = (await pages.next()).value ?? { items: [], cursor: undefined };
  await pages.return(undefined);
  const book = new RateBook();
  let changed = 0;
  let unconvertible = 0;
  for (const t of page.items) {
    if (t.baseCurrency === input.to && t.fxStatus === 'converted') continue;
    const outcome = await revalue(t, input.to, book, now);
    if (outcome === 'changed') changed++;
    else if (outcome === 'unconvertible') unconvertible++;
  }
  if (page.cursor) {
    await publish('ledger-jobs', [newEvent(BaseCurrencyChanged, { ...input, cursor: page.cursor }, now)]);
    return { changed, done: false, unconvertible };
  }
  return { changed, done: true, unconvertible };
}
