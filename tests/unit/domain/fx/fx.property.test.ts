import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convert, crossRate, parseRate, reciprocal, type Rational } from '../../../../shared/domain/fx';
import { CURRENCY_CODES, exponentOf, MAX_AMOUNT } from '../../../../shared/domain/money';

const RUNS = 10_000;
const TIMEOUT = 120_000;

const currency = fc.constantFrom(...CURRENCY_CODES);
const amount = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });
/** Converted amounts past the ceiling of one amount are refused. */
const MAX = BigInt(MAX_AMOUNT);
const isSafe = (v: bigint) => v <= MAX && v >= -MAX;
/** Rates as published: 1–6 integer digits, 0–6 decimals, positive (0.000001 … 999999.999999). */
const rateText = fc
  .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 6 }))
  .map(([int, frac, places]) => (places === 0 ? String(int) : `${int}.${String(frac).padStart(6, '0').slice(0, places)}`))
  .filter((t) => /[1-9]/.test(t));

function refusedAsTooLarge(act: () => unknown): boolean {
  try {
    act();
    return false;
  } catch (e) {
    return e instanceof Error && e.message.includes('10^13');
  }
}

/** The reference: value = minor × rate × 10^(e_to − e_from), rounded half-even with a floor-based BigInt method. */
function reference(minor: number, from: string, to: string, rate: Rational): bigint {
  const shift = exponentOf(to) - exponentOf(from);
  let n = BigInt(minor) * rate.num;
  let d = rate.den;
  if (shift > 0) n *= 10n ** BigInt(shift);
  else d *= 10n ** BigInt(-shift);
  const q = n >= 0n ? n / d : -((-n + d - 1n) / d);
  const r = n - q * d;
  if (2n * r < d) return q;
  if (2n * r > d) return q + 1n;
  return q % 2n === 0n ? q : q + 1n;
}

describe('fx properties', () => {
  it(`convert rounds half-even exactly like a BigInt reference, for any currency pair (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(amount, currency, currency, rateText, (minor, from, to, text) => {
        const expected = reference(minor, from, to, parseRate(text));
        // Results beyond the ceiling of one amount are refused, never rounded off or clamped.
        if (!isSafe(expected)) return refusedAsTooLarge(() => convert(minor, from, to, text));
        return BigInt(convert(minor, from, to, text)) === expected;
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it(`convert is monotonic in the amount (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(amount, amount, currency, currency, rateText, (a, b, from, to, text) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        fc.pre(isSafe(reference(lo, from, to, parseRate(text))) && isSafe(reference(hi, from, to, parseRate(text))));
        return convert(lo, from, to, text) <= convert(hi, from, to, text);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it(`A → B → A comes back within the rounding bounds: |back − x| ≤ ½ + 1/(2·r·10^(eB−eA)) (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(amount, currency, currency, rateText, (x, a, b, text) => {
        const rate = parseRate(text);
        fc.pre(isSafe(reference(x, a, b, rate)));
        const back = convert(convert(x, a, b, rate), b, a, reciprocal(rate));
        // With s = r·10^(eB−eA) = p/q: 2·|back − x| ≤ 1 + 1/s  ⇔  2·|back − x|·p ≤ p + q
        const shift = exponentOf(b) - exponentOf(a);
        const p = rate.num * (shift > 0 ? 10n ** BigInt(shift) : 1n);
        const q = rate.den * (shift < 0 ? 10n ** BigInt(-shift) : 1n);
        const diff = BigInt(back - x);
        return 2n * (diff < 0n ? -diff : diff) * p <= p + q;
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it(`A → B → A with a rate that keeps or gains precision comes back within one minor unit (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(amount, currency, currency, rateText, (x, a, b, text) => {
        const rate = parseRate(text);
        const shift = exponentOf(b) - exponentOf(a);
        const p = rate.num * (shift > 0 ? 10n ** BigInt(shift) : 1n);
        const q = rate.den * (shift < 0 ? 10n ** BigInt(-shift) : 1n);
        fc.pre(p >= q && isSafe(reference(x, a, b, rate))); // one unit of A is worth at least one unit of B
        const back = convert(convert(x, a, b, rate), b, a, reciprocal(rate));
        return Math.abs(back - x) <= 1;
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it(`converting 0 gives 0, never -0 (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(currency, currency, rateText, (from, to, text) => {
        const r = convert(0, from, to, text);
        return r === 0 && !Object.is(r, -0);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it(`conversion is sign-symmetric: convert(−x) = −convert(x) (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(amount, currency, currency, rateText, (x, from, to, text) => {
        fc.pre(isSafe(reference(x, from, to, parseRate(text))));
        const pos = convert(x, from, to, text);
        const neg = convert(-x, from, to, text);
        return neg === -pos || (neg === 0 && pos === 0);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it(`a cross rate through EUR rounds once: equals the reference on x·(to/EUR)/(from/EUR) (${RUNS} runs)`, () => {
    const codes = ['EUR', 'USD', 'JPY', 'GBP', 'BHD', 'KWD', 'ISK', 'CLF', 'CHF', 'IDR'];
    fc.assert(
      fc.property(amount, fc.constantFrom(...codes), fc.constantFrom(...codes), fc.dictionary(fc.constantFrom(...codes.filter((c) => c !== 'EUR')), rateText), (x, from, to, table) => {
        const rate = crossRate(table, from, to);
        const perEur = (c: string) => (c === 'EUR' ? '1' : table[c]);
        const fromRate = perEur(from);
        const toRate = perEur(to);
        if (from === to) return rate !== undefined && rate.num === 1n && rate.den === 1n;
        if (fromRate === undefined || toRate === undefined) return rate === undefined;
        if (rate === undefined) return false;
        const f = parseRate(fromRate);
        const t = parseRate(toRate);
        const exact = { num: t.num * f.den, den: t.den * f.num };
        fc.pre(isSafe(reference(x, from, to, exact)));
        return BigInt(convert(x, from, to, rate)) === reference(x, from, to, exact);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('is checked against a hand computation', () => {
    // 100.00 USD → JPY on 2025-05-09: 10000 × 163.36 / 1.1252 / 100 = 14518.30… → 14518
    expect(convert(10000, 'USD', 'JPY', crossRate({ USD: '1.1252', JPY: '163.36' }, 'USD', 'JPY') ?? parseRate('1'))).toBe(14518);
  });
});
