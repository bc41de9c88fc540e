import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors';
import { addDays, assertCalendarDate, calendarDate, daysBetween, epochDay, fromEpochDay, isCalendarDate } from '../../../../shared/domain/ledger';

describe('calendar dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2024-04-31', false],
    ['2024-12-31', true],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['2024-1-01', false],
    ['24-01-01', false],
    ['2024-01-01T00:00:00Z', false],
    [' 2024-01-01', false],
    ['1899-12-31', false],
    ['1900-01-01', true],
    ['2999-12-31', true],
    ['3000-01-01', false],
  ])('%j is a calendar date: %s', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });

  it('builds dates from parts, refusing impossible ones', () => {
    expect(calendarDate(2024, 2, 29)).toBe('2024-02-29');
    expect(calendarDate(2023, 2, 29)).toBeUndefined();
    expect(calendarDate(2024, 1.5, 1)).toBeUndefined();
  });

  it('counts days exactly', () => {
    expect(epochDay('1970-01-01')).toBe(0);
    expect(epochDay('1969-12-31')).toBe(-1);
    expect(epochDay('2000-03-01')).toBe(11017);
    expect(daysBetween('2024-02-27', '2024-03-01')).toBe(3);
    expect(daysBetween('2023-02-27', '2023-03-01')).toBe(2);
    expect(addDays('2024-12-30', 3)).toBe('2025-01-02');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('refuses invalid dates with a ValidationError naming the path', () => {
    expect(() => epochDay('2023-02-29')).toThrow(ValidationError);
    expect(() => assertCalendarDate('nope', 'splits[0].date')).toThrow('splits[0].date must be a real calendar date');
  });

  it('agrees with Date.UTC and round-trips through epoch days (10,000 runs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: epochDay('1900-01-01'), max: epochDay('2999-12-31') }), (day) => {
        const date = fromEpochDay(day);
        return isCalendarDate(date) && epochDay(date) === day && new Date(day * 86_400_000).toISOString().slice(0, 10) === date;
      }),
      { numRuns: 10_000 },
    );
  }, 60_000);
});
