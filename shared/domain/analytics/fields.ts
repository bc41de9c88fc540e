import { ValidationError } from '../errors';
import { readInt } from '../money/exact';

/**
 * A monthly rollup is a flat bag of integer counters, one bag per (user, base currency, month). Flat, because
 * DynamoDB's `ADD` works on top-level attributes only; integer, because money is minor units of the base currency.
 *
 * Field names (every amount is minor units of the rollup's base currency unless it says "native"):
 *
 * | name                | meaning                                                                                   |
 * |---------------------|-------------------------------------------------------------------------------------------|
 * | `inc`               | income (converted income transactions' `baseAmount`), ≥ 0                                 |
 * | `exp`               | expenses, stored positive                                                                 |
 * | `n`                 | number of converted income + expense transactions (transfers and pending ones excluded)   |
 * | `tn`                | number of converted transfers                                                              |
 * | `tr`                | base amount moved by converted transfers, positive                                        |
 * | `ce:<categoryId>`   | expense spend of a category, positive for spending (a negative split part lowers it)     |
 * | `ci:<categoryId>`   | income of a category, positive                                                            |
 * | `a:<accountId>`     | signed flow of an account: income +, expense −, transfer − on the source, + on the target |
 * | `cur:<currency>`    | NATIVE signed amount per original currency of income (+) and expenses (−)                 |
 * | `curn:<currency>`   | number of converted income + expense transactions per original currency                   |
 * | `m:<merchant>`      | expense spend per merchant (`merchantKey` of the description)                             |
 * | `mn:<merchant>`     | number of expenses per merchant                                                           |
 * | `pn`                | number of pending-FX transactions (all types)                                             |
 * | `pcn:<currency>`    | number of pending-FX transactions per original currency                                   |
 * | `p:<currency>`      | NATIVE signed amount of pending-FX income (+) and expenses (−); transfers add 0           |
 *
 * Reserved ids, which no real id can equal (category slugs and account ids start with a letter or digit, merchant
 * keys hold only letters, digits and spaces): {@link UNCATEGORISED}, {@link NO_ACCOUNT}, {@link UNKNOWN_MERCHANT}.
 * A name is either one of the fixed names or a prefix from {@link PREFIX} (which ends in `:`) followed by an id;
 * the prefix is everything up to the FIRST `:`, so ids may themselves contain `:`.
 *
 * Invariants of every rollup (exact, to the minor unit): Σ`ce:*` = `exp`, Σ`ci:*` = `inc`, Σ`m:*` = `exp`,
 * Σ`a:*` = `inc` − `exp` (transfers cancel), Σ`curn:*` = `n`, Σ`pcn:*` = `pn`.
 *
 * A DAILY rollup (one per user, base currency and day `YYYY-MM-DD`; what budgets and their pace read) holds a
 * subset, under the same allocation, split and transfer rules as the monthly one:
 *
 * | name                       | meaning                                                                            |
 * |----------------------------|------------------------------------------------------------------------------------|
 * | `exp`, `inc`               | as monthly (converted expenses / income of that day, base minor units)             |
 * | `ce:<categoryId>`          | as monthly                                                                         |
 * | `ci:<categoryId>`          | as monthly                                                                         |
 * | `pn`                       | as monthly: pending-FX transactions of the day (all types)                         |
 * | `pce:<CUR>:<categoryId>`   | NATIVE pending-FX expense of a category in currency CUR, positive for spending (a  |
 * |                            | negative split part lowers it); never converted 1:1, never in `ce:`/`exp`          |
 * | `pcen:<CUR>:<categoryId>`  | number of pending-FX expenses in CUR touching that category (once per transaction) |
 *
 * Invariants of every daily rollup: Σ`ce:*` = `exp`, Σ`ci:*` = `inc`. Transfers add nothing to a daily rollup.
 */
export const FIELD = Object.freeze({
  income: 'inc',
  expenses: 'exp',
  count: 'n',
  transferCount: 'tn',
  transferAmount: 'tr',
  pendingCount: 'pn',
} as const);

