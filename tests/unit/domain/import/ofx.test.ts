import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ofxCharset, ofxDate, parseOfx, parseOfxTree } from '../../../../shared/domain/import';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/imports/${name}`, import.meta.url), 'utf8');

describe('parseOfx', () => {
  it('reads an OFX 1.02 SGML bank statement (header block, unclosed leaves, entities, empty MEMO, cheque)', () => {
    // Act
    const { rows, errors, statements, version } = parseOfx(fixture('bank-statement-1.02.ofx'));
    // Assess
    expect(errors).toEqual([]);
    expect(version).toBe('1.x (102)');
    expect(statements).toEqual([
      { kind: 'bank', accountId: '1234567890', bankId: '121000248', accountType: 'CHECKING', currency: 'USD', balance: { amount: '3631.38', date: '2024-01-31' }, transactions: 5 },
    ]);
    expect(rows).toEqual([
      { row: 1, date: '2024-01-02', amount: -450, currency: 'USD', description: 'STARBUCKS STORE #12345', bankId: '202401020001', payee: 'STARBUCKS STORE #12345', memo: 'SEATTLE WA', account: '1234567890' },
      { row: 2, date: '2024-01-03', amount: 285000, currency: 'USD', description: 'ACME CORP PAYROLL', bankId: '202401030001', payee: 'ACME CORP PAYROLL', memo: 'PPD ID: 1234567890', account: '1234567890' },
      { row: 3, date: '2024-01-05', amount: -8999, currency: 'USD', description: 'AT&T *WIRELESS BILL', bankId: '202401050001', payee: 'AT&T *WIRELESS BILL', account: '1234567890' },
      { row: 4, date: '2024-01-08', amount: -120000, currency: 'USD', description: 'Check 1042', bankId: '202401080001', account: '1234567890' },
      { row: 5, date: '2024-01-31', amount: -1200, currency: 'USD', description: 'MONTHLY SERVICE FEE', bankId: '202401310001', payee: 'MONTHLY SERVICE FEE', account: '1234567890' },
    ]);
  });

  it('reads an OFX 2.2 XML credit-card statement (CCSTMTRS, comments, CDATA, ORIGCURRENCY)', () => {
    // Act
    const { rows, errors, statements, version } = parseOfx(fixture('credit-card-2.2.ofx'));
    // Assess
    expect(errors).toEqual([]);
    expect(version).toBe('2.x (220)');
    expect(statements).toEqual([{ kind: 'credit-card', accountId: 'XXXXXXXXXXXX4321', currency: 'USD', balance: { amount: '-933.42', date: '2024-01-31' }, transactions: 4 }]);
    expect(rows.map((r) => [r.row, r.date, r.amount, r.currency, r.bankId, r.description])).toEqual([
      [1, '2024-01-28', -6412, 'USD', '320240280123456789', "TRADER JOE'S #552"],
      [2, '2024-01-21', 50000, 'USD', '320240210123456788', 'AUTOPAY PAYMENT - THANK YOU'],
      [3, '2024-01-12', -11970, 'USD', '320240120123456787', 'HOTEL LE MARAIS PARIS'],
      [4, '2024-01-09', -124960, 'USD', '320240090123456786', 'DELTA AIR LINES ATLANTA'],
    ]);
    expect(rows[1]).not.toHaveProperty('memo');
    expect(rows[3]?.memo).toBe('Ticket 0062345678901 & seat 14C');
  });

  it('reads a whole file on one line, closed SGML leaves, lower-case tags and a transaction in a foreign CURRENCY', () => {
    // Prepare
    const text =
      'OFXHEADER:100 DATA:OFXSGML VERSION:151 <OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>DE02</ACCTID></BANKACCTFROM><BANKTRANLIST>' +
      '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240105<TRNAMT>-12,50<FITID>a1<NAME>B&auml;ckerei &#252;ber &#x41;<MEMO></STMTTRN>' +
      '<stmttrn><trntype>DEBIT</trntype><dtposted>20240106</dtposted><trnamt>-5000</trnamt><fitid>a2</fitid><name>Tokyo Ramen</name><currency><currate>0.0062</currate><cursym>JPY</cursym></currency></stmttrn>' +
      '</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>';
    // Act
    const { rows, errors } = parseOfx(text);
    // Assess
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { row: 1, date: '2024-01-05', amount: -1250, currency: 'EUR', description: 'B&auml;ckerei über A', bankId: 'a1', payee: 'B&auml;ckerei über A', account: 'DE02' },
      { row: 2, date: '2024-01-06', amount: -5000, currency: 'JPY', description: 'Tokyo Ramen', bankId: 'a2', payee: 'Tokyo Ramen', account: 'DE02' },
    ]);
  });

  it('reports transactions it cannot read and keeps the others', () => {
    const text = `<OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>USD<BANKTRANLIST>
