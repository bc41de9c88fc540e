import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectDecimalSeparator, detectDelimiter, matchHeader, normaliseHeader, parseCsv } from '../../../../shared/domain/import';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/imports/${name}`, import.meta.url), 'utf8');

describe('parseCsv on bank exports', () => {
  it('reads a US checking export (month-first, signed amounts, quoted commas, trailing commas, CRLF)', () => {
    // Act
    const { rows, errors, layout } = parseCsv(fixture('us-bank-checking.csv'), { currency: 'USD' });
    // Assess
    expect(errors).toEqual([]);
    expect(layout).toMatchObject({ delimiter: ',', dateOrder: 'mdy', decimalSeparator: '.', headerRow: 1 });
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({ row: 2, date: '2024-01-31', amount: -123456, currency: 'USD', description: 'WHOLE FOODS MARKET #10234 AUSTIN TX' });
    expect(rows[2]).toMatchObject({ date: '2024-01-25', amount: 1999, description: 'REFUND: TARGET T-1234 MINNEAPOLIS MN' });
    expect(rows[7]).toMatchObject({ row: 9, amount: -5218, description: 'AMAZON MKTPLACE PMTS, AMZN.COM/BILL WA' });
    expect(rows[8]).toMatchObject({ amount: 285000, description: 'ACME CORP PAYROLL PPD ID: 1234567890' });
    expect(rows.reduce((s, r) => s + r.amount, 0)).toBe(-123456 - 1200 + 1999 - 2500 - 1549 - 3820 - 120000 - 5218 + 285000 - 450);
  });

  it('reads a German giro export (BOM, semicolon, preamble, decimal comma, day-first, payee and purpose, multi-line cell)', () => {
    // Act
    const { rows, errors, layout } = parseCsv(fixture('de-bank-giro.csv'), { currency: 'EUR' });
    // Assess
    expect(errors).toEqual([]);
    expect(layout).toMatchObject({ delimiter: ';', dateOrder: 'dmy', decimalSeparator: ',', headerRow: 7 });
    expect(layout?.header?.[3]).toBe('Auftraggeber / Begünstigter');
    expect(rows.map((r) => r.row)).toEqual([8, 9, 10, 11, 13, 14, 15]);
    expect(rows[0]).toEqual({
      row: 8,
      date: '2024-01-31',
      amount: -8500,
      currency: 'EUR',
      description: 'Stadtwerke München GmbH',
      payee: 'Stadtwerke München GmbH',
      memo: 'Abschlag Strom Januar 2024 Vertragskonto 4711',
    });
    expect(rows[2]).toMatchObject({ amount: 325000, description: 'Müller & Söhne KG', memo: 'Gehalt Januar 2024' });
    expect(rows[3]).toMatchObject({ amount: -115000, description: 'Hausverwaltung Weiß', memo: 'Miete Wohnung Schäferstraße 5\nJanuar 2024' });
    expect(rows[5]).toMatchObject({ date: '2024-01-05', description: 'Björn Åström' });
  });

  it('reads a French export (semicolon, space as thousands separator, currency column, preamble line)', () => {
    const { rows, errors, layout } = parseCsv(fixture('fr-bank-compte.csv'));
    expect(errors).toEqual([]);
    expect(layout?.columns).toMatchObject({ date: 0, description: [1], amount: 3, currency: 4 });
    expect(rows.map((r) => [r.date, r.amount, r.currency])).toEqual([
      ['2024-01-31', -6420, 'EUR'],
      ['2024-01-26', 248055, 'EUR'],
      ['2024-01-18', -785, 'EUR'],
      ['2024-01-15', -2340, 'EUR'],
      ['2024-01-03', -6000, 'EUR'],
    ]);
    expect(rows[2]?.description).toBe('CARTE X1234 17/01 BOULANGERIE PAUL');
  });

  it('reads a Dutch ING export (compact dates, unsigned amounts with an Af/Bij column)', () => {
    const { rows, errors, layout } = parseCsv(fixture('nl-bank-ing.csv'), { currency: 'EUR' });
    expect(errors).toEqual([]);
    expect(layout?.columns).toMatchObject({ amount: 6, direction: 5, description: [1], memo: 8 });
    expect(rows.map((r) => [r.date, r.amount, r.description])).toEqual([
      ['2024-01-31', -2345, 'Albert Heijn 1234'],
      ['2024-01-25', 284500, 'Werkgever B.V.'],
      ['2024-01-20', -9900, 'NS GROEP IZ NS REIZIGERS'],
      ['2024-01-14', -3499, 'Bol.com'],
      ['2024-01-02', 1500, 'Hr J de Vries'],
    ]);
  });

  it('reads a card export with debit and credit columns and a category', () => {
    const { rows, errors, layout } = parseCsv(fixture('us-card-debit-credit.csv'), { currency: 'USD' });
    expect(errors).toEqual([]);
    expect(layout?.columns).toMatchObject({ date: 0, debit: 5, credit: 6, category: 4 });
    expect(rows.map((r) => [r.amount, r.category])).toEqual([
      [-6412, 'Groceries'],
      [50000, 'Payment/Credit'],
      [-675, 'Dining'],
      [2399, 'Merchandise'],
      [-2317, 'Other Travel'],
      [-124960, 'Airfare'],
    ]);
  });
});

describe('parseCsv with a mapping', () => {
  const text = 'when;what;out;in;ccy\n01.02.2024;Rent;1.200,00;;EUR\n03.02.2024;Salary;;3.000,50;EUR\n';

  it('uses column names', () => {
    const { rows, errors } = parseCsv(text, { mapping: { date: 'When', amount: { debit: 'out', credit: 'in' }, description: 'what', currency: 'ccy' } });
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { row: 2, date: '2024-02-01', amount: -120000, currency: 'EUR', description: 'Rent' },
      { row: 3, date: '2024-02-03', amount: 300050, currency: 'EUR', description: 'Salary' },
    ]);
  });

  it('uses column indexes, with or without a header', () => {
    const mapping = { date: 0, amount: { debit: 2, credit: 3 }, description: 1, currency: 4 } as const;
    expect(parseCsv(text, { mapping }).rows).toHaveLength(2);
    const headless = text.split('\n').slice(1).join('\n');
    expect(parseCsv(headless, { mapping }).rows.map((r) => r.row)).toEqual([1, 2]);
  });

  it('joins several description columns', () => {
    const { rows } = parseCsv('d,a,p,m\n2024-01-01,-1.00,ACME,Invoice 7\n', { currency: 'USD', mapping: { date: 'd', amount: 'a', description: ['p', 'm'] } });
    expect(rows[0]?.description).toBe('ACME Invoice 7');
  });

  it('takes the date format and decimal separator from the mapping', () => {
    const { rows } = parseCsv('d,a,t\n03/04/2024,"1,50",x\n', { currency: 'EUR', mapping: { date: 'd', amount: 'a', description: 't', dateFormat: 'mm/dd/yyyy', decimalSeparator: ',' } });
    expect(rows[0]).toMatchObject({ date: '2024-03-04', amount: 150 });
  });

  it('reports a missing column or header', () => {
    expect(parseCsv(text, { mapping: { date: 'Datum', amount: 'out', description: 'what' }, currency: 'EUR' }).errors[0]?.message).toContain('"Datum"');
    expect(parseCsv(text, { mapping: { date: 0, amount: 9, description: 1 }, currency: 'EUR' }).errors[0]?.message).toContain('column 9 does not exist');
    expect(parseCsv(text, { mapping: { date: 0, amount: 2, description: 1 }, currency: 'EUR', dateFormat: 'yyyy/dd/mm' as never }).errors[0]?.message).toContain('Unknown date format');
  });
});

describe('parseCsv details', () => {
  it('keeps good rows and reports bad ones with their line and a clear message', () => {
    // Prepare
    const text = [
      'Date,Description,Amount',
      '2024-01-02,Coffee,-4.50',
      '2024-02-30,Bad date,-1.00',
      '2024-01-03,Too precise,-1.005',
      ',No date,-1.00',
      '2024-01-04,,-2.00',
      '2024-01-05,No amount,',
      '2024-01-06,Words,twelve',
      '2024-01-07,Fine,+12.00',
      'Closing balance,,1234.00',
    ].join('\n');
    // Act
    const { rows, errors } = parseCsv(text, { currency: 'USD' });
    // Assess
    expect(rows.map((r) => [r.row, r.amount])).toEqual([
      [2, -450],
      [9, 1200],
    ]);
    expect(errors).toEqual([
      { row: 3, message: '"2024-02-30" is not a date (expected year-month-day).' },
      { row: 4, message: '"-1.005" is not an amount in USD: more than 2 decimal places' },
      { row: 5, message: 'The date is empty.' },
      { row: 6, message: 'The row has no description.' },
      { row: 7, message: 'The amount is empty.' },
      { row: 8, message: '"twelve" is not an amount in USD: it has no digits' },
      { row: 10, message: '"Closing balance" is not a date (expected year-month-day).' },
    ]);
  });

  it('refuses ambiguous dates as a whole, and reads them once the format is given', () => {
    const text = 'Date,Description,Amount\n03/04/2024,A,-1.00\n05/06/2024,B,-2.00\n';
    const ambiguous = parseCsv(text, { currency: 'USD' });
    expect(ambiguous.rows).toEqual([]);
    expect(ambiguous.errors).toEqual([{ row: 2, message: expect.stringContaining('Cannot tell the date format: every date reads both day-first and month-first (e.g. 03/04/2024)') }]);
    expect(parseCsv(text, { currency: 'USD', dateFormat: 'dd/mm/yyyy' }).rows.map((r) => r.date)).toEqual(['2024-04-03', '2024-06-05']);
    expect(parseCsv(text, { currency: 'USD', dateFormat: 'mm/dd/yyyy' }).rows.map((r) => r.date)).toEqual(['2024-03-04', '2024-05-06']);
  });

  it('reads German Soll/Haben columns and a Soll/Haben indicator', () => {
    const split = parseCsv('Datum;Text;Soll;Haben\n31.01.2024;Miete;850,00;\n01.02.2024;Gehalt;;2.500,00\n', { currency: 'EUR' });
    expect(split.rows.map((r) => r.amount)).toEqual([-85000, 250000]);
    const indicator = parseCsv('Buchungstag;Verwendungszweck;Betrag;S/H\n31.01.2024;Miete;850,00;S\n01.02.2024;Gehalt;2.500,00;H\n01.02.2024;Fehler;1,00;X\n', { currency: 'EUR' });
    expect(indicator.rows.map((r) => r.amount)).toEqual([-85000, 250000]);
    expect(indicator.errors).toEqual([{ row: 4, message: '"X" does not say whether money went out or came in.' }]);
  });

  it('reads a Spanish export and an Excel sep= line', () => {
    const { rows, layout } = parseCsv('sep=;\nFecha;Concepto;Importe;Saldo\n15/01/2024;COMPRA TARJ. MERCADONA;-45,30;1.200,00\n', { currency: 'EUR' });
    expect(layout?.headerRow).toBe(2);
    expect(rows).toEqual([{ row: 3, date: '2024-01-15', amount: -4530, currency: 'EUR', description: 'COMPRA TARJ. MERCADONA' }]);
  });

  it('reads tab-separated files, currencies per row, and refuses unknown ones', () => {
    const { rows, errors } = parseCsv('Date\tPayee\tAmount\tCurrency\n2024-01-02\tHotel\t-100.000\tKWD\n2024-01-03\tShop\t-1000\tjpy\n2024-01-04\tX\t1\tEURO\n');
    expect(rows.map((r) => [r.currency, r.amount, r.payee])).toEqual([
      ['KWD', -100000, 'Hotel'],
      ['JPY', -1000, 'Shop'],
    ]);
    expect(errors).toEqual([{ row: 4, message: '"EURO" is not an ISO 4217 currency code.' }]);
  });

  it('reports a file it cannot read', () => {
    expect(parseCsv('').errors).toEqual([{ row: 0, message: 'The file is empty.' }]);
    expect(parseCsv('a,b,c\n1,2,3\n', { currency: 'EUR' }).errors[0]?.message).toContain('Cannot find the header row');
    expect(parseCsv('Date,Description,Amount\n2024-01-01,x,1\n').errors[0]?.message).toContain('no currency column');
    expect(parseCsv('Date,Description,Amount\n2024-01-01,x,1\n', { currency: 'ZZZ' }).errors[0]?.message).toContain('"ZZZ" is not an ISO 4217');
  });

  it('survives broken quoting without losing the other rows', () => {
    const { rows, errors } = parseCsv('Date,Description,Amount\n2024-01-01,"Fine",-1.00\n2024-01-02,"Broken,-2.00\n', { currency: 'USD' });
    expect(rows).toHaveLength(1);
    expect(errors[0]?.message).toContain('not valid CSV');
  });

  it('reads 50,000 rows in well under the Lambda budget', () => {
    // Prepare
    const lines = ['Date;Beschreibung;Betrag'];
    for (let i = 0; i < 50_000; i++) lines.push(`${String((i % 28) + 1).padStart(2, '0')}.01.2024;"Händler ${i}";-${i % 1000},${String(i % 100).padStart(2, '0')}`);
    const started = performance.now();
    // Act
    const { rows, errors } = parseCsv(lines.join('\n'), { currency: 'EUR' });
    // Assess
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(50_000);
    expect(rows[49_999]?.row).toBe(50_001);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('header and format detection', () => {
  it.each([
    ['Betrag (EUR)', 'betrag'],
    ['Amount in GBP', 'amount'],
    ["Date de l'opération", 'date de l operation'],
    ['Auftraggeber / Begünstigter', 'auftraggeber begunstigter'],
    ['Débit euros', 'debit euros'],
    ['Af Bij', 'af bij'],
    ['  NAAM / OMSCHRIJVING ', 'naam omschrijving'],
  ])('normalises %j to %j', (header, expected) => {
    expect(normaliseHeader(header)).toBe(expected);
  });

  it.each([
    [['Date', 'Description', 'Amount'], { date: 0, description: 1, amount: 2 }],
    [['Buchungstag', 'Valuta', 'Verwendungszweck', 'Betrag'], { date: 0, memo: 2, amount: 3 }],
    [['Valutadatum', 'Buchungsdatum', 'Empfänger', 'Soll', 'Haben'], { date: 1, payee: 2, debit: 3, credit: 4 }],
    [['Date', 'Libellé', 'Débit', 'Crédit'], { date: 0, description: 1, debit: 2, credit: 3 }],
    [['Datum', 'Omschrijving', 'Bedrag', 'Munt'], { date: 0, description: 1, amount: 2, currency: 3 }],
    [['Fecha', 'Concepto', 'Importe'], { date: 0, description: 1, amount: 2 }],
    [['Date', 'Payee', 'Memo', 'Amount', 'Category', 'Bank ID'], { date: 0, payee: 1, memo: 2, amount: 3, category: 4, bankId: 5 }],
  ])('finds the fields of %j', (cells, expected) => {
    expect(matchHeader(cells)).toMatchObject(expected);
  });

  it.each([[['Date', 'Amount']], [['Description', 'Amount']], [['Date', 'Description', 'Debit']], [['Kontonummer:', 'DE12']]])('refuses %j as a header', (cells) => {
    expect(matchHeader(cells)).toBeUndefined();
  });

  it('detects delimiters', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3\n')).toBe(';');
    expect(detectDelimiter('a,b,c\n"1;5",2,3\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('a|b\n1|2\n')).toBe('|');
  });

  it('detects decimal separators', () => {
    expect(detectDecimalSeparator(['-12,50', '3'])).toBe(',');
    expect(detectDecimalSeparator(['-12.50', '1,234.00'])).toBe('.');
    expect(detectDecimalSeparator(['1.234,00'])).toBe(',');
    expect(detectDecimalSeparator(['1.234.567'])).toBe(',');
    expect(detectDecimalSeparator(['1234.567'])).toBe('.');
    expect(detectDecimalSeparator(['100'], ';')).toBe(',');
    expect(detectDecimalSeparator(['100'], ',')).toBe('.');
  });
});
