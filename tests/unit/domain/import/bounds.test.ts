import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors';
import { chunkByBytes, clipText, IMPORT_LIMITS, parseCsv, parseOfx, parseOfxTree, parseQif, type ImportRow } from '../../../../shared/domain/import';

/**
 * Adversarial files: every parser answers a bounded result or a file-level error saying what was wrong, never a
 * stack overflow, and in time linear in the file (the old parsers needed minutes for some of these 1 MB files; the
 * generous per-test timeout is a tripwire, the throughput figures are in `npm run bench -- parsers`).
 */

const MB = 1_000_000;
const SLOW = { timeout: 30_000 };
const SGML_HEAD = 'OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n';
const STATEMENT = (trns: string) =>
  `${SGML_HEAD}<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>DE1234</BANKACCTFROM><BANKTRANLIST>${trns}</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n`;
const trn = (fields: string) => `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240301<TRNAMT>-12.50<FITID>F1${fields}</STMTTRN>`;

describe('OFX on adversarial input', () => {
  it('refuses 100,000-deep nesting with the depth and the line, without recursion', SLOW, () => {
    const text = `${SGML_HEAD}<OFX>\n\n${'<A>'.repeat(100_000)}${'</A>'.repeat(100_000)}</OFX>`;
    expect(() => parseOfxTree(text)).toThrow(ValidationError);
    expect(() => parseOfxTree(text)).toThrow(/^OFX nesting deeper than 32 at line 7 /);
    expect(parseOfx(text).errors).toEqual([{ row: 0, message: expect.stringMatching(/^OFX nesting deeper than 32 at line 7/) }]);
  });

  it('accepts nesting up to the bound', () => {
    const depth = IMPORT_LIMITS.maxOfxDepth - 1; // under <OFX>
    const tree = parseOfxTree(`<OFX>${'<A>'.repeat(depth)}<B>x${'</A>'.repeat(depth)}</OFX>`);
    let node = tree.children[0];
    for (let i = 0; i <= depth; i++) node = node?.children[0];
    expect(node).toEqual({ name: 'B', value: 'x', children: [] });
  });

  it.each([
    ['`<` repeated', `${SGML_HEAD}<OFX>${'<'.repeat(MB)}`],
    ['unterminated tags', `${SGML_HEAD}<OFX>${'<A '.repeat(MB / 3)}`],
    ['unterminated comments', `${SGML_HEAD}<OFX>${'<!--'.repeat(MB / 4)}`],
    ['unterminated processing instructions before <OFX>', `${'<?OFX '.repeat(MB / 6)}<OFX>`],
    ['unterminated CDATA', `${SGML_HEAD}<OFX>${'<![CDATA['.repeat(MB / 9)}`],
    ['a tag name that never ends', `${SGML_HEAD}<OFX><${'A'.repeat(MB)}`],
  ])('reads 1 MB of %s as text: a file-level error, no rows', SLOW, (_name, text) => {
    const result = parseOfx(text, { currency: 'EUR' });
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([{ row: 0, message: 'The OFX file has no bank or credit-card statement.' }]);
  });

  it('refuses a huge tag name with its line', SLOW, () => {
    const result = parseOfx(`${SGML_HEAD}<OFX>\n<${'A'.repeat(MB)}>x</OFX>`);
    expect(result.errors).toEqual([{ row: 0, message: 'OFX tag name longer than 64 characters at line 6.' }]);
  });

  it('refuses more elements than the bound', SLOW, () => {
    const result = parseOfx(`<OFX>${'<A>'.repeat(IMPORT_LIMITS.maxOfxElements + 1)}`);
    expect(result.errors[0]?.message).toMatch(/^The OFX file has more than 1,000,000 elements/);
  });

  it('keeps the old reading of stray markup: an unterminated comment is text, later tags still count', () => {
    const result = parseOfx(STATEMENT(trn('<NAME>A <!-- never closed <MEMO>M1') + trn('<NAME>B')));
    expect(result.rows.map((r) => [r.description, r.memo])).toEqual([
      ['A <!-- never closed', 'M1'],
      ['B', undefined],
    ]);
  });

  it('cuts long NAME, MEMO and FITID to the ledger limits and lists them', () => {
    const name = 'N'.repeat(3000);
    const memo = 'M'.repeat(5000);
    const fitid = 'F'.repeat(300);
    const result = parseOfx(STATEMENT(`<STMTTRN><DTPOSTED>20240301<TRNAMT>-1.00<FITID>${fitid}<NAME>${name}<MEMO>${memo}</STMTTRN>${trn('<NAME>Short')}`));
    expect(result.errors).toEqual([]);
    const [row] = result.rows;
    expect(row?.description).toBe(name.slice(0, 500));
    expect(row?.payee).toBe(name.slice(0, 500));
    expect(row?.memo).toBe(memo.slice(0, 2000));
    expect(row?.bankId).toBe(fitid.slice(0, 255));
    expect(result.truncated).toEqual([
      { row: 1, field: 'description' },
      { row: 1, field: 'bankId' },
      { row: 1, field: 'payee' },
      { row: 1, field: 'memo' },
    ]);
  });

  it('answers a huge TRNAMT or DTPOSTED with a short message', () => {
    const result = parseOfx(STATEMENT(`<STMTTRN><DTPOSTED>20240301<TRNAMT>${'9'.repeat(MB)}<NAME>X</STMTTRN><STMTTRN><DTPOSTED>${'2'.repeat(MB)}<TRNAMT>1<NAME>Y</STMTTRN>`));
    expect(result.errors.map((e) => e.row)).toEqual([1, 2]);
    for (const e of result.errors) expect(e.message.length).toBeLessThan(120);
  });
});

