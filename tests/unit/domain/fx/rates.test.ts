import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors';
import { convert, parseEcbHistory, pickCrossRate, pickRate, rateSeries, rational, type DatedRates } from '../../../../shared/domain/fx';

const excerpt = readFileSync(new URL('./ecb-excerpt.csv', import.meta.url), 'utf8');
/** The full ECB file ships in the workspace's shared data folder, beside the repository. */
const fullPath = fileURLToPath(new URL('../../../../../shared/data/ecb-eurofxref-hist.csv', import.meta.url));

describe('pickRate', () => {
  const ascending = [
    { date: '2024-03-25', rate: 'a' },
    { date: '2024-03-26', rate: 'b' },
    { date: '2024-03-28', rate: 'c' },
    { date: '2024-04-02', rate: 'd' },
    { date: '2024-04-10', rate: 'e' },
  ];
  const descending = [...ascending].reverse();

  it.each([
    ['2024-03-26', 'b'], // published that day
    ['2024-03-27', 'b'], // the day after: the latest before it
    ['2024-03-31', 'c'], // Easter Sunday: Thursday's rate
    ['2024-04-01', 'c'], // Easter Monday: still Thursday's (4 days old)
    ['2024-04-09', 'd'], // 7 days old: still usable
    ['2024-04-10', 'e'],
    ['2030-01-01', undefined], // far too old
    ['2024-04-12', 'e'],
    ['2024-03-24', undefined], // before the series
  ])('on %s picks %s (both orders)', (date, expected) => {
    expect(pickRate(ascending, date)?.rate).toBe(expected);
    expect(pickRate(descending, date)?.rate).toBe(expected);
  });

  it('refuses a rate more than maxAgeDays old', () => {
    expect(pickRate(ascending, '2024-04-09', 6)).toBeUndefined();
    expect(pickRate(ascending, '2024-04-03', 0)).toBeUndefined();
    expect(pickRate(ascending, '2024-04-02', 0)?.rate).toBe('d');
    expect(pickRate(ascending, '2024-04-17', 7)?.rate).toBe('e');
    expect(pickRate(ascending, '2024-04-18', 7)).toBeUndefined();
  });

  it('handles empty and single-entry series', () => {
    expect(pickRate([], '2024-01-01')).toBeUndefined();
    expect(pickRate([{ date: '2024-01-01' }], '2024-01-03')).toEqual({ date: '2024-01-01' });
  });

  it('refuses an invalid date or age', () => {
    expect(() => pickRate(ascending, '2024-02-30')).toThrow(ValidationError);
    expect(() => pickRate(ascending, '2024-03-26', -1)).toThrow('maxAgeDays');
    expect(() => pickRate(ascending, '2024-03-26', 1.5)).toThrow('maxAgeDays');
  });

  it('is a binary search: 100,000 lookups in a 10,000-day series take well under a second', () => {
    // Prepare
    const series = Array.from({ length: 10_000 }, (_, i) => ({ date: new Date(Date.UTC(1990, 0, 1 + i)).toISOString().slice(0, 10), rate: String(i) }));
    const started = performance.now();
    // Act
    let found = 0;
    for (let i = 0; i < 100_000; i++) if (pickRate(series, series[(i * 7919) % series.length]?.date ?? '2000-01-01')) found++;
    // Assess
    expect(found).toBe(100_000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('parseEcbHistory', () => {
  it('reads the ECB layout: newest first, N/A skipped, trailing comma', () => {
    // Act
    const days = parseEcbHistory(excerpt);
    // Assess
    expect(days).toHaveLength(13);
    expect(days[0]?.date).toBe('2025-05-09');
    expect(days[0]?.rates.USD).toBe('1.1252');
    expect(days[0]?.rates.JPY).toBe('163.36');
    expect(days[0]?.rates).not.toHaveProperty('CYP');
    expect(Object.keys(days[0]?.rates ?? {})).toHaveLength(30);
    const first = days[days.length - 1];
    expect(first?.date).toBe('1999-01-04');
    expect(first?.rates.CYP).toBe('0.58231');
    expect(first?.rates).not.toHaveProperty('BGN');
    expect(first?.rates.ROL).toBe('13111');
  });

  it('refuses files in another shape, naming the line', () => {
    expect(() => parseEcbHistory('Day,USD,\n2024-01-01,1.1,\n')).toThrow('line 1');
    expect(() => parseEcbHistory('Date,USD,\n2024-13-01,1.1,\n')).toThrow('line 2');
    expect(() => parseEcbHistory('Date,USD,\n2024-01-01,abc,\n')).toThrow('USD "abc" is not a positive rate');
    expect(() => parseEcbHistory('Date,USD,\n2024-01-01,0,\n')).toThrow('not a positive rate');
    expect(() => parseEcbHistory('Date,USD,\n2024-01-01,1.1,2.2,\n')).toThrow('more cells');
    expect(() => parseEcbHistory('Date,usd,\n')).toThrow('not a currency code');
  });

  it('accepts a BOM, CRLF and blank lines', () => {
    const days = parseEcbHistory('\uFEFFDate,USD,JPY,\r\n2024-01-02,1.0956,155.68,\r\n\r\n2024-01-01,N/A,,\r\n');
    expect(days).toEqual([
      { date: '2024-01-02', rates: { USD: '1.0956', JPY: '155.68' } },
      { date: '2024-01-01', rates: {} },
    ]);
  });
});

describe('rateSeries and pickCrossRate on ECB data', () => {
  const days = parseEcbHistory(excerpt);

  it('builds a per-currency series without the days it has no rate', () => {
    const cyp = rateSeries(days, 'CYP');
    expect(cyp.map((d) => d.date)).toEqual(['1999-01-05', '1999-01-04']);
    expect(pickRate(cyp, '2024-01-01')).toBeUndefined();
  });

  it('picks Friday’s rate for a Saturday, crossing USD → JPY exactly', () => {
    // Act
    const picked = pickCrossRate(days, '2025-05-10', 'USD', 'JPY');
    // Assess
    expect(picked?.date).toBe('2025-05-09');
    expect(picked?.rate).toEqual(rational(408400n, 2813n));
    expect(convert(10000, 'USD', 'JPY', picked?.rate ?? rational(0n))).toBe(14518);
  });

  it('covers the Easter closure and gives up after 7 days', () => {
    expect(pickCrossRate(days, '2024-04-01', 'EUR', 'GBP')?.date).toBe('2024-03-28');
    expect(pickCrossRate(days, '2024-04-15', 'EUR', 'GBP')).toBeUndefined();
    expect(pickCrossRate(days, '2025-05-09', 'EUR', 'EUR')).toEqual({ date: '2025-05-09', rate: rational(1n) });
  });

  it('walks back to a day that has both currencies, within the age limit', () => {
    // Prepare: the newest day lacks JPY
    const gappy: DatedRates[] = [
      { date: '2024-01-05', rates: { USD: '1.09' } },
      { date: '2024-01-04', rates: { USD: '1.10', JPY: '158.00' } },
    ];
    // Act + Assess
    expect(pickCrossRate(gappy, '2024-01-05', 'USD', 'JPY')?.date).toBe('2024-01-04');
    expect(pickCrossRate(gappy, '2024-01-05', 'USD', 'JPY', 0)).toBeUndefined();
    expect(pickCrossRate([...gappy].reverse(), '2024-01-05', 'USD', 'JPY')?.date).toBe('2024-01-04');
    expect(pickCrossRate(gappy, '2024-01-05', 'USD', 'CHF')).toBeUndefined();
  });
});

describe.skipIf(!existsSync(fullPath))('the full ECB history file', () => {
  it('parses all 6,747 days quickly, newest first, with sane rates', () => {
    // Prepare
    const text = readFileSync(fullPath, 'utf8');
    const started = performance.now();
    // Act
    const days = parseEcbHistory(text);
    const elapsed = performance.now() - started;
    // Assess
    expect(days).toHaveLength(6747);
    expect(days[0]).toMatchObject({ date: '2025-05-09', rates: { USD: '1.1252' } });
    expect(days[days.length - 1]?.date).toBe('1999-01-04');
    expect(days.every((d, i) => i === 0 || (days[i - 1]?.date ?? '') > d.date)).toBe(true);
    expect(days.every((d) => Object.keys(d.rates).length > 0)).toBe(true);
    expect(elapsed).toBeLessThan(2000);
    const usd = rateSeries(days, 'USD');
    expect(usd).toHaveLength(6747);
    expect(pickRate(usd, '2025-05-11')?.rate).toBe('1.1252');
    expect(pickRate(usd, '2025-05-16')?.rate).toBe('1.1252');
    expect(pickRate(usd, '2025-05-17')).toBeUndefined();
  });
});
