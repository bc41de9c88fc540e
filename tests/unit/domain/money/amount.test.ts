import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors';
import { assertMinor, formatAmount, fromBigMinor, isMinor, parseAmount, sumMinor } from '../../../../shared/domain/money';

describe('parseAmount', () => {
  it.each([
    ['1,234.56', 'USD', {}, 123456],
    ['1.234,56', 'EUR', {}, 123456],
    ['-12.5', 'USD', {}, -1250],
    ['+12.5', 'USD', {}, 1250],
    ['(12.50)', 'USD', {}, -1250],
    ['( 12.50 )', 'USD', {}, -1250],
    ['12.50-', 'USD', {}, -1250],
    ['−12.50', 'EUR', {}, -1250],
    ['€ 12', 'EUR', {}, 1200],
    ['12 €', 'EUR', {}, 1200],
    ['-€12.30', 'EUR', {}, -1230],
    ['€-12.30', 'EUR', {}, -1230],
    ['$1,234.56', 'USD', {}, 123456],
    ['EUR 12,50', 'EUR', {}, 1250],
    ['12.00 usd', 'USD', {}, 1200],
    ['12.50 DR', 'USD', {}, -1250],
    ['12.50 CR', 'USD', {}, 1250],
    ['1 234,56', 'EUR', {}, 123456],
    ['1\u00a0234,56', 'EUR', {}, 123456],
    ['1\u202f234,56', 'EUR', {}, 123456],
    ["1'234.56", 'CHF', {}, 123456],
    ['12,34,567.89', 'INR', {}, 123456789],
    ['1.234.567', 'EUR', {}, 123456700],
    ['1,234,567', 'USD', {}, 123456700],
    ['1,234', 'USD', {}, 123400],
    ['12,5', 'EUR', {}, 1250],
    ['0,1234', 'CLF', {}, 1234],
    ['12.500', 'USD', {}, 1250],
    ['12.5000000', 'EUR', {}, 1250],
    ['1.234', 'BHD', {}, 1234],
    ['1,234', 'BHD', { decimalSeparator: ',' }, 1234],
    ['1000', 'JPY', {}, 1000],
    ['1,000', 'JPY', {}, 1000],
    ['1.000', 'JPY', { decimalSeparator: ',' }, 1000],
    ['1000.00', 'JPY', {}, 1000],
    ['¥1,000', 'JPY', {}, 1000],
    ['.5', 'USD', {}, 50],
    ['12.', 'USD', {}, 1200],
    ['0', 'USD', {}, 0],
    ['-0.00', 'USD', {}, 0],
    ['007.10', 'USD', {}, 710],
    ['  42  ', 'USD', {}, 4200],
    ['100000000000.00', 'USD', {}, 10_000_000_000_000],
    ['-100,000,000,000.00', 'USD', {}, -10_000_000_000_000],
    ['1.234,56', 'EUR', { decimalSeparator: ',' }, 123456],
    ['1,234.56', 'USD', { decimalSeparator: '.' }, 123456],
    ['１２.５０', 'USD', {}, 1250],
  ] as const)('reads %j in %s %j as %d', (text, currency, options, expected) => {
    // Act
    const value = parseAmount(text, currency, options);
    // Assess
    expect(value).toBe(expected);
    expect(Object.is(value, -0)).toBe(false);
  });

  it.each([
    ['12.345', 'USD', {}, 'more than 2 decimal places'],
    ['12.3456', 'BHD', {}, 'more than 3 decimal places'],
    ['1.5', 'JPY', {}, 'no minor unit'],
    ['1.234', 'JPY', {}, 'no minor unit'],
    ['', 'USD', {}, 'empty'],
    ['   ', 'USD', {}, 'empty'],
    ['abc', 'USD', {}, 'no digits'],
    ['-', 'USD', {}, 'no digits'],
    ['1,2,3', 'USD', {}, 'thousands separators'],
    ['12,50', 'USD', { decimalSeparator: '.' }, 'thousands separators'],
    ['12.50', 'EUR', { decimalSeparator: ',' }, 'thousands separators'],
    ['1.234,56', 'EUR', { decimalSeparator: '.' }, 'after the decimal point'],
    ['1,2.3', 'USD', {}, 'thousands separators'],
    ['1.2.3,4.5', 'USD', {}, 'more than one decimal separator'],
    ['--1', 'USD', {}, 'more than one sign'],
    ['-12-', 'USD', {}, 'more than one sign'],
    ['(-1)', 'USD', {}, 'sign inside parentheses'],
    ['(12', 'USD', {}, 'unexpected'],
    ['€ 12', 'USD', {}, 'the symbol € is not USD'],
    ['CHF 12', 'USD', {}, 'names CHF, not USD'],
    ['€ 12 EUR', 'EUR', {}, 'more than once'],
    ['1e5', 'USD', {}, 'unexpected'],
    ['12 apples', 'USD', {}, 'unexpected'],
    ['0x10', 'USD', {}, 'unexpected'],
    ['Infinity', 'USD', {}, 'no digits'],
    ['NaN', 'USD', {}, 'no digits'],
    ['100000000000.01', 'USD', {}, 'ceiling of 10,000,000,000,000'],
    ['90071992547409.91', 'USD', {}, 'ceiling of 10,000,000,000,000'],
    ['10000000000001', 'JPY', {}, 'ceiling of 10,000,000,000,000'],
    ['1'.repeat(65), 'USD', {}, 'too long'],
  ] as const)('refuses %j in %s %j (%s)', (text, currency, options, why) => {
    // Act
    const act = () => parseAmount(text, currency, options);
    // Assess
    expect(act).toThrow(ValidationError);
    expect(act).toThrow(why);
  });

  it('names the text and the currency in its error, on the amount path', () => {
    // Act
    let error: unknown;
    try {
      parseAmount('12.345', 'USD');
    } catch (e) {
      error = e;
    }
    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe('"12.345" is not an amount in USD: more than 2 decimal places');
    expect((error as ValidationError).errors).toEqual([{ path: 'amount', message: (error as ValidationError).message }]);
  });

  it('refuses an unknown currency', () => {
    expect(() => parseAmount('1', 'XYZ')).toThrow('not an ISO 4217 currency code');
  });
});

