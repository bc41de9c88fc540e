import { FxRatesPublished } from '../../events/fx-rates-published';
import { ValidationError } from '../domain/errors';
import { convert, DEFAULT_MAX_AGE_DAYS, invertRate, parseEcbDaily, parseRate, pickCrossRate, toDecimalString, type Rational } from '../domain/fx';
import { addDays, assertCalendarDate } from '../domain/ledger/calendar';
import { isCurrency, knownCurrenciesOnly } from '../domain/money';
import { newEvent } from '../adapters/outbox';
import { publishRateSet, ratesWindow, type RateSet } from '../adapters/fx-rates';
import { NotFoundError } from '../domain/errors';

/** The base-currency view of an amount: converted, or pending a rate (never 1:1). */
export type BaseView =
  | { fxStatus: 'converted'; baseAmount: number; baseCurrency: string; fxRate: string; fxDate: string }
  | { fxStatus: 'pending'; baseAmount: null; baseCurrency: string; fxRate: null; fxDate: null };

/**
 * Looks rates up for one operation (a request, an import, a re-base), caching each date's window so many
 * transactions on few dates cost few reads. Conversions go through the EUR reference table (ECB), crossing
 * through EUR exactly; a table published against another base is used when EUR has no rate.
 */
export class RateBook {
  private readonly windows = new Map<string, Promise<RateSet[]>>();

  private window(base: string, date: string): Promise<RateSet[]> {
    const key = `${base}|${date}`;
    let w = this.windows.get(key);
    if (!w) {
      w = ratesWindow(base, addDays(date, -DEFAULT_MAX_AGE_DAYS), date);
      this.windows.set(key, w);
    }
    return w;
  }

  /** Units of `to` per one `from` in effect on `date`, with the day it was published; undefined when missing. */
  async rate(date: string, from: string, to: string): Promise<{ rate: Rational; date: string } | undefined> {
    if (from === to) return { rate: { num: 1n, den: 1n }, date };
    const eur = pickCrossRate(await this.window('EUR', date), date, from, to);
    if (eur) return eur;
    for (const set of await this.window(to, date)) {
      const r = set.rates[from];
      if (r) return { rate: invertRate(r), date: set.date };
    }
    for (const set of await this.window(from, date)) {
      const r = set.rates[to];
      if (r) return { date: set.date, rate: parseRate(r) };
    }
    return undefined;
  }

  /** The base view of `amount` `currency` on `date`. */
  async baseView(amount: number, currency: string, date: string, baseCurrency: string): Promise<BaseView> {
    const found = await this.rate(date, currency, baseCurrency);
    if (!found) return { fxStatus: 'pending', baseAmount: null, baseCurrency, fxRate: null, fxDate: null };
    return {
      fxStatus: 'converted',
      baseAmount: convert(amount, currency, baseCurrency, found.rate),
      baseCurrency,
      fxRate: currency === baseCurrency ? '1' : toDecimalString(found.rate, 10).replace(/\.?0+$/, ''),
      fxDate: found.date,
    };
  }
}

/**
 * Publishes the rates of a date. The same write carries an FxRatesPublished event, whose consumer converts the
 * pending transactions this date covers.
 */
export async function publishRates(input: { date: string; base: string; rates: Record<string, string> }, now = new Date()) {
  assertCalendarDate(input.date, 'body.date');
  const unknown = [input.base, ...Object.keys(input.rates)].filter((c) => !isCurrency(c));
  if (unknown.length) throw new ValidationError(`Unknown currency code(s): ${unknown.join(', ')}.`, unknown.map((c) => ({ path: `body.rates.${c}`, message: 'unknown currency' })));
  if (Object.keys(input.rates).length === 0) throw new ValidationError('rates must name at least one currency.', [{ path: 'body.rates', message: 'empty' }]);
  for (const [code, rate] of Object.entries(input.rates)) {
    if (!/[1-9]/.test(rate)) throw new ValidationError(`The rate of ${code} must be greater than zero.`, [{ path: `body.rates.${code}`, message: 'must be > 0' }]);
  }
  const set: RateSet = { base: input.base, date: input.date, rates: input.rates };
  await publishRateSet(set, newEvent(FxRatesPublished, { base: set.base, date: set.date, currencies: Object.keys(set.rates) }, now), now);
  return { ...set, count: Object.keys(set.rates).length };
}

/** Rates in effect on a date for a base (latest on or before it, at most 7 days older). */
export async function ratesOn(date: string, base: string) {
  assertCalendarDate(date, 'query.date');
  const sets = await ratesWindow(base, addDays(date, -DEFAULT_MAX_AGE_DAYS), date);
  const set = sets[0];
  if (set) return { date: set.date, requestedDate: date, base, rates: set.rates };
  if (base !== 'EUR') {
    // Derive from the EUR table: units of X per one `base` = (X per EUR) / (base per EUR).
    const eur = (await ratesWindow('EUR', addDays(date, -DEFAULT_MAX_AGE_DAYS), date)).find((s) => s.rates[base]);
    const basePerEur = eur?.rates[base];
    if (eur && basePerEur) {
      const book = new RateBook();
      const rates: Record<string, string> = {};
      for (const code of ['EUR', ...Object.keys(eur.rates)]) {
        if (code === base) continue;
        const r = await book.rate(eur.date, base, code);
        if (r) rates[code] = toDecimalString(r.rate, 10).replace(/\.?0+$/, '');
      }
      return { date: eur.date, requestedDate: date, base, rates };
    }
  }
  throw new NotFoundError(`No ${base} rates published between ${addDays(date, -DEFAULT_MAX_AGE_DAYS)} and ${date}.`);
}

/** Fetches and publishes the ECB's rates of the day (the scheduled job); publishing converts pending transactions. */
export async function importEcbDaily(download: () => Promise<string>, now = new Date()) {
  const { date, rates } = parseEcbDaily(await download());
  const published = await publishRates({ date, base: 'EUR', rates: knownCurrenciesOnly(rates) }, now);
  return { date: published.date, count: published.count };
}
