import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { AdviceRefreshRequested } from '../../events/advice';
import { TransactionDeleted, TransactionRecorded, TransactionUpdated } from '../../events/transaction-changed';
import { decodeRecord, on, PoisonMessageError } from '../async/consumer';
import { withCorrelationId } from '../correlation';
import { logger } from '../observability';
import * as adviceStore from '../adapters/advice';
import { listAccounts } from '../adapters/accounts';
import { latestRates } from '../adapters/fx-rates';
import { newEvent } from '../adapters/outbox';
import { getProfile } from '../adapters/profiles';
import { publish } from '../adapters/queue';
import { rollupRange } from '../adapters/rollups';
import { adviceFor, type AdviceInput, type CurrencyFlow, type GoalView, type MonthFields, type RecurringView } from '../domain/advice';
import { MAX_CLOSED_ADVICE, MAX_OPEN_ADVICE, sameAdvice, type AdviceRecord } from '../domain/advice/store';
import { convert, crossRate } from '../domain/fx';
import { daysInMonth } from '../domain/ledger/calendar';
import type { StoredFields } from '../domain/analytics/fields';
import type { AdvicePort } from '../ports/advice';
import type { QueuePort } from '../ports/queue';
import { adviceBudgets, type AdviceApiDeps, type AdviceBudgets } from './advice';
import { todayIn } from './budgets';
import { checkHealthDrop } from './health';
import { listGoals } from './goals';
import { recurringItems } from './recurring';
import { sweepUsers, type SweepDeps, type SweepResult } from './user-sweep';

// The advice consumer: computing a user's advice from the aggregates, the debounce of ledger events, the `advice`
// queue's batch and the monthly sweep. The API over the stored advice is ./advice.ts.

/** The queue of the advice consumer (delayed recomputes, budget and goal writes, the monthly sweep's pages). */
export const ADVICE_QUEUE = 'advice';
/** Debounce: a burst of ledger events within this window gives one recompute, queued with this delay. */
export const DEBOUNCE_SECONDS = 1;
/** Transactions an above-baseline advice names as its evidence (the latest of the month in the category). */
export const EVIDENCE_TRANSACTIONS = 10;
/** Waits (1 s each) for the analytics consumer to count the latest event before recomputing anyway. */
export const MAX_WAITS = 8;

/** Where the advice rules read their aggregates (DynamoDB adapters and use cases by default; fakes in unit tests). */
export interface AdviceSources extends AdviceBudgets {
  profile(userId: string): Promise<{ baseCurrency: string; timezone: string; monthlyIncome: { amount: number; currency: string } | null } | undefined>;
  /** Monthly rollups of `from`..`to` (YYYY-MM) in base currency `base`. */
  rollups(userId: string, base: string, from: string, to: string): Promise<{ month: string; fields: StoredFields }[]>;
  goals(userId: string, asOf: string): Promise<GoalView[]>;
  recurring(userId: string): Promise<RecurringView[]>;
  accounts(userId: string): Promise<{ type: string; currency: string; openingBalance: number; balances: Record<string, number | bigint>; archived: boolean }[]>;
  /** ECB rates (units per EUR) published on or before `date`, at most 7 days older. */
  rates(date: string): Promise<Record<string, string> | undefined>;
}

/** What the consumer uses: the API's store and budgets, the rules' sources, the queue, the health check. */
export interface AdviceDeps extends AdviceApiDeps {
  store: AdvicePort;
  sources: AdviceSources;
  queue: QueuePort;
  /** Evaluates the `health.drop` alert of the last complete month (shared/use-cases/health.ts); the monthly refresh calls it. */
  healthDrop?: (userId: string, now: Date) => Promise<unknown>;
}

const noop = async () => undefined;

