import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors';
import { convert, convertWithTable, crossRate, invertRate, parseRate, rational, roundHalfEven } from '../../../../shared/domain/fx';

describe('convert', () => {
  it.each([
    // 10.00 EUR × 1.1252 = 11.252 USD → 11.25
    [1000, 'EUR', 'USD', '1.1252', 1125],
    // 100.00 EUR × 163.36 = 16336 JPY
    [10000, 'EUR', 'JPY', '163.36', 16336],
    // 1 JPY → 0.0069 EUR: rounds to 0.01 EUR? 0.69 cents → 1 cent
    [1, 'JPY', 'EUR', invertRate('144.5'), 1],
    // 1234 JPY at 0.002623 BHD/JPY = 3.236782 BHD → 3.237 (exponents 0 → 3)
    [1234, 'JPY', 'BHD', '0.002623', 3237],
    // 3.237 BHD at 381.25 JPY/BHD = 1234.10… JPY → 1234 (exponents 3 → 0)
    [3237, 'BHD', 'JPY', '381.25', 1234],
    // ties go to even: 0.125 → 0.12, 0.135 → 0.14
    [125, 'USD', 'EUR', '0.1', 12],
    [135, 'USD', 'EUR', '0.1', 14],
    [-125, 'USD', 'EUR', '0.1', -12],
    [-135, 'USD', 'EUR', '0.1', -14],
    [0, 'USD', 'KWD', '0.3071', 0],
    // 1.0000 CLF at 38000.5 CLP per CLF
    [10000, 'CLF', 'CLP', '38000.5', 38000],
    [10001, 'CLF', 'CLP', '38000.5', 38004],
  ] as const)('converts %d %s to %s at %s → %d', (minor, from, to, rate, expected) => {
    // Act
    const result = convert(minor, from, to, rate);
    // Assess
    expect(result).toBe(expected);
    expect(Object.is(result, -0)).toBe(false);
  });

  it('refuses bad input', () => {
    expect(() => convert(1.5, 'EUR', 'USD', '1.1')).toThrow(ValidationError);
    expect(() => convert(100, 'EUR', 'XYZ', '1.1')).toThrow('ISO 4217');
    expect(() => convert(100, 'EUR', 'USD', '0')).toThrow('greater than zero');
    expect(() => convert(100, 'EUR', 'USD', rational(-1n, 2n))).toThrow('greater than zero');
    expect(() => convert(100, 'EUR', 'USD', 'one')).toThrow('plain decimal');
    expect(() => convert(Number.MAX_SAFE_INTEGER, 'EUR', 'IDR', '18606.59')).toThrow('10^13');
    // A ceiling amount at an extreme rate is refused naming the ceiling, never clamped.
    expect(() => convert(10_000_000_000_000, 'EUR', 'IDR', '18606.59')).toThrow('10,000,000,000,000');
    expect(convert(10_000_000_000_000, 'EUR', 'EUR', '1')).toBe(10_000_000_000_000);
  });
});

describe('crossRate', () => {
  const perEur = { USD: '1.1252', JPY: '163.36', GBP: '0.8477', BHD: '0.4232' };

  it('uses the table directly for EUR on either side', () => {
    expect(crossRate(perEur, 'EUR', 'USD')).toEqual(parseRate('1.1252'));
    expect(crossRate(perEur, 'USD', 'EUR')).toEqual(rational(2500n, 2813n));
  });

  it('crosses through EUR exactly, without rounding the intermediate', () => {
    // Act
    const rate = crossRate(perEur, 'USD', 'JPY');
    // Assess: 163.36 / 1.1252 exactly
    expect(rate).toEqual(rational(408400n, 2813n));
  });

  it('rounds once: 0.03 USD → JPY is 4 JPY, where rounding through EUR first would give 5', () => {
    // Prepare: 0.03 × 163.36 / 1.1252 = 4.355… JPY; two roundings: 0.03 USD → 0.03 EUR (0.0266…) → 4.9008 → 5 JPY.
    const usdJpy = crossRate(perEur, 'USD', 'JPY') ?? rational(0n);
    const usdEur = crossRate(perEur, 'USD', 'EUR') ?? rational(0n);
    // Act
    const once = convert(3, 'USD', 'JPY', usdJpy);
    const twice = convert(convert(3, 'USD', 'EUR', usdEur), 'EUR', 'JPY', '163.36');
    // Assess
    expect(once).toBe(4);
    expect(once).toBe(Number(roundHalfEven(3n * 408400n, 2813n * 100n)));
    expect(twice).toBe(5);
  });

  it('returns 1 for the same currency, even when the table lacks it', () => {
    expect(crossRate({}, 'CHF', 'CHF')).toEqual(rational(1n));
  });

  it('never assumes 1:1 for a missing rate', () => {
    expect(crossRate(perEur, 'USD', 'CHF')).toBeUndefined();
    expect(crossRate(perEur, 'CHF', 'EUR')).toBeUndefined();
    expect(crossRate({}, 'constructor', 'EUR')).toBeUndefined();
    expect(convertWithTable(100, 'USD', 'CHF', perEur)).toBeUndefined();
  });

  it('converts with a table in one call', () => {
    expect(convertWithTable(10000, 'USD', 'GBP', perEur)).toBe(7534); // 100 × 0.8477 / 1.1252 = 75.337…
    expect(convertWithTable(10000, 'GBP', 'BHD', perEur)).toBe(49923); // 100 × 0.4232 / 0.8477 = 49.9233…
  });

  it('refuses a malformed rate in the table', () => {
    expect(() => crossRate({ USD: 'N/A' }, 'EUR', 'USD')).toThrow(ValidationError);
  });
});
