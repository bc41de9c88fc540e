import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMonths, isMonth, MAX_MONTHS, monthDiff, monthOf, monthsBetween } from '../../../../shared/domain/analytics';
import { ValidationError } from '../../../../shared/domain/errors';

describe('monthsBetween', () => {
  it('lists every month of the range, both ends included, across a year end', () => {
    expect(monthsBetween('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthsBetween('2024-03', '2024-03')).toEqual(['2024-03']);
  });

  it('allows at most 120 months', () => {
    expect(monthsBetween('2015-01', '2024-12')).toHaveLength(MAX_MONTHS);
    expect(() => monthsBetween('2014-12', '2024-12')).toThrow(ValidationError);
  });

  it('refuses a reversed range and malformed months, naming the parameter', () => {
    const problem = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ValidationError ? e.errors[0]?.path : 'not a ValidationError';
      }
      return 'no error';
    };
    expect(problem(() => monthsBetween('2024-03', '2024-02'))).toBe('to');
    expect(problem(() => monthsBetween('2024-3', '2024-04'))).toBe('from');
    expect(problem(() => monthsBetween('2024-01', '2024-13'))).toBe('to');
    expect(problem(() => monthsBetween('2024-00', '2024-01'))).toBe('from');
    expect(problem(() => monthsBetween('1899-12', '1900-01'))).toBe('from');
    expect(problem(() => monthsBetween('2024-01-01', '2024-02'))).toBe('from');
  });

  it('agrees with addMonths and monthDiff for any range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2900 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: MAX_MONTHS - 1 }), (y, m, n) => {
        const from = `${y}-${String(m).padStart(2, '0')}`;
        const to = addMonths(from, n);
        const list = monthsBetween(from, to);
        expect(list).toHaveLength(n + 1);
        expect(monthDiff(from, to)).toBe(n);
        expect(list.every(isMonth)).toBe(true);
        expect([...list].sort()).toEqual(list);
        expect(addMonths(to, -n)).toBe(from);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('month helpers', () => {
  it('takes the month of a date and moves across years', () => {
    expect(monthOf('2024-02-29')).toBe('2024-02');
    expect(() => monthOf('29.02.2024')).toThrow(ValidationError);
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2023-12', 1)).toBe('2024-01');
    expect(addMonths('2024-05', 24)).toBe('2026-05');
    expect(() => addMonths('1900-01', -1)).toThrow(ValidationError);
    expect(() => addMonths('2024-01', 1.5)).toThrow(ValidationError);
  });
});