/** Prefixes of the per-id fields (see {@link FIELD} for the table). */
export const PREFIX = Object.freeze({
  expenseCategory: 'ce:',
  incomeCategory: 'ci:',
  account: 'a:',
  currency: 'cur:',
  currencyCount: 'curn:',
  merchant: 'm:',
  merchantCount: 'mn:',
  pending: 'p:',
  pendingCount: 'pcn:',
  /** Daily only: `pce:<CUR>:<categoryId>`. */
  pendingExpenseCategory: 'pce:',
  /** Daily only: `pcen:<CUR>:<categoryId>`. */
  pendingExpenseCategoryCount: 'pcen:',
} as const);

/** Category id of transactions (or split parts) without a category. */
export const UNCATEGORISED = '_uncategorised';
/** Account id of transactions without an account (and of a transfer's missing side). */
export const NO_ACCOUNT = '_none';
/** Merchant of an expense whose description reduces to nothing. */
export const UNKNOWN_MERCHANT = '_unknown';
/** Merchant names are cut to this many characters (code points), to bound the size of a rollup item. */
export const MAX_MERCHANT_LENGTH = 64;

const FIXED = new Set<string>(Object.values(FIELD));
const PREFIXES = new Set<string>(Object.values(PREFIX));

/** The counters of one rollup: field name → integer. Absent means 0. */
export type RollupFields = Readonly<Record<string, number>>;

/**
 * Which rollup: the base currency amounts are in, and the month `YYYY-MM`; with `day` (`YYYY-MM-DD`, inside
 * `month`) the DAILY rollup of that day instead of the monthly one. The user is implied by the caller.
 */
export interface RollupKey {
  readonly baseCurrency: string;
  readonly month: string;
  readonly day?: string;
}

/** A change to one rollup: add each field's value to the stored counter. */
export interface RollupDelta {
  readonly key: RollupKey;
  readonly fields: RollupFields;
}

/** Whether `name` is a field of the rollup scheme (so an item's other attributes, keys included, are not). */
export function isRollupField(name: string): boolean {
  if (FIXED.has(name)) return true;
  const colon = name.indexOf(':');
  return colon > 0 && colon < name.length - 1 && PREFIXES.has(name.slice(0, colon + 1));
}

/**
 * The rollup fields of a stored item: its attributes whose name belongs to the scheme and whose value is a safe
 * integer; everything else (keys, timestamps) is left out, and so are zeros (an `ADD` that cancels out leaves 0).
 */
export function pickRollupFields(item: Readonly<Record<string, unknown>> | undefined): RollupFields {
  const out: Record<string, number> = {};
  if (!item) return out;
  for (const [name, value] of Object.entries(item)) {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value !== 0 && isRollupField(name)) out[name] = value;
  }
  return out;
}

/**
 * The string form of a rollup key, `<baseCurrency>#<YYYY-MM>` for a monthly rollup and `<baseCurrency>#<YYYY-MM-DD>`
 * for a daily one (sorts by currency, then month, each month before its days).
 */
export function rollupKeyString(key: RollupKey): string {
  return `${key.baseCurrency}#${key.day ?? key.month}`;
}

/** Whether a rollup key names a daily rollup. */
export function isDailyKey(key: RollupKey): key is RollupKey & { readonly day: string } {
  return typeof key.day === 'string';
}

/**
 * Reads {@link rollupKeyString}'s output back.
 * @throws ValidationError when the text is not `<currency>#YYYY-MM` or `<currency>#YYYY-MM-DD`.
 */
export function parseRollupKey(text: string): RollupKey {
  const m = /^([A-Z]{3})#(\d{4}-(?:0[1-9]|1[0-2]))(-(?:0[1-9]|[12]\d|3[01]))?$/.exec(text);
  if (!m) {
    const message = `must be <currency>#YYYY-MM or <currency>#YYYY-MM-DD (got ${JSON.stringify(text)})`;
    throw new ValidationError(`rollup key ${message}`, [{ path: 'key', message }]);
  }
  const month = m[2] ?? '';
  return m[3] ? { baseCurrency: m[1] ?? '', month, day: month + m[3] } : { baseCurrency: m[1] ?? '', month };
}

