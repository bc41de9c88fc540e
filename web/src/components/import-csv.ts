/**
 * Just enough CSV in the browser for the column-mapping preview and the duplicate report: the API parses the file
 * itself (shared/domain/import/csv.ts); this reads it the same way for showing rows (quotes, CRLF, BOM, `sep=`),
 * numbering each record by the line it starts on, as the API's report does.
 */
export type Delimiter = ',' | ';' | '\t' | '|';
export const DELIMITERS: [Delimiter, string][] = [
  [',', 'Comma ( , )'],
  [';', 'Semicolon ( ; )'],
  ['\t', 'Tab'],
  ['|', 'Pipe ( | )'],
];

export interface CsvRecord {
  line: number;
  cells: string[];
}

/** The delimiter that splits the most of the first lines into the same number (>1) of fields, as the API detects it. */
export function detectDelimiter(text: string): Delimiter {
  const sep = /^\uFEFF?sep=(.)\r?\n/i.exec(text)?.[1];
  if (sep && DELIMITERS.some(([d]) => d === sep)) return sep as Delimiter;
  const lines = text.split(/\r?\n/, 60).filter((l) => l.trim() !== '').slice(0, 40);
  let best: { d: Delimiter; lines: number; fields: number } = { d: ',', lines: 0, fields: 0 };
  for (const [d] of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const n = countFields(line, d);
      if (n > 1) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    for (const [fields, n] of counts) if (n > best.lines || (n === best.lines && fields > best.fields)) best = { d, lines: n, fields };
  }
  return best.d;
}

function countFields(line: string, d: string): number {
  let n = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/** Records of the file (blank lines skipped), at most `limit` of them. */
export function readCsv(input: string, delimiter: Delimiter, limit = Infinity): CsvRecord[] {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = /^sep=.\r?\n/i.exec(text);
  let line = 1;
  if (sep) {
    text = text.slice(sep[0].length);
    line = 2;
  }
  const out: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let start = line;
  const endRecord = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) out.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length && out.length < limit; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') {
        i++;
        line++;
      } else if (ch === '\r') line++;
      endRecord();
      start = line;
    } else cell += ch;
  }
  if (out.length < limit && (cell !== '' || cells.length > 0)) endRecord();
  return out;
}

const DATE = /^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})\s*$/;
const AMOUNT = /^\s*[-+(]?\s*[^\d\s-]{0,3}\s*-?\d[\d\s.,']*\)?\s*[^\d\s]{0,3}\s*$/;

export const looksLikeDate = (s: string | undefined) => DATE.test(s ?? '');
const looksLikeAmount = (s: string | undefined) => AMOUNT.test(s ?? '') && !looksLikeDate(s);

/** Whether the first record names the columns rather than holding data. */
export function looksLikeHeader(records: CsvRecord[]): boolean {
  const first = records[0]?.cells ?? [];
  return first.length > 0 && !first.some(looksLikeDate) && !first.some((c) => looksLikeAmount(c) && /\d/.test(c));
}

const NAMES = {
  date: /date|datum|fecha|booking|posted|valuta/i,
  debit: /debit|withdraw|out|soll|d[ée]bit|af\b|paid out/i,
  credit: /credit|deposit|in\b|haben|cr[ée]dit|bij\b|paid in/i,
  amount: /amount|betrag|montant|bedrag|importe|value|sum/i,
  description: /desc|memo|payee|narrat|details|text|verwendung|libell|omschrijving|concepto|reference|name/i,
};

/** First guesses for the mapping, from the header names, else from what the cells look like. */
export function guessColumns(records: CsvRecord[], hasHeader: boolean): { date: number; amount: number; debit: number; credit: number; description: number; split: boolean } {
  const header = hasHeader ? (records[0]?.cells ?? []) : [];
  const sample = records.slice(hasHeader ? 1 : 0, 20);
  const width = Math.max(0, ...records.slice(0, 20).map((r) => r.cells.length));
  const columns = Array.from({ length: width }, (_, i) => i);
  const byName = (re: RegExp, except: number[] = []) => columns.find((i) => !except.includes(i) && re.test(header[i] ?? ''));
  const byCells = (test: (s: string | undefined) => boolean, except: number[] = []) => columns.find((i) => !except.includes(i) && sample.length > 0 && sample.every((r) => test(r.cells[i])));
  const date = byName(NAMES.date) ?? byCells(looksLikeDate) ?? 0;
  const debit = byName(NAMES.debit, [date]);
  const credit = byName(NAMES.credit, [date, debit ?? -1]);
  const amount = byName(NAMES.amount, [date]) ?? byCells(looksLikeAmount, [date]) ?? Math.min(1, width - 1);
  const split = debit !== undefined && credit !== undefined && byName(NAMES.amount, [date]) === undefined;
  const used = [date, amount, debit ?? -1, credit ?? -1];
  const description = byName(NAMES.description, used) ?? byCells((s) => Boolean(s && /[a-z]/i.test(s)), used) ?? Math.min(2, width - 1);
  return { date, amount, debit: debit ?? amount, credit: credit ?? amount, description, split };
}

/** The file's text: UTF-8 when it is valid UTF-8, else Windows-1252 (what most banks' "ANSI" exports are). */
export async function readText(file: Blob): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