<STMTTRN><DTPOSTED>20240230<TRNAMT>-1.00<FITID>1<NAME>Bad date</STMTTRN>
<STMTTRN><DTPOSTED>20240201<FITID>2<NAME>No amount</STMTTRN>
<STMTTRN><DTPOSTED>20240201<TRNAMT>-1.001<FITID>3<NAME>Too precise</STMTTRN>
<STMTTRN><TRNAMT>-1.00<FITID>4<NAME>No date</STMTTRN>
<STMTTRN><DTPOSTED>20240201<TRNAMT>-2.00<FITID>5</STMTTRN>
<STMTTRN><DTPOSTED>20240202<TRNAMT>-3.00<FITID>6<NAME>Fine</STMTTRN>
</BANKTRANLIST></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>`;
    const { rows, errors } = parseOfx(text);
    expect(rows.map((r) => [r.row, r.description])).toEqual([[6, 'Fine']]);
    expect(errors).toEqual([
      { row: 1, message: 'DTPOSTED "20240230" is not a date (expected YYYYMMDD…).' },
      { row: 2, message: 'The transaction has no TRNAMT amount.' },
      { row: 3, message: 'TRNAMT: "-1.001" is not an amount in USD: more than 2 decimal places' },
      { row: 4, message: 'The transaction has no DTPOSTED date.' },
      { row: 5, message: 'The transaction has no NAME or MEMO.' },
    ]);
  });

  it('uses the given currency when a statement has no CURDEF, and says when there is none', () => {
    const text = '<OFX><STMTRS><BANKTRANLIST><STMTTRN><DTPOSTED>20240101<TRNAMT>1<NAME>x</STMTTRN></BANKTRANLIST></STMTRS></OFX>';
    expect(parseOfx(text, { currency: 'CHF' }).rows[0]?.currency).toBe('CHF');
    expect(parseOfx(text).errors[0]?.message).toContain('no currency');
  });

  it('refuses what is not OFX or has no statement', () => {
    expect(parseOfx('Date,Amount\n2024-01-01,1\n').errors).toEqual([{ row: 0, message: 'This is not an OFX file: it has no <OFX> element.' }]);
    expect(parseOfx('<OFX><SIGNONMSGSRSV1></SIGNONMSGSRSV1></OFX>').errors).toEqual([{ row: 0, message: 'The OFX file has no bank or credit-card statement.' }]);
  });

  it('reads 10,000 transactions quickly', () => {
    const trn = (i: number) => `<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>20240101\n<TRNAMT>-${i}.00\n<FITID>${i}\n<NAME>Shop ${i}\n</STMTTRN>\n`;
    const text = `OFXHEADER:100\n\n<OFX>\n<BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKTRANLIST>\n${Array.from({ length: 10_000 }, (_, i) => trn(i + 1)).join('')}</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
    const started = performance.now();
    const { rows } = parseOfx(text);
    expect(rows).toHaveLength(10_000);
    expect(rows[9_999]).toMatchObject({ row: 10_000, amount: -1_000_000, bankId: '10000' });
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('OFX pieces', () => {
  it.each([
    ['20240131', '2024-01-31'],
    ['202401311200', '2024-01-31'],
    ['20240131120000', '2024-01-31'],
    ['20240131120000.123', '2024-01-31'],
    ['20240131235959.000[-5:EST]', '2024-01-31'],
    ['20240131000000[+5.30:IST]', '2024-01-31'],
    ['20240131[0:GMT]', '2024-01-31'],
    ['20240230', undefined],
    ['2024-01-31', undefined],
    ['', undefined],
  ])('reads the date of %j as %s, without moving it through the time zone', (text, expected) => {
    expect(ofxDate(text)).toBe(expected);
  });

  it('builds aggregates from closed tags and leaves from the rest', () => {
    const tree = parseOfxTree('<OFX><A><B>1<C><D>2</D></A></OFX>');
    const a = tree.children[0]?.children[0];
    expect(a?.name).toBe('A');
    expect(a?.children.map((c) => [c.name, c.value])).toEqual([
      ['B', '1'],
      ['C', ''],
      ['D', '2'],
    ]);
  });

  it('tells the character set to decode with', () => {
    expect(ofxCharset('OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nENCODING:USASCII\nCHARSET:1252\n')).toBe('windows-1252');
    expect(ofxCharset('OFXHEADER:100\nENCODING:UTF-8\nCHARSET:NONE\n')).toBe('utf-8');
    expect(ofxCharset('OFXHEADER:100\nCHARSET:ISO-8859-1\n')).toBe('iso-8859-1');
    expect(ofxCharset('<?xml version="1.0" encoding="UTF-8"?><?OFX OFXHEADER="200"?>')).toBe('utf-8');
    expect(ofxCharset('<?xml version="1.0" encoding="ISO-8859-1"?>')).toBe('iso-8859-1');
  });
});