describe('formatAmount', () => {
  it.each([
    [1234, 'USD', '12.34'],
    [-5, 'EUR', '-0.05'],
    [5, 'EUR', '0.05'],
    [0, 'EUR', '0.00'],
    [1000, 'JPY', '1000'],
    [-1000, 'JPY', '-1000'],
    [0, 'JPY', '0'],
    [1234, 'BHD', '1.234'],
    [1, 'BHD', '0.001'],
    [1, 'CLF', '0.0001'],
    [123456789, 'INR', '1234567.89'],
    [Number.MAX_SAFE_INTEGER, 'USD', '90071992547409.91'],
    [-Number.MAX_SAFE_INTEGER, 'KWD', '-9007199254740.991'],
  ] as const)('writes %d %s as %j', (minor, currency, expected) => {
    expect(formatAmount(minor, currency)).toBe(expected);
  });

  it('writes -0 as zero', () => {
    expect(formatAmount(-0, 'USD')).toBe('0.00');
  });

  it.each([1.5, NaN, Infinity, 2 ** 53, -(2 ** 53)])('refuses %d', (minor) => {
    expect(() => formatAmount(minor, 'USD')).toThrow(ValidationError);
  });
});

describe('sumMinor', () => {
  it('adds exactly', () => {
    expect(sumMinor([1, 2, 3])).toBe(6);
    expect(sumMinor([])).toBe(0);
    expect(sumMinor(new Set([10, -3]))).toBe(7);
    expect(sumMinor([Number.MAX_SAFE_INTEGER, 1, -2])).toBe(Number.MAX_SAFE_INTEGER - 1);
    expect(sumMinor([-Number.MAX_SAFE_INTEGER, -1, 2])).toBe(-Number.MAX_SAFE_INTEGER + 1);
  });

  it.each([[[1, 0.5]], [[1, NaN]], [[Infinity]], [[2 ** 53]], [['1' as unknown as number]]])('refuses non-integers %j', (values) => {
    expect(() => sumMinor(values)).toThrow(ValidationError);
  });

  it('names the offending position', () => {
    expect(() => sumMinor([1, 2, 0.1])).toThrow('amounts[2]');
  });

  it('refuses a total outside the safe-integer range', () => {
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow('too large');
    expect(() => sumMinor([-Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER])).toThrow('too large');
  });
});

describe('isMinor / assertMinor / fromBigMinor', () => {
  it('accepts safe integers only', () => {
    expect(isMinor(0)).toBe(true);
    expect(isMinor(-12)).toBe(true);
    expect(isMinor(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(isMinor(-0)).toBe(false);
    expect(isMinor(0.1)).toBe(false);
    expect(isMinor(2 ** 53)).toBe(false);
    expect(isMinor('1')).toBe(false);
    expect(assertMinor(-0)).toBe(0);
    expect(() => assertMinor(1.5, 'splits[0].amount')).toThrow('splits[0].amount must be an integer');
  });

  it('converts BigInt back only within range', () => {
    expect(fromBigMinor(-12n)).toBe(-12);
    expect(Object.is(fromBigMinor(-0n), -0)).toBe(false);
    expect(() => fromBigMinor(2n ** 53n)).toThrow(ValidationError);
  });
});
