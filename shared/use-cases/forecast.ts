import { bigField, FIELD } from '../domain/analytics/fields';
import { addMonths } from '../domain/analytics/months';
import { convertExact, forecast, MAX_HISTORY_MONTHS, MIN_RECURRING_CONFIDENCE, periodDays, type ScheduledItem } from '../domain/forecast';
import { addDays, epochDay } from '../domain/ledger/calendar';
import { readInt, toExactMinor } from '../domain/money/exact';
import * as accountsStore from '../adapters/accounts';
import { latestRates } from '../adapters/fx-rates';
import { getProfile } from '../adapters/profiles';
import { rollupRange } from '../adapters/rollups';
import type { RollupsPort } from '../ports/rollups';
import { todayIn } from './goals';
import { recurringItems, type RecurringItem } from './recurring';

/** What the forecast reads, as functions (DynamoDB adapters by default; unit tests pass their own). */
export interface ForecastDeps {
  getProfile: (userId: string) => Promise<{ baseCurrency: string; timezone: string } | undefined>;
  listAccounts: (userId: string) => Promise<Pick<accountsStore.AccountRecord, 'id' | 'currency' | 'openingBalance' | 'balances'>[]>;
  recurringItems: (userId: string) => Promise<Pick<RecurringItem, 'id' | 'type' | 'period' | 'averageAmount' | 'currency' | 'lastDate' | 'nextExpectedDate' | 'confidence' | 'status' | 'transactionIds'>[]>;
  rollupRange: RollupsPort['rollupRange'];
  /** ECB rates (units per EUR) of the latest date on or before `date`, at most 7 days older; undefined when none. */
  ratesPerEur: (date: string) => Promise<Record<string, string> | undefined>;
}

const defaults = (): ForecastDeps => ({
  getProfile,
  listAccounts: accountsStore.listAccounts,
  recurringItems,
  rollupRange,
  ratesPerEur: async (date) => (await latestRates('EUR', date, addDays(date, -7)))?.rates,
});

interface Excluded {
  kind: 'account' | 'recurring';
  id: string;
  currency: string;
  reason: string;
}

/**
 * `GET /forecast`: the balance of the user's accounts now and its P10/P50/P90 at the end of each of the next
 * `months` months, from the recurring payments and a seeded bootstrap of the monthly rollups (shared/domain/forecast).
 * Reads the profile, the accounts, the recurring items, up to 24 monthly rollups and (when a currency needs it) one
 * rate set: never the transactions.
 */
export async function getForecast(userId: string, months: number, deps: ForecastDeps = defaults(), now = new Date()) {
  const profile = await deps.getProfile(userId);
  const base = profile?.baseCurrency ?? 'EUR';
  const asOf = todayIn(profile?.timezone ?? 'UTC', now);
  const month = asOf.slice(0, 7);
  const [accounts, items, rollups] = await Promise.all([
    deps.listAccounts(userId),
    deps.recurringItems(userId),
    deps.rollupRange(userId, base, addMonths(month, -MAX_HISTORY_MONTHS), addMonths(month, -1)),
  ]);
  const excluded: Excluded[] = [];
  let rates: Record<string, string> | undefined;
  let ratesRead = false;
  const toBase = async (amount: bigint, currency: string): Promise<bigint | undefined> => {
    if (currency === base) return amount;
    if (!ratesRead) {
      rates = await deps.ratesPerEur(asOf);
      ratesRead = true;
    }
    return rates ? convertExact(amount, currency, base, rates) : undefined;
  };

  let startingBalance = 0n;
  for (const a of accounts) {
    const perCurrency = new Map<string, bigint>();
    for (const [currency, raw] of Object.entries(a.balances)) perCurrency.set(currency, readInt(raw) ?? 0n);
    perCurrency.set(a.currency, (perCurrency.get(a.currency) ?? 0n) + BigInt(a.openingBalance));
    for (const [currency, amount] of perCurrency) {
      if (amount === 0n) continue;
      const converted = await toBase(amount, currency);
      if (converted === undefined) excluded.push({ kind: 'account', id: a.id, currency, reason: `no exchange rate from ${currency} to ${base} in the last 7 days: this part of the balance is left out` });
      else startingBalance += converted;
    }
  }

  const recurring: ScheduledItem[] = [];
  for (const r of items) {
    if (r.status === 'ignored' || (r.status !== 'confirmed' && r.confidence < MIN_RECURRING_CONFIDENCE)) continue;
    if (epochDay(asOf) - epochDay(r.nextExpectedDate) > periodDays(r.period)) {
      excluded.push({ kind: 'recurring', id: r.id, currency: r.currency, reason: `more than a ${r.period} period late (due ${r.nextExpectedDate}): taken as stopped` });
      continue;
    }
    const amount = await toBase(BigInt(Math.abs(Math.round(r.averageAmount))), r.currency);
    if (amount === undefined) {
      excluded.push({ kind: 'recurring', id: r.id, currency: r.currency, reason: `no exchange rate from ${r.currency} to ${base} in the last 7 days: left out of the known part (its payments stay in the residual)` });
      continue;
    }
    if (amount === 0n) continue;
    recurring.push({ id: r.id, type: r.type, period: r.period, amount, lastDate: r.lastDate, nextExpectedDate: r.nextExpectedDate, occurrences: r.transactionIds.length });
  }

  const history = rollups.map((r) => ({ month: r.month, income: bigField(r.fields, FIELD.income), expenses: bigField(r.fields, FIELD.expenses) }));
  const f = forecast({ seed: userId, startingBalance, asOf, months, history, recurring });
  const withRecurring = recurring.length > 0;
  const description = [
    withRecurring
      ? `${recurring.length} recurring payment${recurring.length === 1 ? '' : 's'} (confirmed, or detected with confidence ≥ ${MIN_RECURRING_CONFIDENCE}) counted on their expected dates`
      : 'no recurring payment counted as known (none confirmed or detected with enough confidence)',
    f.historyMonths.length > 0
      ? `plus the residual income and expenses of ${f.historyMonths.length} past month${f.historyMonths.length === 1 ? '' : 's'} (${f.historyMonths[0]} to ${f.historyMonths[f.historyMonths.length - 1]}), resampled by a seeded smoothed bootstrap over ${f.draws} balance paths`
      : 'no complete month of history yet: no residual, the band is the known part alone',
    `in ${base}`,
    ...(excluded.length ? [`${excluded.length} amount${excluded.length === 1 ? '' : 's'} left out (see excluded)`] : []),
  ].join('; ');
  return {
    currency: base,
    startingBalance: toExactMinor(startingBalance),
    asOf,
    method: {
      name: withRecurring ? ('recurring-plus-bootstrap' as const) : ('bootstrap' as const),
      description: `${description}.`,
      seed: f.seed,
      draws: f.draws,
      historyMonths: f.historyMonths.length,
      history: f.historyMonths,
      recurringItems: recurring.length,
      excluded,
    },
    months: f.months.map((m) => ({
      month: m.month,
      share: m.share,
      income: toExactMinor(m.income),
      expenses: toExactMinor(m.expenses),
      net: toExactMinor(m.net),
      recurringIncome: toExactMinor(m.recurringIncome),
      recurringExpenses: toExactMinor(m.recurringExpenses),
      balance: { p10: toExactMinor(m.balance.p10), p50: toExactMinor(m.balance.p50), p90: toExactMinor(m.balance.p90) },
    })),
  };
}
