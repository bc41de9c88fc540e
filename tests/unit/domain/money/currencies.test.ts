import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors';
import { CURRENCY_CODES, currencyInfo, exponentOf, isCurrency, knownCurrenciesOnly } from '../../../../shared/domain/money';

describe('ISO 4217 table', () => {
  it('has every active currency with a minor unit, each a three-letter upper-case code', () => {
    // Prepare
    const codes = CURRENCY_CODES;
    // Act
    const malformed = codes.filter((c) => !/^[A-Z]{3}$/.test(c));
    // Assess
    expect(codes.length).toBeGreaterThanOrEqual(150);
    expect(malformed).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of ['USD', 'EUR', 'GBP', 'CHF', 'CNY', 'INR', 'BRL', 'ZAR', 'TRY', 'XOF', 'XCD', 'SLE', 'VES', 'ZWG', 'XCG']) {
      expect(isCurrency(code), code).toBe(true);
    }
  });

  it.each([
    ['zero', 0, ['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']],
    ['three', 3, ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']],
    ['four', 4, ['CLF', 'UYW']],
  ])('gives exactly these currencies %s decimals', (_label, exponent, expected) => {
    // Act
    const actual = CURRENCY_CODES.filter((c) => currencyInfo(c).exponent === exponent);
    // Assess
    expect(actual).toEqual(expected);
  });

  it('gives most currencies two decimals', () => {
    // Act
    const others = CURRENCY_CODES.filter((c) => currencyInfo(c).exponent !== 2);
    // Assess
    expect(others.length).toBe(26);
    expect(exponentOf('EUR')).toBe(2);
    expect(exponentOf('USD')).toBe(2);
    expect(exponentOf('IDR')).toBe(2);
    expect(exponentOf('HUF')).toBe(2);
  });

  it('names each currency', () => {
    // Act
    const info = currencyInfo('CHF');
    // Assess
    expect(info).toEqual({ code: 'CHF', exponent: 2, name: 'Swiss Franc' });
    expect(CURRENCY_CODES.every((c) => currencyInfo(c).name.length > 0)).toBe(true);
  });

  it.each(['eur', 'XAU', 'XDR', 'XXX', 'HRK', 'DEM', 'ABC', '', 'EURO', 'toString', '__proto__'])('does not know %j', (code) => {
    // Act + Assess
    expect(isCurrency(code)).toBe(false);
    expect(() => exponentOf(code)).toThrow(ValidationError);
  });

  it('refuses non-strings', () => {
    expect(isCurrency(undefined)).toBe(false);
    expect(isCurrency(978)).toBe(false);
    expect(isCurrency(null)).toBe(false);
  });

  it('keeps only the known codes of a per-currency map', () => {
    expect(knownCurrenciesOnly({ USD: '1.10', HRK: '7.53', JPY: '160', XDR: '0.8', eur: '1' })).toEqual({ USD: '1.10', JPY: '160' });
    expect(knownCurrenciesOnly({})).toEqual({});
  });
});
