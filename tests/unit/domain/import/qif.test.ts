import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseQifDate, parseQif } from '../../../../shared/domain/import';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/imports/${name}`, import.meta.url), 'utf8');

describe('parseQif', () => {
  it('reads a bank QIF: mixed date styles, T/U amounts, payee, memo, category, transfer, folded splits', () => {
    // Act
    const { rows, errors, accountType, dateOrder } = parseQif(fixture('bank.qif'), { currency: 'USD' });
    // Assess
    expect(errors).toEqual([]);
    expect(accountType).toBe('Bank');
    expect(dateOrder).toBe('mdy');
    expect(rows).toEqual([
      { row: 2, date: '2024-01-02', amount: -450, currency: 'USD', description: 'STARBUCKS STORE #12345', payee: 'STARBUCKS STORE #12345', memo: 'Morning coffee', category: 'Food:Coffee' },
      { row: 9, date: '2024-01-03', amount: 285000, currency: 'USD', description: 'ACME Corp Payroll', payee: 'ACME Corp Payroll', category: 'Salary' },
      {
        row: 14,
        date: '2024-01-15',
        amount: -123456,
        currency: 'USD',
        description: 'Costco Wholesale',
        payee: 'Costco Wholesale',
        memo: 'Monthly shopping',
        category: 'Groceries',
        splits: [
          { category: 'Groceries', memo: 'Food', amount: -100000 },
          { category: 'Household', memo: 'Paper towels etc', amount: -23456 },
        ],
      },
      { row: 27, date: '2024-01-20', amount: -120000, currency: 'USD', description: 'Landlord LLC', payee: 'Landlord LLC', category: '[Savings]' },
      { row: 33, date: '2024-01-31', amount: -1200, currency: 'USD', description: 'Monthly Service Fee', payee: 'Monthly Service Fee' },
    ]);
  });

  it('reads day-first files, found from the data or given', () => {
    const text = '!Type:CCard\nD31/01/2024\nT-10.00\nPShop\n^\nD01/02/2024\nT-5.00\nPShop\n^\n';
    expect(parseQif(text, { currency: 'GBP' }).rows.map((r) => r.date)).toEqual(['2024-01-31', '2024-02-01']);
    const ambiguous = '!Type:Bank\nD01/02/2024\nT-5.00\nPShop\n^\n';
    expect(parseQif(ambiguous, { currency: 'GBP' }).errors[0]?.message).toContain('Cannot tell the date format');
    expect(parseQif(ambiguous, { currency: 'GBP', dateFormat: 'dd/mm/yyyy' }).rows[0]?.date).toBe('2024-02-01');
  });

  it('reads European amounts with a decimal comma', () => {
    const { rows, decimalSeparator } = parseQif('!Type:Bank\nD31.01.2024\nT-1.234,56\nPMiete\n^\n', { currency: 'EUR' });
    expect(decimalSeparator).toBe(',');
    expect(rows[0]?.amount).toBe(-123456);
  });

  it('sums splits when the total is missing, and describes by number or category when there is no payee', () => {
    const { rows } = parseQif('!Type:Cash\nD2024-03-01\nN1043\nSA\n$-1.00\nSB\n$-2.50\n^\nD2024-03-02\nT-4.00\nLFood\n^\n', { currency: 'USD' });
    expect(rows.map((r) => [r.amount, r.description])).toEqual([
      [-350, 'Check 1043'],
      [-400, 'Food'],
    ]);
  });

  it('skips account lists, category lists and investment records, and keeps a last record without ^', () => {
    const text = [
      '!Option:AutoSwitch',
      '!Account',
      'NChecking',
      'TBank',
      '^',
      '!Clear:AutoSwitch',
      '!Type:Cat',
      'NFood',
      'E',
      '^',
      '!Type:Invst',
      'D1/2/24',
      'NBuy',
      'YACME',
      'T100.00',
      '^',
      '!Type:Bank',
      'D1/13/24',
      'T-1.00',
      'PLast',
    ].join('\r\n');
    const { rows, errors } = parseQif(text, { currency: 'USD' });
    expect(rows).toEqual([{ row: 18, date: '2024-01-13', amount: -100, currency: 'USD', description: 'Last', payee: 'Last' }]);
    expect(errors).toEqual([{ row: 0, message: 'Investment account records (!Type:Invst) are not imported.' }]);
  });

  it('reports records it cannot read with their line', () => {
    const { rows, errors } = parseQif('!Type:Bank\nT-1.00\nPNo date\n^\nD01/15/2024\nPNo amount\n^\nD01/16/2024\nT-1.005\nPToo precise\n^\nD02/30/2024\nT-1\nPBad date\n^\nD01/17/2024\nT-1\n^\nD01/18/2024\nT-2\nPGood\n^\n', { currency: 'USD' });
    expect(rows.map((r) => r.description)).toEqual(['Good']);
    expect(errors).toEqual([
      { row: 2, message: 'The record has no date (D line).' },
      { row: 5, message: 'The record has no amount (T line).' },
      { row: 8, message: 'amount: "-1.005" is not an amount in USD: more than 2 decimal places' },
      { row: 12, message: '"02/30/2024" is not a date (expected month/day/year).' },
      { row: 16, message: 'The record has no payee, memo or number to describe it.' },
    ]);
  });

  it('needs a known currency', () => {
    expect(parseQif('!Type:Bank\n', { currency: 'usd' }).errors[0]?.message).toContain('ISO 4217');
  });

  it.each([
    ["1/31'24", '1/31/2024'],
    ["1/31' 4", '1/31/2004'],
    [' 1/ 5/24', '1/5/24'],
    ['01/31/2024', '01/31/2024'],
    ["31.01'24", '31.01.2024'],
  ])('tidies the Quicken date %j to %j', (text, expected) => {
    expect(normaliseQifDate(text)).toBe(expected);
  });
});
