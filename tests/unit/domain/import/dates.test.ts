import { describe, expect, it } from 'vitest';
import { dateOrderOf, detectDateOrder, readDate, resolveDate } from '../../../../shared/domain/import';

describe('readDate', () => {
  it.each([
    ['2024-01-31', '2024-01-31'],
    ['2024/1/5', '2024-01-05'],
    ['2024.01.31', '2024-01-31'],
    ['2024-01-31T18:12:00', '2024-01-31'],
    ['2024-01-31 18:12:00', '2024-01-31'],
    ['20240131', '2024-01-31'],
    ['31 Jan 2024', '2024-01-31'],
    ['31-Jan-24', '2024-01-31'],
    ['Jan 31, 2024', '2024-01-31'],
    ['January 5th, 2024', '2024-01-05'],
    ['31. Januar 2024', '2024-01-31'],
    ['5 mars 2024', '2024-03-05'],
    ['5 févr. 2024', '2024-02-05'],
    ['12 okt 2023', '2023-10-12'],
    ['3 ene 2024', '2024-01-03'],
  ])('reads %j at once as %s', (text, expected) => {
    expect(readDate(text)).toEqual({ kind: 'fixed', date: expected });
  });

  it.each([
    ['31/01/2024', 31, 1, 2024, '/'],
    ['01/31/2024', 1, 31, 2024, '/'],
    ['31.01.2024', 31, 1, 2024, '.'],
    ['1-2-24', 1, 2, 2024, '-'],
    ['01/02/99', 1, 2, 1999, '/'],
    ['15.01.24 18:12', 15, 1, 2024, '.'],
  ])('reads %j as numeric, needing an order', (text, first, second, year, separator) => {
    expect(readDate(text)).toEqual({ kind: 'numeric', first, second, year, separator });
  });

  it.each(['', 'yesterday', '2024-02-30', '32/01/2024', '2024-13-01', '1/2', '01/02/2024/03', '31 Foo 2024', '31/01.2024'])('refuses %j', (text) => {
    expect(resolveDate(readDate(text), 'dmy')).toBeUndefined();
  });

  it('resolves numeric dates by order', () => {
    const r = readDate('03/04/2024');
    expect(resolveDate(r, 'dmy')).toBe('2024-04-03');
    expect(resolveDate(r, 'mdy')).toBe('2024-03-04');
    expect(resolveDate(r, undefined)).toBeUndefined();
    expect(resolveDate(readDate('31/01/2024'), 'mdy')).toBeUndefined();
  });
});

describe('detectDateOrder', () => {
  it('finds day-first from a day above 12', () => {
    expect(detectDateOrder(['03/04/2024', '15/04/2024'])).toEqual({ order: 'dmy', source: 'data' });
  });

  it('finds month-first from a day above 12', () => {
    expect(detectDateOrder(['03/04/2024', '04/15/2024'])).toEqual({ order: 'mdy', source: 'data' });
  });

  it('lets unambiguous data win over a stated format', () => {
    expect(detectDateOrder(['04/15/2024'], 'dd/mm/yyyy')).toEqual({ order: 'mdy', source: 'data' });
  });

  it('uses the stated format when the data leave it open', () => {
    expect(detectDateOrder(['03/04/2024', '05/06/2024'], 'mm/dd/yyyy')).toEqual({ order: 'mdy', source: 'format' });
    expect(detectDateOrder(['03/04/2024'], 'dmy')).toEqual({ order: 'dmy', source: 'format' });
  });

  it('takes dotted dates as day-first by convention', () => {
    expect(detectDateOrder(['03.04.2024', '05.06.2024'])).toEqual({ order: 'dmy', source: 'convention' });
  });

  it('reports ambiguity with an example', () => {
    const result = detectDateOrder(['03/04/2024', '05/06/2024']);
    expect(result.order).toBeUndefined();
    expect(result.problem).toContain('03/04/2024');
    expect(result.problem).toContain('dd/mm/yyyy or mm/dd/yyyy');
  });

  it('reports contradicting data unless a format settles it', () => {
    expect(detectDateOrder(['13/01/2024', '01/13/2024']).problem).toContain('contradict');
    expect(detectDateOrder(['13/01/2024', '01/13/2024'], 'dd/mm/yyyy').order).toBe('dmy');
  });

  it('needs no order for ISO dates', () => {
    expect(detectDateOrder(['2024-01-31', 'Jan 5, 2024']).source).toBe('not-needed');
  });

  it('knows the format names', () => {
    expect(dateOrderOf('dd.mm.yyyy')).toBe('dmy');
    expect(dateOrderOf('mm/dd/yyyy')).toBe('mdy');
    expect(dateOrderOf('yyyy-mm-dd')).toBe('ymd');
    expect(dateOrderOf('yyyy-dd-mm')).toBeUndefined();
    expect(dateOrderOf('toString')).toBeUndefined();
  });
});