/** Adds two integers of a counter, refusing to leave the safe-integer range. */
export function addCount(a: number, b: number, name: string): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) {
    const message = `overflows the safe-integer range`;
    throw new ValidationError(`rollup field ${name} ${message}`, [{ path: name, message }]);
  }
  return sum;
}

/** The field-by-field sum of field maps, zeros dropped, names sorted. */
export function addFields(...maps: readonly (RollupFields | undefined)[]): RollupFields {
  const acc = new Map<string, number>();
  for (const map of maps) {
    if (!map) continue;
    for (const [name, value] of Object.entries(map)) acc.set(name, addCount(acc.get(name) ?? 0, value, name));
  }
  return compact(acc);
}

/** The field map with every value negated. */
export function negateFields(fields: RollupFields): RollupFields {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== 0) out[name] = -value;
  return out;
}

/** The same fields without zeros (what a rollup means; DynamoDB keeps a counter that went back to 0). */
export function compactFields(fields: RollupFields | undefined): RollupFields {
  return addFields(fields);
}

/** A plain object of the non-zero entries, names in code-unit order. */
export function compact(acc: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of [...acc.keys()].sort()) {
    const value = acc.get(name) ?? 0;
    if (value !== 0) out[name] = value;
  }
  return out;
}

/** Reads a counter (0 when absent or not a number). */
export function field(fields: RollupFields | undefined, name: string): number {
  if (!fields || !Object.prototype.hasOwnProperty.call(fields, name)) return 0;
  const value = fields[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The non-zero `<prefix><id>` counters of a rollup as id → value. */
export function byPrefix(fields: RollupFields | undefined, prefix: string): Map<string, number> {
  const out = new Map<string, number>();
  if (!fields) return out;
  for (const [name, value] of Object.entries(fields)) {
    if (name.startsWith(prefix) && name.length > prefix.length && typeof value === 'number' && value !== 0) {
      out.set(name.slice(prefix.length), value);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Exact reading: stored counters are sums of unbounded count, so they may pass 2^53 (DynamoDB keeps 38 digits).

/** Counters as storage returns them: safe integers as numbers, larger ones as bigints (read models take both). */
export type StoredFields = Readonly<Record<string, number | bigint>>;

/**
 * The rollup counters of a stored item, exactly: every scheme field whose value is an integer of any size (a
 * number, a bigint, or the SDK's wrapped number), zeros and malformed values left out — never thrown on.
 */
export function pickStoredFields(item: Readonly<Record<string, unknown>> | undefined): StoredFields {
  const out: Record<string, number | bigint> = {};
  if (!item) return out;
  for (const [name, value] of Object.entries(item)) {
    if (!isRollupField(name)) continue;
    const big = readInt(value);
    if (big === undefined || big === 0n) continue;
    out[name] = big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }
  return out;
}

/** Reads a counter exactly (0n when absent or not an integer). */
export function bigField(fields: StoredFields | undefined, name: string): bigint {
  if (!fields || !Object.prototype.hasOwnProperty.call(fields, name)) return 0n;
  return readInt(fields[name]) ?? 0n;
}

/** The non-zero `<prefix><id>` counters as id → exact value. */
export function bigByPrefix(fields: StoredFields | undefined, prefix: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  if (!fields) return out;
  for (const [name, value] of Object.entries(fields)) {
    if (!name.startsWith(prefix) || name.length <= prefix.length) continue;
    const big = readInt(value);
    if (big !== undefined && big !== 0n) out.set(name.slice(prefix.length), big);
  }
  return out;
}

/** The exact field-by-field sum of counters of any size, zeros dropped, names sorted (never overflows). */
export function addStoredFields(...maps: readonly (StoredFields | undefined)[]): Readonly<Record<string, bigint>> {
  const acc = new Map<string, bigint>();
  for (const map of maps) {
    if (!map) continue;
    for (const [name, value] of Object.entries(map)) {
      const big = readInt(value);
      if (big !== undefined) acc.set(name, (acc.get(name) ?? 0n) + big);
    }
  }
  const out: Record<string, bigint> = {};
  for (const name of [...acc.keys()].sort()) {
    const value = acc.get(name) ?? 0n;
    if (value !== 0n) out[name] = value;
  }
  return out;
}