describe('CSV on adversarial input', () => {
  it('reports an unterminated quote as an error of its row, keeping the rows before it', SLOW, () => {
    const text = `Date,Amount,Description\n2024-03-01,-1.00,Coffee\n2024-03-02,-2.00,"${'a,'.repeat(MB / 2)}\n`;
    const result = parseCsv(text, { currency: 'EUR' });
    expect(result.rows.map((r) => r.description)).toEqual(['Coffee']);
    expect(result.errors).toEqual([{ row: 3, message: expect.stringMatching(/^The row is not valid CSV: Quote Not Closed/) }]);
  });

  it.each([
    ['unclosed brackets', '('.repeat(MB)],
    ['brackets closing the other kind', '([)'.repeat(MB / 3)],
    ['spaces before a currency-like word', `a${' '.repeat(MB)}eur`],
  ])('finds no header in a 1 MB header cell of %s, quickly', SLOW, (_name, cell) => {
    const result = parseCsv(`Date,Amount,${cell}\n2024-03-01,-1.00,Coffee\n`, { currency: 'EUR' });
    expect(result.errors).toEqual([{ row: 0, message: expect.stringMatching(/^Cannot find the header row/) }]);
  });

  it('makes a row of more than 256 fields an error of its row', SLOW, () => {
    const result = parseCsv(`Date,Amount,Description\n${','.repeat(MB)}\n2024-03-01,-1.00,Coffee\n`, { currency: 'EUR' });
    expect(result.rows.map((r) => r.row)).toEqual([3]);
    expect(result.errors).toEqual([{ row: 2, message: 'The row has 1000001 fields; at most 256 are read.' }]);
  });

  it('reads 150,000 rows with a column-index mapping (no argument spread of one value per row)', SLOW, () => {
    const result = parseCsv('2024-03-01,-1.00,Coffee\n'.repeat(150_000), { currency: 'EUR', mapping: { date: 0, amount: 1, description: 2 } });
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(150_000);
  });

  it('quotes at most 40 characters of a bad cell in its message', SLOW, () => {
    const result = parseCsv(`Date,Amount,Description\n${'1'.repeat(MB)},-1.00,A\n2024-03-01,${'9'.repeat(MB)},B\n2024-03-02,-1.00,C\n`, { currency: 'EUR' });
    expect(result.rows.map((r) => r.description)).toEqual(['C']);
    expect(result.errors).toEqual([
      { row: 2, message: `"${'1'.repeat(40)}…" is not a date (expected year-month-day).` },
      { row: 3, message: `"${'9'.repeat(40)}…" is too long to be an amount.` },
    ]);
  });

  it('cuts long description, payee, memo, category and bank id and lists them by row', () => {
    const long = (c: string, n: number) => c.repeat(n);
    const text = [
      'Date,Amount,Description,Payee,Memo,Category,Transaction ID',
      `2024-03-01,-1.00,${long('d', 600)},${long('p', 600)},${long('m', 2500)},${long('c', 150)},${long('i', 300)}`,
      '2024-03-02,-2.00,Short,P,M,Food,ID2',
    ].join('\n');
    const result = parseCsv(text, { currency: 'EUR' });
    expect(result.errors).toEqual([]);
    const [row, short] = result.rows;
    expect(row).toMatchObject({ description: long('d', 500), payee: long('p', 500), memo: long('m', 2000), category: long('c', 100), bankId: long('i', 255) });
    expect(short).toMatchObject({ description: 'Short', payee: 'P', memo: 'M', category: 'Food', bankId: 'ID2' });
    expect(result.truncated).toEqual(['description', 'bankId', 'payee', 'memo', 'category'].map((field) => ({ row: 2, field })));
  });

  it('never cuts a character in half', () => {
    const text = `Date,Amount,Description\n2024-03-01,-1.00,${'😀'.repeat(600)}\n`;
    const [row] = parseCsv(text, { currency: 'EUR' }).rows;
    expect([...(row?.description ?? '')]).toHaveLength(500);
    expect(row?.description).toBe('😀'.repeat(500));
  });
});

