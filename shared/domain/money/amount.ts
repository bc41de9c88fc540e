import { ValidationError } from '../errors';
import { MAX_AMOUNT, MAX_AMOUNT_TEXT } from '../limits';
import { exponentOf } from './currencies';

/**
 * Money is an integer count of minor units (cents, pence, fils, yen) of one ISO 4217 currency. Amounts are JS
 * numbers that are safe integers (|x| ≤ 2^53 − 1); anything that could leave that range is computed in BigInt.
 * Floating point never touches an amount.
 */
export type Minor = number;

/** An amount with its currency. */
export interface Money {
  /** Integer minor units (negative allowed where the context says so). */
  readonly amount: Minor;
  readonly currency: string;
}

/** Options of {@link parseAmount}. */
export interface ParseAmountOptions {
  /**
   * The decimal separator of the text. When given, the other of `.`/`,` may only be a thousands separator.
   * When absent it is inferred from the text: with both present, the last one is decimal; a lone `,` is decimal
   * unless it reads as a thousands separator (`1,234`); a lone `.` is decimal; repeated ones are separators.
   */
  decimalSeparator?: '.' | ',';
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The ceiling of ONE amount (declared in `shared/domain/limits.ts`), in minor units: |amount| ≤ 10^13 (100 billion in a two-decimal currency, 10 trillion
 * yen). Every amount a caller writes — a transaction, a split part, an opening balance, a rule's amount bound, a
 * monthly income, an imported row — and every base-currency value converted from one is refused above it
 * (a 400 naming it).
 *
 * Why 10^13: sums of amounts that are bounded in count stay exact in a double — a split transaction (at most
 * 100 parts), and the analytics consumer's merge of one delivery (at most 100 events, each moving a counter by at
 * most twice an amount): 2 × 100 × 10^13 = 2 × 10^15 < 2^53. Sums whose count is NOT bounded (balances, monthly
 * rollups, reports over months) are summed exactly in BigInt instead (see `exact.ts`), so no ceiling is needed for
 * them to stay exact.
 */
export { MAX_AMOUNT, MAX_AMOUNT_TEXT };
const MAX_AMOUNT_BIG = BigInt(MAX_AMOUNT);

/** Whether `value` is an amount within the ceiling: an integer with |value| ≤ {@link MAX_AMOUNT} (not `-0`). */
export function isAmount(value: unknown): value is Minor {
  return isMinor(value) && Math.abs(value) <= MAX_AMOUNT;
}

/** The message for an amount past the ceiling (`got` is shown when given). */
export function ceilingMessage(got?: number | bigint): string {
  return `must be at most ${MAX_AMOUNT_TEXT} (10^13) minor units in magnitude${got === undefined ? '' : ` (got ${String(got)})`}`;
}

/**
 * Checks that `value` is an integer amount within the ceiling and returns it.
 * @throws ValidationError naming `path` and the ceiling otherwise.
 */
export function assertAmount(value: unknown, path = 'amount'): Minor {
  const minor = assertMinor(value, path);
  if (Math.abs(minor) > MAX_AMOUNT) {
    const message = ceilingMessage(minor);
    throw new ValidationError(`${path} ${message}`, [{ path, message }]);
  }
  return minor;
}

/**
 * Converts a BigInt count of minor units (e.g. the exact result of a currency conversion) to an amount within the
 * ceiling.
 * @throws ValidationError naming `path` and the ceiling when |value| > {@link MAX_AMOUNT}.
 */
export function fromBigAmount(value: bigint, path = 'amount'): Minor {
  if (value > MAX_AMOUNT_BIG || value < -MAX_AMOUNT_BIG) {
    const message = ceilingMessage(value);
    throw new ValidationError(`${path} ${message}`, [{ path, message }]);
  }
  return value === 0n ? 0 : Number(value);
}

