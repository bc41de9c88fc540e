import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseOfx, toCsv, type ExportRow, type ImportRow } from '../../../../shared/domain/import';
import { CURRENCY_CODES } from '../../../../shared/domain/money';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/imports/${name}`, import.meta.url), 'utf8');

/** The row without its position in the file, as the exporter takes it. */
function strip({ row: _row, splits: _splits, account: _account, ...rest }: ImportRow): ExportRow {
  return rest;
}

describe('toCsv', () => {
  it('writes RFC 4180 CSV with the import header and plain decimals', () => {
    // Act
    const csv = toCsv([
      { date: '2024-01-31', amount: -123456, currency: 'USD', description: 'WHOLE FOODS, AUSTIN', payee: 'Whole "Foods"', memo: 'line 1\nline 2' },
      { date: '2024-02-01', amount: 1000, currency: 'JPY', description: '=HYPERLINK("http://x")', category: 'food.groceries', bankId: 'F-1' },
      { date: '2024-02-02', amount: -1, currency: 'BHD', description: ' padded ' },
    ]);
    // Assess
    expect(csv).toBe(
      'Date,Amount,Currency,Description,Payee,Memo,Category,Bank ID\r\n' +
        '2024-01-31,-1234.56,USD,"WHOLE FOODS, AUSTIN","Whole ""Foods""","line 1\nline 2",,\r\n' +
        `2024-02-01,1000,JPY,"'=HYPERLINK(""http://x"")",,,food.groceries,F-1\r\n` +
        '2024-02-02,-0.001,BHD," padded ",,,,\r\n',
    );
  });

  it('round-trips the fixtures: export → import gives the same rows', () => {
    for (const [name, parse] of [
      ['us-bank-checking.csv', (t: string) => parseCsv(t, { currency: 'USD' })],
      ['de-bank-giro.csv', (t: string) => parseCsv(t, { currency: 'EUR' })],
      ['nl-bank-ing.csv', (t: string) => parseCsv(t, { currency: 'EUR' })],
      ['credit-card-2.2.ofx', (t: string) => parseOfx(t)],
    ] as const) {
      // Prepare
      const original = parse(fixture(name)).rows.map(strip);
      // Act
      const back = parseCsv(toCsv(original));
      // Assess
      expect(back.errors, name).toEqual([]);
      expect(back.rows.map(strip), name).toEqual(original);
      const lines = back.rows.map((r) => r.row);
      expect(lines[0], name).toBe(2);
      expect(lines.every((line, i) => i === 0 || line > (lines[i - 1] ?? 0)), name).toBe(true);
    }
  });

  it('round-trips with a semicolon delimiter too', () => {
    const rows: ExportRow[] = [
      { date: '2024-01-01', amount: -1234, currency: 'BHD', description: 'A;B' },
      { date: '2024-01-02', amount: 5, currency: 'EUR', description: 'C' },
    ];
    expect(parseCsv(toCsv(rows, { delimiter: ';' })).rows.map(strip)).toEqual(rows);
  });

  it('round-trips any rows: export → parse → same rows (1,000 files of up to 20 rows)', () => {
    const text = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .map((s) => s.replace(/\s+/g, ' ').trim())
      .filter((s) => s !== '');
    const row: fc.Arbitrary<ExportRow> = fc
      .record({
        date: fc.integer({ min: 0, max: 365 * 100 }).map((d) => new Date(Date.UTC(1950, 0, 1 + d)).toISOString().slice(0, 10)),
        // Amounts up to the ceiling the ledger accepts per amount (10^13 minor units).
        amount: fc.integer({ min: -(10 ** 13), max: 10 ** 13 }),
        currency: fc.constantFrom(...CURRENCY_CODES),
        description: fc.oneof(text, fc.constantFrom('=SUM(A1:A2)', '+1', '-x', '@cmd', "'=quoted", 'a,b', '"quoted"', 'Café Müller')),
        payee: fc.option(text, { nil: undefined }),
        memo: fc.option(fc.string({ maxLength: 40 }).map((s) => s.replace(/\r\n?/g, '\n').trim()), { nil: undefined }),
        category: fc.option(text, { nil: undefined }),
        bankId: fc.option(fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/), { nil: undefined }),
      })
      .map((r) => {
        const out: ExportRow = { date: r.date, amount: r.amount === 0 ? 0 : r.amount, currency: r.currency, description: r.description };
        if (r.payee) out.payee = r.payee;
        if (r.memo) out.memo = r.memo;
        if (r.category) out.category = r.category;
        if (r.bankId) out.bankId = r.bankId;
        return out;
      });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
        const back = parseCsv(toCsv(rows));
        expect(back.errors).toEqual([]);
        expect(back.rows.map(strip)).toEqual(rows);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
});
