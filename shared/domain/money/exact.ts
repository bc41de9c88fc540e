import { ValidationError } from '../errors';

/**
 * Exact integers for sums whose count is not bounded (account balances, monthly rollups, reports over months).
 *
 * Storage keeps such sums exactly (DynamoDB numbers have 38 digits), but a JS number holds integers exactly only up
 * to 2^53 − 1. So a stored sum is read as a {@link StoredInt} (a number when it is safe, else a bigint — what the
 * DynamoDB document client returns), computed on in BigInt, and answered as an {@link ExactMinor}: a JSON number
 * while it is a safe integer, else the string of its exact digits. No sum is rounded, clamped or refused on read.
 */

/** An integer as storage returns it: a safe-integer number or, beyond 2^53 − 1, a bigint. */
export type StoredInt = number | bigint;

/**
 * An exact integer in a JSON answer: a number while |value| ≤ 2^53 − 1, otherwise a string of its digits
 * (`"-12345678901234567890"`), since JSON numbers past 2^53 lose units in most clients.
 */
export type ExactMinor = number | string;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The regular expression an {@link ExactMinor} string matches. */
export const EXACT_INTEGER_PATTERN = /^-?(0|[1-9]\d*)$/;

/**
 * Reads an integer that storage may hold beyond 2^53: a safe-integer number, a bigint, an integer string, or an
 * object whose `toString()` is one (the SDK's `NumberValue`). Anything else (absent, fractional, not a number) is
 * `undefined`, so a malformed stored value is skipped rather than thrown on.
 */
export function readInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : undefined;
  const text = typeof value === 'string' ? value : typeof value === 'object' && value !== null && 'value' in value ? String((value as { value: unknown }).value) : undefined;
  return text !== undefined && EXACT_INTEGER_PATTERN.test(text.trim()) ? BigInt(text.trim()) : undefined;
}

/** A bigint in the form storage returns: a number when it is a safe integer, else the bigint itself. */
export function toStoredInt(value: bigint): StoredInt {
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value;
}

/** A bigint as a JSON answer carries it: a number when it is a safe integer, else its exact digits as a string. */
export function toExactMinor(value: bigint): ExactMinor {
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value.toString();
}

/** The exact value of a {@link StoredInt} or {@link ExactMinor}. */
export function bigOf(value: StoredInt | ExactMinor): bigint {
  const big = readInt(value);
  if (big === undefined) {
    const message = `must be an integer (got ${String(value)})`;
    throw new ValidationError(`value ${message}`, [{ path: 'value', message }]);
  }
  return big;
}

/** The exact sum of integers of any size (never rounds, never overflows). */
export function sumExact(values: Iterable<StoredInt>): bigint {
  let total = 0n;
  for (const v of values) total += typeof v === 'bigint' ? v : BigInt(v);
  return total;
}