/** Whether `value` is a valid amount in minor units: a safe integer (so `-0`, `1.5`, `NaN`, `2**53` are not). */
export function isMinor(value: unknown): value is Minor {
  return typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0);
}

/**
 * Checks that `value` is a safe-integer amount in minor units and returns it.
 * @throws ValidationError naming `path` otherwise.
 */
export function assertMinor(value: unknown, path = 'amount'): Minor {
  if (typeof value === 'number' && Object.is(value, -0)) return 0;
  if (!isMinor(value)) {
    const message = `must be an integer number of minor units within ±${Number.MAX_SAFE_INTEGER} (got ${String(value)})`;
    throw new ValidationError(`${path} ${message}`, [{ path, message }]);
  }
  return value;
}

/**
 * Converts a BigInt count of minor units back to a number.
 * @throws ValidationError when it is outside the safe-integer range.
 */
export function fromBigMinor(value: bigint, path = 'amount'): Minor {
  if (value > MAX || value < -MAX) {
    const message = `is too large to be stored (${value} minor units exceeds ±${Number.MAX_SAFE_INTEGER})`;
    throw new ValidationError(`${path} ${message}`, [{ path, message }]);
  }
  return value === 0n ? 0 : Number(value);
}

/**
 * The exact sum of amounts in minor units.
 * @throws ValidationError when a value is not a safe integer or the total leaves the safe-integer range.
 */
export function sumMinor(values: Iterable<number>): Minor {
  let total = 0;
  let big: bigint | undefined;
  let index = 0;
  for (const value of values) {
    assertMinor(value, `amounts[${index}]`);
    index++;
    if (big !== undefined) {
      big += BigInt(value);
      continue;
    }
    const next = total + value;
    if (Number.isSafeInteger(next)) total = next;
    else big = BigInt(total) + BigInt(value);
  }
  return big === undefined ? total + 0 : fromBigMinor(big, 'sum');
}

/**
 * Formats minor units as a plain decimal string in the currency's exponent: no grouping, `.` as decimal point,
 * `-` for negatives (`1234` EUR → `"12.34"`, `-5` EUR → `"-0.05"`, `1000` JPY → `"1000"`, `1234` BHD → `"1.234"`).
 * {@link parseAmount} reads it back exactly.
 * @throws ValidationError when `minor` is not a safe integer or the currency is unknown.
 */
