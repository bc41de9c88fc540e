import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../../shared/domain/import/csv-reader';

// The importer read CSV with csv-parse and these options; shared/domain/import/csv-reader.ts reads without it (27 KB
// less in the import request's bundle). Every case is read by both and must give the same records, byte offsets and
// errors. csv-parse stays a test dependency for this comparison.

/** What csv-parse gives with the options the importer passed it. */
function reference(buf: Buffer, delimiter: string, recordDelimiter?: string) {
  const errors: { message: string; bytes: number }[] = [];
  const parsed = parse(buf, {
    delimiter,
    ...(recordDelimiter === undefined ? {} : { record_delimiter: recordDelimiter }),
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err) errors.push({ message: err.message, bytes: (err as { bytes?: number }).bytes ?? -1 });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { bytes: number } }[];
  return { records: parsed.map(({ record, info }) => ({ record, bytes: info.bytes })), errors };
}

function same(text: string | Buffer, delimiter = ',', recordDelimiter?: string): void {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  expect(readCsv(buf, delimiter, recordDelimiter), JSON.stringify(buf.toString('utf8'))).toEqual(reference(buf, delimiter, recordDelimiter));
}

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ['a', 'b', ' ', '"', '"', '""', ',', ';', '\t', '|', '\r', '\n', '\r\n', 'é', '€', '\0', '1.5'];

describe('readCsv reads as csv-parse did with the importer options', () => {
  it('on quoting edge cases', () => {
    const cases = [
      '',
      'a',
      'a,b\nc,d',
      'a,b\r\nc,d\r\n',
      'a,b\rc,d\r',
      '"a,b",c\n"d\ne",f\n',
      '"a""b",c',
      '"a"b,c\nd,e',
      'a"b",c\n"',
      '"abc',
      'x,y\n"abc\n1,2\n',
      '"a"\0b,c',
      '"",""\n,\n',
      '\n\n\na,b\n\n\nc\n\n',
      '""\n""\n',
      '"a"\r\nb\nc\r\n',
      'a\nb\r\nc\rd',
      '"a\r\nb"\nc,d',
      '"a"",b\n',
      'é,"€ ""x""",ü\n',
      '\ufeffa,b\n1,2',
      '   "a" ,b\n',
      'a,b,c,d\n1\n1,2,3,4,5,6\n',
    ];
    for (const c of cases) same(c);
  });

  it('with other delimiters, the quote as delimiter, and a record delimiter given', () => {
    for (const d of [';', '\t', '|', '"', 'é', 'ab']) for (const c of ['a;b\t"c|d"\n"e""f"|g', '"x""y"z\n"é"é"ab"ab\n', 'aab"b"\r\nab']) same(c, d);
    for (const rd of ['\n', '\r\n', '\r']) for (const c of ['a,b\r\nc\nd\re', '"a\nb",c\r\n"d"\ne']) same(c, ',', rd);
  });

  it('on the import fixtures', () => {
    const dir = new URL('../../../fixtures/imports/', import.meta.url);
    const csvs = readdirSync(dir).filter((f) => f.endsWith('.csv'));
    expect(csvs.length).toBeGreaterThan(0);
    for (const f of csvs) for (const d of [',', ';']) same(readFileSync(new URL(f, dir)), d);
  });

  it('on generated files', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const next = random(seed);
      const parts = Array.from({ length: Math.floor(next() * 40) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)] ?? '');
      const delimiter = [',', ';', '\t', '|'][seed % 4] ?? ',';
      same(parts.join(''), delimiter, seed % 7 === 0 ? ['\n', '\r\n', '\r'][seed % 3] : undefined);
    }
  });
});