describe('QIF on adversarial input', () => {
  it('makes a record without ^ separators one bounded error', SLOW, () => {
    const text = `!Type:Bank\nD2024-03-01\nT-1.00\nPShop\n${'SCat\n$-1.00\n'.repeat(MB / 14)}`;
    const result = parseQif(text, { currency: 'EUR' });
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([{ row: 2, message: 'The record has more than 1000 lines; is a ^ line missing after a record?' }]);
  });

  it('cuts a giant payee line and keeps the record', SLOW, () => {
    const result = parseQif(`!Type:Bank\nD2024-03-01\nT-1.00\nP${'x'.repeat(MB)}\nM${'y'.repeat(MB)}\n^\n`, { currency: 'EUR' });
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.description).toHaveLength(500);
    expect(result.rows[0]?.memo).toHaveLength(2000);
    expect(result.truncated).toEqual([
      { row: 2, field: 'description' },
      { row: 2, field: 'payee' },
      { row: 2, field: 'memo' },
    ]);
  });

  it('keeps the first 100 splits but sums them all', () => {
    const text = `!Type:Bank\nD2024-03-01\nPShop\n${`S${'c'.repeat(300)}\nE${'e'.repeat(300)}\n$-1.00\n`.repeat(150)}^\n`;
    const result = parseQif(text, { currency: 'EUR' });
    const [row] = result.rows;
    expect(row?.amount).toBe(-15000);
    expect(row?.splits).toHaveLength(100);
    expect(row?.splits?.[0]).toEqual({ category: 'c'.repeat(200), memo: 'e'.repeat(200), amount: -100 });
    expect(result.truncated).toEqual([
      { row: 2, field: 'splits' },
      { row: 2, field: 'splits.category' },
      { row: 2, field: 'splits.memo' },
    ]);
  });
});

describe('chunkByBytes', () => {
  /** A row at every bound, in the characters that serialise longest (control characters: 6 bytes of JSON each). */
  function worstRow(n: number): ImportRow {
    const text = (max: number) => '\u0001'.repeat(max);
    return {
      row: n,
      date: '2024-03-01',
      amount: -9_007_199_254_740_991,
      currency: 'EUR',
      description: text(IMPORT_LIMITS.maxDescriptionLength),
      payee: text(IMPORT_LIMITS.maxPayeeLength),
      memo: text(IMPORT_LIMITS.maxMemoLength),
      category: text(IMPORT_LIMITS.maxCategoryLength),
      bankId: text(IMPORT_LIMITS.maxBankIdLength),
      account: text(IMPORT_LIMITS.maxAccountLength),
      splits: Array.from({ length: IMPORT_LIMITS.maxSplits }, () => ({ category: text(IMPORT_LIMITS.maxSplitTextLength), memo: text(IMPORT_LIMITS.maxSplitTextLength), amount: -1 })),
    };
  }

  it('keeps every chunk of maximal rows under the byte cap, in order, losing nothing', () => {
    const rows = Array.from({ length: 12 }, (_, i) => worstRow(i + 1));
    const cap = 300 * 1024;
    const chunks = chunkByBytes(rows, cap);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(Buffer.byteLength(c, 'utf8')).toBeLessThanOrEqual(cap);
    expect(chunks.flatMap((c) => JSON.parse(c) as ImportRow[])).toEqual(rows);
  });

  it('sizes by UTF-8 bytes, not characters', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({ row: i, description: '€😀'.repeat(250) }));
    const cap = 64 * 1024;
    const chunks = chunkByBytes(rows, cap);
    for (const c of chunks) expect(Buffer.byteLength(c, 'utf8')).toBeLessThanOrEqual(cap);
    // Nearly full: a chunk is closed only when the next row would not fit.
    for (const c of chunks.slice(0, -1)) expect(Buffer.byteLength(c, 'utf8')).toBeGreaterThan(cap - 2000);
    expect(chunks.flatMap((c) => JSON.parse(c) as unknown[])).toEqual(rows);
  });

  it('gives no chunk for no rows and refuses a single row above the cap', () => {
    expect(chunkByBytes([], 1024)).toEqual([]);
    expect(() => chunkByBytes([{ d: 'x'.repeat(2000) }], 1024)).toThrow(ValidationError);
  });

  it('clipText counts code points', () => {
    expect(clipText('a😀b', 2)).toBe('a😀');
    expect(clipText('abc', 5)).toBe('abc');
  });
});

describe('the fixtures', () => {
  // Recorded from the parsers before they were made linear: the same files must read the same.
  const golden = JSON.parse(readFileSync(new URL('./fixtures-golden.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const dir = new URL('../../../fixtures/imports/', import.meta.url);
  const cases = readdirSync(dir).flatMap((f) => ['EUR', 'USD'].map((currency) => [f, currency] as const));

  it.each(cases)('%s (%s) parses as before', (file, currency) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const ext = file.split('.').pop();
    const result = ext === 'csv' ? parseCsv(text, { currency }) : ext === 'ofx' ? parseOfx(text, { currency }) : parseQif(text, { currency });
    expect(result).toEqual(golden[`${file} ${currency}`]);
  });
});
