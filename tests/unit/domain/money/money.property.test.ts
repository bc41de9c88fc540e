import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, CURRENCY_CODES, exponentOf, formatAmount, MAX_AMOUNT, parseAmount, splitEvenly, sumMinor } from '../../../../shared/domain/money';

const RUNS = 10_000;
const currency = fc.constantFrom(...CURRENCY_CODES);
const minor = fc.maxSafeInteger();
const amount = fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT });
const smallMinor = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });

/** Inserts thousands separators into the integer part of a plain decimal. */
function group(plain: string, separator: string): string {
  const [int = '', frac] = plain.replace('-', '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return (plain.startsWith('-') ? '-' : '') + grouped + (frac === undefined ? '' : `.${frac}`);
}

describe('money properties', () => {
  it(`parse(format(x)) == x for every currency and amount within the ceiling (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(amount, currency, (x, code) => {
        expect(parseAmount(formatAmount(x, code), code)).toBe(x);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it(`reads the formatted amount back in other spellings: grouped, decimal comma, parentheses, trailing minus (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(smallMinor, currency, (x, code) => {
        const plain = formatAmount(x, code);
        const magnitude = formatAmount(Math.abs(x), code);
        expect(parseAmount(group(plain, ','), code, { decimalSeparator: '.' })).toBe(x);
        expect(parseAmount(group(plain, '.').replace(/\.(\d+)$/, (m) => (exponentOf(code) > 0 ? `,${m.slice(1)}` : m)), code, { decimalSeparator: ',' })).toBe(x);
        expect(parseAmount(plain.replace('.', ','), code, { decimalSeparator: ',' })).toBe(x);
        expect(parseAmount(`(${magnitude})`, code)).toBe(x === 0 ? 0 : -Math.abs(x));
        expect(parseAmount(`${magnitude}-`, code)).toBe(x === 0 ? 0 : -Math.abs(x));
        expect(parseAmount(`${plain} ${code}`, code)).toBe(x);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it(`formats with exactly the currency's decimals and no other characters (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(minor, currency, (x, code) => {
        const text = formatAmount(x, code);
        const e = exponentOf(code);
        expect(text).toMatch(e === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${e}}$`));
        expect(text.startsWith('-')).toBe(x < 0);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it(`sumMinor equals the BigInt sum, or refuses when it leaves the safe range (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(minor, { maxLength: 20 }), (values) => {
        const exact = values.reduce((a, b) => a + BigInt(b), 0n);
        const safe = exact <= BigInt(Number.MAX_SAFE_INTEGER) && exact >= -BigInt(Number.MAX_SAFE_INTEGER);
        if (safe) expect(sumMinor(values)).toBe(Number(exact));
        else expect(() => sumMinor(values)).toThrow('too large');
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});

describe('allocation properties', () => {
  const weights = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 }).filter((w) => w.some((x) => x > 0));

  it(`allocate sums exactly to the total (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(minor, weights, (total, w) => {
        const parts = allocate(total, w);
        expect(parts).toHaveLength(w.length);
        expect(parts.reduce((a, b) => a + BigInt(b), 0n)).toBe(BigInt(total));
        expect(parts.every((p) => Number.isSafeInteger(p) && !Object.is(p, -0))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it(`each part is within one minor unit of its exact share, zero weights get zero (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(minor, weights, (total, w) => {
        const parts = allocate(total, w);
        const sum = w.reduce((a, b) => a + BigInt(b), 0n);
        parts.forEach((p, i) => {
          const weight = BigInt(w[i] ?? 0);
          // |p − total·w/W| < 1  ⇔  |p·W − total·w| < W
          const diff = BigInt(p) * sum - BigInt(total) * weight;
          expect(diff < 0n ? -diff : diff).toBeLessThan(sum);
          if (weight === 0n) expect(p).toBe(0);
        });
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it(`allocation is sign-symmetric and monotonic in the weights (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(smallMinor, weights, (total, w) => {
        const parts = allocate(total, w);
        const negated = allocate(-total, w);
        const symmetric = negated.every((p, i) => p === -(parts[i] ?? 0) || (p === 0 && parts[i] === 0));
        const abs = allocate(Math.abs(total), w);
        let monotonic = true;
        for (let i = 0; i < w.length; i++) {
          for (let j = 0; j < w.length; j++) {
            if ((w[i] ?? 0) > (w[j] ?? 0) && (abs[i] ?? 0) < (abs[j] ?? 0)) monotonic = false;
          }
        }
        return symmetric && monotonic;
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it(`splitEvenly gives parts differing by at most one, largest first, summing to the total (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(minor, fc.integer({ min: 1, max: 200 }), (total, n) => {
        const parts = splitEvenly(total, n);
        const sum = parts.reduce((a, b) => a + BigInt(b), 0n);
        const max = Math.max(...parts);
        const min = Math.min(...parts);
        const magnitudes = parts.map(Math.abs);
        const ordered = magnitudes.every((m, i) => i === 0 || (magnitudes[i - 1] ?? 0) >= m);
        return parts.length === n && sum === BigInt(total) && max - min <= 1 && ordered;
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