export function formatAmount(minor: Minor, currency: string): string {
  const value = assertMinor(minor);
  const exponent = exponentOf(currency);
  const digits = String(Math.abs(value));
  const sign = value < 0 ? '-' : '';
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/** Symbols that belong to one currency (or a few), so `€ 12` read as USD is refused. Other symbols are accepted. */
const SYMBOL_CURRENCIES: Record<string, readonly string[]> = {
  '€': ['EUR'],
  '£': ['GBP', 'GIP', 'FKP', 'SHP', 'EGP', 'LBP', 'SYP', 'SDG', 'SSP'],
  '¥': ['JPY', 'CNY'],
  '￥': ['JPY', 'CNY'],
  '₩': ['KRW', 'KPW'],
  '₹': ['INR'],
  '₽': ['RUB'],
  '₺': ['TRY'],
  '₪': ['ILS'],
  '₫': ['VND'],
  '₱': ['PHP'],
  '฿': ['THB'],
  '₴': ['UAH'],
  '₦': ['NGN'],
  '₸': ['KZT'],
  '₼': ['AZN'],
  '₾': ['GEL'],
};

const GROUP_CHARS = new Set([' ', '\u00a0', '\u202f', '\u2009', "'", '\u2019']);
const MINUS_CHARS = new Set(['-', '\u2212', '\u2013']);

/**
 * Reads a decimal amount written by a person or a bank into integer minor units of `currency`.
 *
 * Accepts: thousands separators (`1,234.56`, `1.234,56`, `1 234,56`, `1'234.56`, Indian `1,23,456.78`), a sign
 * before or after (`-12.5`, `+12.5`, `12.50-`, `−12.50`), accounting parentheses (`(12.50)`), `CR`/`DR` suffixes
 * (`DR` is negative), and the currency's own symbol or code before or after (`€ 12`, `12 EUR`, `$1,234.56`).
 * More fractional digits than the currency has are refused unless the extra ones are zeros (`12.500` USD is 1250,
 * `12.345` USD is an error). Whether `,` or `.` is decimal: see {@link ParseAmountOptions.decimalSeparator}.
 *
 * @returns an integer within ±{@link MAX_AMOUNT} (never `-0`).
 * @throws ValidationError (path `amount`) with a message saying what is wrong, the ceiling included.
 */
export function parseAmount(text: string, currency: string, options: ParseAmountOptions = {}): Minor {
  const exponent = exponentOf(currency);
  const fail = (why: string): never => {
    const message = `${JSON.stringify(text)} is not an amount in ${currency}: ${why}`;
    throw new ValidationError(message, [{ path: 'amount', message }]);
  };
  if (typeof text !== 'string') return fail('not text');
  const s = text.normalize('NFKC').trim();
  if (s === '') return fail('it is empty');
  if (s.length > 64) return fail('it is too long');

  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  // The number spans from the first digit (or a separator right before one) to the last digit (or a separator
  // right after one); everything around it is affixes: sign, parentheses, symbol, code, CR/DR.
  let start = -1;
  let end = -1;
  for (let i = 0; i < s.length; i++) {
    if (isDigit(s[i])) {
      if (start < 0) start = i;
      end = i + 1;
    }
  }
  if (start < 0) return fail('it has no digits');
  if (start > 0 && (s[start - 1] === '.' || s[start - 1] === ',')) start--;
  if (end < s.length && (s[end] === '.' || s[end] === ',')) end++;
  const core = s.slice(start, end);
  const { negative, problem } = readAffixes(s.slice(0, start), s.slice(end), currency);
  if (problem) return fail(problem);

  const read = readDigits(core, exponent, options.decimalSeparator);
  if ('problem' in read) return fail(read.problem);
  const magnitude = BigInt(read.digits);
  if (magnitude > MAX_AMOUNT_BIG) return fail(`it exceeds the ceiling of ${MAX_AMOUNT_TEXT} (10^13) minor units per amount`);
  const value = Number(magnitude);
  return negative && value !== 0 ? -value : value;
}

/** Reads what surrounds the number; returns the sign or what is wrong. */
function readAffixes(prefix: string, suffix: string, currency: string): { negative: boolean; problem?: string } {
  let pre = prefix;
  let post = suffix;
  let signs = 0;
  let negative = false;
  let parenthesised = false;
  let marks = 0;
  const pre0 = pre.trimStart();
  const post0 = post.trimEnd();
  if (pre0.startsWith('(') && post0.endsWith(')')) {
    parenthesised = true;
    negative = true;
    signs++;
    pre = pre0.slice(1);
    post = post0.slice(0, -1);
  }
  const take = (part: string, where: 'pre' | 'post'): string | undefined => {
    let rest = part;
    while (rest.length > 0) {
      const c = rest[0] ?? '';
      if (/\s/u.test(c)) {
        rest = rest.slice(1);
      } else if (c === '+' || MINUS_CHARS.has(c)) {
        signs++;
        if (MINUS_CHARS.has(c)) negative = true;
        rest = rest.slice(1);
      } else if (/\p{Sc}/u.test(c)) {
        const allowed = SYMBOL_CURRENCIES[c];
        if (allowed && !allowed.includes(currency)) return `the symbol ${c} is not ${currency}`;
        marks++;
        rest = rest.slice(1);
      } else if (/^[a-z]{3}(?![a-z])/i.test(rest)) {
        const code = rest.slice(0, 3).toUpperCase();
        if (code !== currency) return `it names ${code}, not ${currency}`;
        marks++;
        rest = rest.slice(3);
      } else if (where === 'post' && /^(cr|dr)(?![a-z])/i.test(rest)) {
        signs++;
        if (rest.slice(0, 2).toLowerCase() === 'dr') negative = true;
        rest = rest.slice(2);
      } else {
        return `unexpected ${JSON.stringify(c)}`;
      }
    }
    return undefined;
  };
  const problem = take(pre, 'pre') ?? take(post, 'post');
  if (problem) return { negative, problem };
  if (signs > 1) return { negative, problem: parenthesised ? 'a sign inside parentheses' : 'more than one sign' };
  if (marks > 1) return { negative, problem: 'the currency is named more than once' };
  return { negative };
}

/** Turns the number part into the digits of its magnitude in minor units, or says what is wrong. */
function readDigits(core: string, exponent: number, given: '.' | ',' | undefined): { digits: string } | { problem: string } {
  const no = (problem: string) => ({ problem });
  for (const c of core) {
    if (!(c >= '0' && c <= '9') && c !== '.' && c !== ',' && !GROUP_CHARS.has(c)) return no(`unexpected ${JSON.stringify(c)}`);
  }
  const decimal = given ?? inferDecimal(core);
  const parts = core.split(decimal);
  if (parts.length > 2) return no(`more than one decimal separator ${JSON.stringify(decimal)}`);
  const intText = parts[0] ?? '';
  const fracText = parts[1] ?? '';
  if (!/^\d*$/.test(fracText)) return no('separators after the decimal point');
  const intDigits = readGrouped(intText, decimal === '.' ? ',' : '.');
  if (intDigits === undefined) return no('misplaced thousands separators');
  if (intDigits === '' && fracText === '') return no('it has no digits');
  if (fracText.length > exponent) {
    const extra = fracText.slice(exponent);
    if (/[^0]/.test(extra)) {
      return no(
        exponent === 0
          ? 'the currency has no minor unit, so the amount must be whole'
          : `more than ${exponent} decimal place${exponent === 1 ? '' : 's'}`,
      );
    }
  }
  const frac = fracText.slice(0, exponent).padEnd(exponent, '0');
  const all = (intDigits + frac).replace(/^0+(?=\d)/, '');
  return { digits: all === '' ? '0' : all };
}

/** The decimal separator a number written without a hint most likely uses. */
function inferDecimal(core: string): '.' | ',' {
  const lastDot = core.lastIndexOf('.');
  const lastComma = core.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
  if (lastComma >= 0) {
    if (core.indexOf(',') !== lastComma) return '.';
    // A lone comma reads as a thousands separator only when it is placed like one: 1,234 or 12,345.
    return /^\d{1,3},\d{3}$/.test(core) ? '.' : ',';
  }
  if (lastDot >= 0 && core.indexOf('.') !== lastDot) return ',';
  return '.';
}

/**
 * The digits of an integer part that may carry thousands separators (`separator` or spaces/apostrophes, one
 * kind only), or `undefined` when they are misplaced. Groups: 1–3 digits first, then groups of 3 (or of 2 before
 * the last group of 3, the Indian style).
 */
function readGrouped(text: string, separator: string): string | undefined {
  if (/^\d*$/.test(text)) return text;
  const kinds = new Set([...text].filter((c) => !(c >= '0' && c <= '9')));
  if (kinds.size !== 1) return undefined;
  const [kind] = [...kinds];
  if (kind !== separator && !GROUP_CHARS.has(kind ?? '')) return undefined;
  const groups = text.split(kind ?? '');
  const first = groups[0] ?? '';
  const last = groups[groups.length - 1] ?? '';
  if (!/^\d{1,3}$/.test(first) || !/^\d{3}$/.test(last)) return undefined;
  for (const middle of groups.slice(1, -1)) if (!/^\d{2,3}$/.test(middle)) return undefined;
  return groups.join('');
}