const addDaysIso = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const defaultSources = (): AdviceSources => ({
  ...adviceBudgets,
  profile: getProfile,
  rollups: async (userId, base, from, to) => (await rollupRange(userId, base, from, to)).map((r) => ({ month: r.month, fields: r.fields })),
  goals: async (userId, asOf) => (await listGoals(userId, asOf)).items.map((g) => ({ id: g.id, name: g.name, status: g.status, currency: g.currency, suggestion: g.suggestion })),
  recurring: recurringItems,
  accounts: listAccounts,
  rates: async (date) => (await latestRates('EUR', date, addDaysIso(date, -7)))?.rates,
});

const defaults = (): AdviceDeps => ({ store: adviceStore, sources: defaultSources(), queue: { publish }, healthDrop: (userId, now) => checkHealthDrop(userId, now) });

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}
const lastDayOf = (month: string) => `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;

/** Rollup counters as safe integers (a counter past 2^53 is left out of the rules rather than rounded). */
function safeFields(fields: StoredFields): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(fields)) {
    const n = typeof v === 'bigint' ? (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(-Number.MAX_SAFE_INTEGER) ? Number(v) : undefined) : v;
    if (n !== undefined && Number.isSafeInteger(n)) out[k] = n;
  }
  return out;
}

/** The foreign-currency flows of the last two complete months, valued at each month-end's rate and the earlier one. */
async function currencyFlows(months: MonthFields[], base: string, today: string, sources: AdviceSources): Promise<CurrencyFlow[]> {
  const thisMonth = today.slice(0, 7);
  const complete = months.filter((m) => m.month < thisMonth);
  const [prev, last] = complete.slice(-2);
  if (!prev || !last || addMonths(prev.month, 1) !== last.month) return [];
  const codes = new Set<string>();
  for (const m of [prev, last]) for (const k of Object.keys(m.fields)) if (k.startsWith('cur:') && k.slice(4) !== base) codes.add(k.slice(4));
  if (codes.size === 0) return [];
  const [prevRates, lastRates] = await Promise.all([sources.rates(lastDayOf(prev.month)), sources.rates(lastDayOf(last.month))]);
  if (!prevRates || !lastRates) return [];
  const out: CurrencyFlow[] = [];
  for (const code of [...codes].sort()) {
    const rPrev = crossRate(prevRates, code, base);
    const rLast = crossRate(lastRates, code, base);
    if (!rPrev || !rLast) continue;
    const prevNative = prev.fields[`cur:${code}`] ?? 0;
    const curNative = last.fields[`cur:${code}`] ?? 0;
    try {
      out.push({ currency: code, prevNative, curNative, prevBase: convert(prevNative, code, base, rPrev), curAtPrevRate: convert(curNative, code, base, rPrev), curBase: convert(curNative, code, base, rLast) });
    } catch {
      // An amount past the ceiling at that rate: that currency is left out.
    }
  }
  return out;
}

const LIQUID = new Set(['checking', 'savings', 'cash']);

/**
 * Everything the rules read, from pre-computed state only: the profile, at most 7 monthly rollups (one Query), the
 * budgets, the goals' statuses and suggestions, the recurring payments, the accounts' stored balances, and two
 * rate sets. No transaction is read.
 */
export async function adviceInput(userId: string, now: Date, sources: AdviceSources): Promise<AdviceInput | undefined> {
  const profile = await sources.profile(userId);
  if (!profile) return undefined;
  const base = profile.baseCurrency;
  const today = todayIn(profile.timezone, now);
  const thisMonth = today.slice(0, 7);
  const [rollups, budgets, goals, recurring, accounts] = await Promise.all([
    sources.rollups(userId, base, addMonths(thisMonth, -6), thisMonth),
    sources.budgets(userId),
    sources.goals(userId, today),
    sources.recurring(userId),
    sources.accounts(userId),
  ]);
  const months = rollups.map((r) => ({ month: r.month, fields: safeFields(r.fields) })).sort((a, b) => (a.month < b.month ? -1 : 1));
  const liquid = accounts.filter((a) => !a.archived && LIQUID.has(a.type) && a.currency === base);
  const liquidBalance = liquid.length === 0 ? null : liquid.reduce((sum, a) => sum + a.openingBalance + Number(a.balances[a.currency] ?? 0), 0);
  return {
    today,
    currency: base,
    months,
    declaredIncome: profile.monthlyIncome && profile.monthlyIncome.currency === base ? profile.monthlyIncome.amount : null,
    budgetedCategories: budgets.map((b) => b.categoryId),
    recurring,
    goals,
    liquidBalance: Number.isSafeInteger(liquidBalance) ? liquidBalance : null,
    fx: await currencyFlows(months, base, today, sources),
  };
}

/**
 * Recomputes the user's advice from the aggregates and stores the difference: a new or changed open advice is
 * written (keeping its `createdAt`), an open one whose evidence is gone is removed; a dismissed or applied advice
 * is never written again under the same id (same kind, subject and evidence fingerprint), so it stays away. At
 * most {@link MAX_OPEN_ADVICE} open (highest impact first) and {@link MAX_CLOSED_ADVICE} closed ones are kept.
 */
export async function recomputeAdvice(userId: string, now = new Date(), deps: AdviceDeps = defaults()): Promise<{ written: number; removed: number; open: number }> {
  const input = await adviceInput(userId, now, deps.sources);
  if (!input) return { written: 0, removed: 0, open: 0 };
  const drafts = adviceFor(input)
    .sort((a, b) => b.impact.monthly - a.impact.monthly || (a.id < b.id ? -1 : 1))
    .slice(0, MAX_OPEN_ADVICE);
  // The evidence of a category above its baseline names this month's latest expenses in it (a bounded index read).
  const month = input.today.slice(0, 7);
  for (const d of drafts) {
    if (d.kind !== 'category.above_baseline') continue;
    d.evidence = { ...d.evidence, transactionIds: await deps.store.categoryTransactionIds(userId, d.subject, `${month}-01`, input.today, EVIDENCE_TRANSACTIONS) };
  }
  const stored = new Map((await deps.store.listAdvice(userId)).map((r) => [r.id, r]));
  const at = now.toISOString();
  let written = 0;
  let removed = 0;
  let open = 0;
  for (const d of drafts) {
    const current = stored.get(d.id);
    if (current && current.status !== 'open') continue;
    open++;
    if (current && sameAdvice(current, d)) continue;
    const record: AdviceRecord = { ...d, status: 'open', createdAt: current?.createdAt ?? at, updatedAt: at, ...(current?.useful !== undefined ? { useful: current.useful, ...(current.feedbackAt ? { feedbackAt: current.feedbackAt } : {}) } : {}) };
    if (await deps.store.putOpenAdvice(userId, record)) written++;
  }
  const fresh = new Set(drafts.map((d) => d.id));
  for (const r of stored.values()) {
    if (r.status === 'open' && !fresh.has(r.id)) {
      await deps.store.deleteOpenAdvice(userId, r.id);
      removed++;
    }
  }
  const closed = [...stored.values()].filter((r) => r.status !== 'open').sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
  for (const r of closed.slice(MAX_CLOSED_ADVICE)) await deps.store.deleteAdvice(userId, r.id);
  return { written, removed, open };
}

// ── the consumer: debounce, ordering, the monthly sweep ────────────────────────────────────────────────────────────

/** Arms the debounced recompute with one conditional write (none for an erased account) and queues it when this call armed it. */
async function arm(userId: string, eventId: string | undefined, now: Date, deps: AdviceDeps): Promise<'armed' | 'covered'> {
  const armed = await deps.store.armRecompute(userId, eventId, now, new Date(now.getTime() + DEBOUNCE_SECONDS * 1000));
  if (!armed) return 'covered';
  await deps.queue.publish(ADVICE_QUEUE, [newEvent(AdviceRefreshRequested, { userId, attempt: 0, reason: 'ledger' }, now)], { delaySeconds: DEBOUNCE_SECONDS });
  return 'armed';
}

/** The debounce marker says a recompute is armed and not yet due: it reads the state after `now`. */
const armedAfter = (mark: { dueAt: string } | undefined, now: Date) => mark !== undefined && mark.dueAt >= now.toISOString();

/**
 * Ledger events of one user reached the insights consumer (one or a batch's, oldest first): reads the debounce marker
 * first (one strongly consistent read); while a recompute is armed and not yet due, only notes the latest event for
 * it to wait for (one conditional write, none when it already waits for that event); otherwise arms one and queues
 * it {@link DEBOUNCE_SECONDS} later (the transactional write, which also notes the event when it finds one armed
 * meanwhile). A burst of writes gives one recompute, which runs after the latest event is counted.
 */
export async function onLedgerEvents(userId: string, eventIds: string[], now = new Date(), deps: AdviceDeps = defaults()): Promise<'armed' | 'covered'> {
  const latest = eventIds.at(-1);
  if (latest === undefined) return 'covered';
  const mark = await deps.store.recomputeMark(userId);
  if (armedAfter(mark, now) && (mark?.lastEventId === latest || (await deps.store.noteEvent(userId, latest, now)))) return 'covered';
  return arm(userId, latest, now, deps);
}

/** One ledger event reached the advice queue: see {@link onLedgerEvents}. */
export function onLedgerEvent(userId: string, eventId: string, now = new Date(), deps: AdviceDeps = defaults()): Promise<'armed' | 'covered'> {
  return onLedgerEvents(userId, [eventId], now, deps);
}

/**
 * A budget or goal was written (AdviceInputsChanged): arms the same debounced recompute as a ledger event, noting no
 * event, so the recompute waits only for a ledger event noted before it; a recompute armed and not yet due covers it
 * without a write.
 */
export async function onInputsChanged(userId: string, now = new Date(), deps: AdviceDeps = defaults()): Promise<'armed' | 'covered'> {
  if (armedAfter(await deps.store.recomputeMark(userId), now)) return 'covered';
  return arm(userId, undefined, now, deps);
}

const ledgerContracts = { ...on(TransactionRecorded, noop), ...on(TransactionUpdated, noop), ...on(TransactionDeleted, noop) };

interface LedgerGroup {
  events: { id: string; occurredAt: string; correlationId: string }[];
  messageIds: string[];
}

/** Runs one unit of the batch; its messages fail (alone) when it throws. */
async function settle(messageIds: string[], failures: string[], what: Record<string, unknown>, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const poison = error instanceof PoisonMessageError;
    logger[poison ? 'error' : 'warn'](poison ? 'Poison message; it will move to the DLQ after its last delivery' : 'Advice work failed; its messages are retried', { ...what, messageIds, error: error as Error });
    failures.push(...messageIds);
  }
}

/**
 * The `advice` queue's batch: its ledger events grouped by user, each user's handled at once by
 * {@link onLedgerEvents} (one marker read and at most one write per user and batch, instead of a refused
 * transactional write per event); every other message (`handlers`: refreshes, budget or goal writes, sweep pages)
 * on its own. A failed user group or message fails only its own messages (partial batch failures).
 */
export async function onAdviceBatch(records: SQSRecord[], handlers: ReturnType<typeof on>, maxReceiveCount = Infinity, now = new Date(), deps: AdviceDeps = defaults()): Promise<SQSBatchResponse> {
  const contracts = { ...handlers, ...ledgerContracts };
  const failures: string[] = [];
  const users = new Map<string, LedgerGroup>();
  const work: Promise<void>[] = [];
  for (const record of records) {
    let decoded: ReturnType<typeof decodeRecord>;
    try {
      decoded = decodeRecord(record, contracts, maxReceiveCount);
    } catch (error) {
      logger.error('Poison message; it will move to the DLQ after its last delivery', { messageId: record.messageId, reason: (error as Error).message });
      failures.push(record.messageId);
      continue;
    }
    const { handler, event } = decoded;
    if (Object.hasOwn(ledgerContracts, event.type)) {
      const userId = (event.data as { userId: string }).userId;
      const group = users.get(userId) ?? { events: [], messageIds: [] };
      group.events.push({ id: event.id, occurredAt: event.occurredAt, correlationId: event.correlationId });
      group.messageIds.push(record.messageId);
      users.set(userId, group);
    } else {
      work.push(settle([record.messageId], failures, { type: event.type, id: event.id }, () => withCorrelationId(event.correlationId, () => handler.handle(event))));
    }
  }
  for (const [userId, group] of users) {
    // Oldest first (stable for equal times): the latest is the one the recompute waits for.
    const events = group.events.map((e, i) => ({ ...e, i })).sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.i - b.i));
    const latest = events.at(-1);
    work.push(settle(group.messageIds, failures, { userId }, () => withCorrelationId(latest?.correlationId ?? '', () => onLedgerEvents(userId, events.map((e) => e.id), now, deps))));
  }
  await Promise.all(work);
  return { batchItemFailures: [...new Set(failures)].map((itemIdentifier) => ({ itemIdentifier })) };
}

/**
 * A queued recompute: the ledger events reach the insights queue and the analytics queue at the same time, so before
 * reading the rollups it checks that the analytics consumer has counted the latest event noted (its dedup record);
 * if not yet, it waits (re-queued 1 s later, at most {@link MAX_WAITS} times, then recomputes anyway). The monthly
 * refresh then evaluates the user's `health.drop` alert (one call per user message).
 */
export async function onRefreshRequested(data: { userId: string; attempt: number; reason: 'ledger' | 'monthly' }, now = new Date(), deps: AdviceDeps = defaults()): Promise<'recomputed' | 'waiting'> {
  if (data.reason === 'ledger' && data.attempt < MAX_WAITS) {
    const last = await deps.store.lastNotedEvent(data.userId);
    if (last && !(await deps.store.eventApplied(last))) {
      await deps.queue.publish(ADVICE_QUEUE, [newEvent(AdviceRefreshRequested, { ...data, attempt: data.attempt + 1 }, now)], { delaySeconds: 1 });
      return 'waiting';
    }
  }
  await recomputeAdvice(data.userId, now, deps);
  // The monthly refresh also evaluates the health.drop alert, which otherwise only GET /reports/health raises.
  if (data.reason === 'monthly') await deps.healthDrop?.(data.userId, now);
  return 'recomputed';
}

/**
 * The monthly advice refresh over every user (see `sweepUsers`): without `shard` (the schedule) it queues one
 * message per users-index shard on `advice`; a shard's message queues one AdviceRefreshRequested per user of the
 * shard (event id per user and month) and continues in a further message past a page bound.
 */
export function monthlySweep(scheduledAt: Date, shard?: number, cursor?: string, deadline = Number.POSITIVE_INFINITY, deps?: SweepDeps): Promise<SweepResult> {
  const month = scheduledAt.toISOString().slice(0, 7);
  return sweepUsers(
    {
      job: 'advice-refresh',
      shard,
      cursor,
      scheduledAt,
      deadline,
      queue: ADVICE_QUEUE,
      continuationQueue: ADVICE_QUEUE,
      messageOf: (p) => newEvent(AdviceRefreshRequested, { userId: p.userId, attempt: 0, reason: 'monthly' }, scheduledAt, `advice-monthly-${month}-${p.userId}`),
    },
    deps,
  );
}

/** The monthly schedule: queues one sweep message per users-index shard. */
export async function startMonthlySweep(now: Date): Promise<void> {
  await monthlySweep(now);
}

/**
 * An AdviceSweepPage queued before the users index was sharded: without a cursor it starts the sharded sweep; a
 * cursor of the old index means nothing now, so that page is dropped (its month's sweep was already started).
 */
export async function sweepPage(data: { cursor?: string | undefined; scheduledAt: string }): Promise<void> {
  if (data.cursor === undefined) await monthlySweep(new Date(data.scheduledAt));
}
