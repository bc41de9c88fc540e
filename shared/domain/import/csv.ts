import { parse } from 'csv-parse/sync';
import { DomainError } from '../errors';
import { isCurrency, parseAmount, sumMinor } from '../money';
import { matchHeader, normaliseHeader, type HeaderMatch } from './csv-headers';
import { dateOrderOf, detectDateOrder, readDate, resolveDate, type DateFormat, type DateOrder } from './dates';
import { clipField, IMPORT_LIMITS, quote, type ImportTruncation } from './limits';
import type { ImportError, ImportResult, ImportRow } from './types';

/** A column by its header name (case and accents ignored) or its 0-based index. */
export type ColumnRef = string | number;

/**
 * Which columns hold what. Names need a header row (found among the first rows, after any preamble);
 * indexes work with or without one.
 */
export interface CsvMapping {
  date: ColumnRef;
  /** A signed amount column, or separate debit (money out) and credit (money in) columns. */
  amount: ColumnRef | { debit: ColumnRef; credit: ColumnRef };
  /** One column, or several joined with a space (e.g. payee and purpose). */
  description: ColumnRef | readonly ColumnRef[];
  /** A column with the ISO code of each row; without it every row is in `CsvOptions.currency`. */
  currency?: ColumnRef;
  /** A column saying the direction of an unsigned amount: `Af`/`Bij`, `D`/`C`, `DR`/`CR`, `S`/`H`, `Debit`/`Credit`. */
  direction?: ColumnRef;
  payee?: ColumnRef;
  memo?: ColumnRef;
  bankId?: ColumnRef;
  category?: ColumnRef;
  /** Date order when the data leave it open (`dd/mm/yyyy`, `mm/dd/yyyy`, `dd.mm.yyyy`, `yyyy-mm-dd`, or `dmy`…). */
  dateFormat?: DateFormat;
  decimalSeparator?: '.' | ',';
}

/** Options of {@link parseCsv}. */
export interface CsvOptions {
  /** Columns to read; detected from the header when absent. */
  mapping?: CsvMapping;
  /** Currency of rows without a currency column or cell (the account's currency). */
  currency?: string;
  /** Field delimiter; detected (`,` `;` tab `|`) when absent. */
  delimiter?: ',' | ';' | '\t' | '|';
  /** Used when the mapping gives none. */
  dateFormat?: DateFormat;
  /** Used when the mapping gives none; detected from the amounts otherwise. */
  decimalSeparator?: '.' | ',';
  /** Whether an index-only mapping has a header row; detected when absent. */
  hasHeader?: boolean;
}

/** The layout the parser used, so a person can confirm it or correct it. */
export interface CsvLayout {
  delimiter: string;
  /** Line of the header row, when there is one. */
  headerRow?: number;
  /** Header cells as written. */
  header?: string[];
  columns: ResolvedColumns;
  dateOrder?: DateOrder;
  decimalSeparator: '.' | ',';
}

/** Column indexes in use. */
export interface ResolvedColumns {
  date: number;
  amount?: number;
  debit?: number;
  credit?: number;
  direction?: number;
  description: number[];
  payee?: number;
  memo?: number;
  currency?: number;
  bankId?: number;
  category?: number;
  type?: number;
}

/** What {@link parseCsv} returns. */
export interface CsvImportResult extends ImportResult {
  layout?: CsvLayout;
}

interface CsvRecord {
  line: number;
  cells: string[];
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
const MAX_HEADER_SEARCH = 30;

/** Thrown inside the parser for a file-level problem; turned into one error of the result. */
class FileProblem extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a bank's CSV export: `,` or `;` (or tab, `|`) detected, quoted fields, BOM, CRLF, an Excel `sep=` line,
 * preamble lines before the header, decimal comma, signed amounts or debit/credit columns (or an unsigned amount
 * with a direction column), day-first or month-first dates. Columns come from `options.mapping` or are detected
 * from the header (English, German, French, Dutch, Spanish names; see `HEADER_SYNONYMS`).
 *
 * Never throws for bad data: rows that cannot be read are listed in `errors` with a message, the others import.
 * A problem with the whole file (no recognisable header, ambiguous dates, no currency) is one error and no rows;
 * its row is 0, or the first row showing it (ambiguous dates). A row of more than
 * {@link IMPORT_LIMITS.maxCsvColumns} fields is an error; text longer than the ledger keeps is cut and listed in
 * `truncated`. Time is linear in the file's length.
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvImportResult {
  try {
    return parseOrThrow(text, options);
  } catch (e) {
    if (e instanceof FileProblem) return { rows: [], errors: [{ row: e.row, message: e.message }] };
    if (e instanceof DomainError) return { rows: [], errors: [{ row: 0, message: e.message }] };
    throw e;
  }
}

function parseOrThrow(input: string, options: CsvOptions): CsvImportResult {
  let text = String(input ?? '');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new FileProblem(0, 'The file is empty.');

  let delimiter: string | undefined = options.delimiter;
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep) {
    delimiter ??= sep[1];
    text = ' '.repeat(sep[0].length - 1) + '\n' + text.slice(sep[0].length);
  }
  delimiter ??= detectDelimiter(text);

  const { records, errors } = readRecords(text, delimiter);
  if (records.length === 0) throw new FileProblem(errors[0]?.row ?? 0, errors[0]?.message ?? 'The file has no rows.');

  const mapping = options.mapping;
  const { headerIndex, columns } = mapping ? resolveMapping(mapping, records, options) : detectLayout(records);
  const header = headerIndex >= 0 ? records[headerIndex] : undefined;
  const data = records.slice(headerIndex + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));

  const cell = (r: CsvRecord, index: number | undefined) => (index === undefined ? '' : cleanCell(r.cells[index]));
  const dateFormat = mapping?.dateFormat ?? options.dateFormat;
  if (dateFormat !== undefined && dateOrderOf(dateFormat) === undefined) {
    throw new FileProblem(0, `Unknown date format ${JSON.stringify(dateFormat)}; use dd/mm/yyyy, mm/dd/yyyy, dd.mm.yyyy or yyyy-mm-dd.`);
  }
  const detection = detectDateOrder(
    data.map((r) => cell(r, columns.date)),
    dateFormat,
  );
  if (detection.order === undefined) {
    const first = data.find((r) => readDate(cell(r, columns.date)).kind === 'numeric');
    throw new FileProblem(first?.line ?? 0, `Cannot tell the date format: ${detection.problem ?? 'unknown'}.`);
  }
  const amountCells = [columns.amount, columns.debit, columns.credit].flatMap((i) => (i === undefined ? [] : data.map((r) => cell(r, i))));
  const decimalSeparator = mapping?.decimalSeparator ?? options.decimalSeparator ?? detectDecimalSeparator(amountCells, delimiter);

  if (columns.currency === undefined && options.currency === undefined) {
    throw new FileProblem(0, 'The file has no currency column: choose the currency of the account.');
  }
  if (options.currency !== undefined && !isCurrency(options.currency)) {
    throw new FileProblem(0, `${JSON.stringify(options.currency)} is not an ISO 4217 currency code.`);
  }

  const rows: ImportRow[] = [];
  const truncated: ImportTruncation[] = [];
  for (const record of data) {
    const result = readRow(record, columns, detection.order, decimalSeparator, options.currency, cell, truncated);
    if ('message' in result) errors.push({ row: record.line, message: result.message });
    else rows.push(result);
  }
  errors.sort((a, b) => a.row - b.row);
  const layout: CsvLayout = { delimiter, columns, dateOrder: detection.order, decimalSeparator };
  if (header) {
    layout.headerRow = header.line;
    layout.header = header.cells;
  }
  return truncated.length > 0 ? { rows, errors, truncated, layout } : { rows, errors, layout };
}

function readRow(
  record: CsvRecord,
  columns: ResolvedColumns,
  order: DateOrder,
  decimalSeparator: '.' | ',',
  defaultCurrency: string | undefined,
  cell: (r: CsvRecord, index: number | undefined) => string,
  truncations: ImportTruncation[],
): ImportRow | { message: string } {
  const dateText = cell(record, columns.date);
  if (dateText === '') return { message: 'The date is empty.' };
  const date = resolveDate(readDate(dateText), order);
  if (!date) return { message: `${quote(dateText)} is not a date (expected ${order === 'mdy' ? 'month/day/year' : order === 'dmy' ? 'day/month/year' : 'year-month-day'}).` };

  const currencyText = cell(record, columns.currency).toUpperCase();
  const currency = currencyText !== '' ? currencyText : defaultCurrency;
  if (currency === undefined) return { message: 'The currency is empty.' };
  if (!isCurrency(currency)) return { message: `${quote(currencyText)} is not an ISO 4217 currency code.` };

  const amount = readAmount(record, columns, currency, decimalSeparator, cell);
  if (typeof amount !== 'number') return amount;

  const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
  const payee = collapse(cell(record, columns.payee));
  const memo = cell(record, columns.memo).replace(/\r\n?/g, '\n').trim();
  const described = collapse(columns.description.map((i) => cell(record, i)).filter((s) => s.trim() !== '').join(' '));
  const fullDescription = described || payee || collapse(memo) || collapse(cell(record, columns.type));
  if (fullDescription === '') return { message: 'The row has no description.' };

  const clip = (text: string, max: number, field: string) => clipField(text, max, record.line, field, truncations);
  const description = clip(fullDescription, IMPORT_LIMITS.maxDescriptionLength, 'description');
  const row: ImportRow = { row: record.line, date, amount, currency, description };
  const bankId = cell(record, columns.bankId).trim();
  const category = collapse(cell(record, columns.category));
  if (bankId) row.bankId = clip(bankId, IMPORT_LIMITS.maxBankIdLength, 'bankId');
  if (payee) row.payee = clip(payee, IMPORT_LIMITS.maxPayeeLength, 'payee');
  if (memo) row.memo = clip(memo, IMPORT_LIMITS.maxMemoLength, 'memo');
  if (category) row.category = clip(category, IMPORT_LIMITS.maxCategoryLength, 'category');
  return row;
}

/** The signed amount of a row: one amount column (with a direction column, if any) or debit and credit columns. */
function readAmount(
  record: CsvRecord,
  columns: ResolvedColumns,
  currency: string,
  decimalSeparator: '.' | ',',
  cell: (r: CsvRecord, index: number | undefined) => string,
): number | { message: string } {
  const tooLong = (text: string) => text.trim().length > IMPORT_LIMITS.maxShortFieldLength;
  let amount: number;
  try {
    if (columns.debit !== undefined && columns.credit !== undefined) {
      const debitText = cell(record, columns.debit);
      const creditText = cell(record, columns.credit);
      if (debitText === '' && creditText === '') return { message: 'Both the debit and the credit are empty.' };
      for (const t of [debitText, creditText]) if (tooLong(t)) return { message: `${quote(t)} is too long to be an amount.` };
      const debit = debitText === '' ? 0 : Math.abs(parseAmount(debitText, currency, { decimalSeparator }));
      const credit = creditText === '' ? 0 : Math.abs(parseAmount(creditText, currency, { decimalSeparator }));
      amount = sumMinor([credit, -debit]);
    } else {
      const amountText = cell(record, columns.amount);
      if (amountText === '') return { message: 'The amount is empty.' };
      if (tooLong(amountText)) return { message: `${quote(amountText)} is too long to be an amount.` };
      amount = parseAmount(amountText, currency, { decimalSeparator });
      if (columns.direction !== undefined) {
        const direction = readDirection(cell(record, columns.direction));
        if (direction === undefined) return { message: `${quote(cell(record, columns.direction))} does not say whether money went out or came in.` };
        amount = direction * Math.abs(amount);
      }
    }
  } catch (e) {
    if (e instanceof DomainError) return { message: e.message };
    throw e;
  }
  return Object.is(amount, -0) ? 0 : amount;
}

const OUT_WORDS = new Set(['af', 'd', 'dr', 'db', 'debit', 'debet', 's', 'soll', 'out', '-', 'cargo', 'debe', 'withdrawal', 'payment', 'sortie']);
const IN_WORDS = new Set(['bij', 'c', 'cr', 'credit', 'h', 'haben', 'in', '+', 'abono', 'haber', 'deposit', 'entree']);

/** -1 for money out, 1 for money in, `undefined` when the text says neither. */
function readDirection(text: string): -1 | 1 | undefined {
  if (text.length > IMPORT_LIMITS.maxShortFieldLength) return undefined;
  const s = text.normalize('NFKD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/\.$/, '');
  if (OUT_WORDS.has(s)) return -1;
  if (IN_WORDS.has(s)) return 1;
  return undefined;
}

/**
 * A cell without the guard an exporter puts before text that a spreadsheet would run as a formula
 * (`'=SUM(…)` → `=SUM(…)`), see `toCsv`.
 */
function cleanCell(value: string | undefined): string {
  const s = value ?? '';
  return /^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

/**
 * Picks the delimiter that splits the first lines into the same number (> 1) of fields most consistently.
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' | '|' {
  // The first 40 non-blank lines, found without cutting the whole file into lines.
  const lines: string[] = [];
  for (let start = 0; start <= text.length && lines.length < 40; ) {
    const lf = text.indexOf('\n', start);
    const end = lf < 0 ? text.length : lf;
    const line = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    if (line.trim() !== '') lines.push(line);
    if (lf < 0) break;
    start = lf + 1;
  }
  let best: { delimiter: (typeof DELIMITERS)[number]; lines: number; fields: number } = { delimiter: ',', lines: 0, fields: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const fields = countFields(line, delimiter);
      if (fields > 1) counts.set(fields, (counts.get(fields) ?? 0) + 1);
    }
    for (const [fields, n] of counts) {
      if (n > best.lines || (n === best.lines && fields > best.fields)) best = { delimiter, lines: n, fields };
    }
  }
  return best.delimiter;
}

/** Fields of one line split by `delimiter`, ignoring delimiters inside double quotes. */
function countFields(line: string, delimiter: string): number {
  let fields = 1;
  let quoted = false;
  const d = delimiter.charCodeAt(0);
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === d && !quoted) fields++;
  }
  return fields;
}

/**
 * The decimal separator of a file's amounts: `,` when some amount ends in `,d` or `,dd` or uses `.` as thousands
 * separator before a `,`; `.` when some ends in `.d`/`.dd` or uses `,` before a `.`; otherwise `,` for `;`-files
 * (the European convention) and `.` for the rest.
 */
export function detectDecimalSeparator(cells: readonly string[], delimiter = ','): '.' | ',' {
  let comma = 0;
  let dot = 0;
  for (const raw of cells) {
    // A longer cell is no amount (it is an error of its row) and says nothing about the file's separator.
    if (raw.length > IMPORT_LIMITS.maxShortFieldLength) continue;
    const s = raw.replace(/[^\d.,]/g, '');
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) {
      if (lastComma > lastDot) comma++;
      else dot++;
    } else if (/,\d{1,2}$/.test(s) || /,\d{4,}$/.test(s)) comma++;
    else if (/\.\d{1,2}$/.test(s) || /\.\d{4,}$/.test(s)) dot++;
    else if (/\.\d{3}\.\d{3}/.test(s) || /^(?:\d{4,}|0),\d{3}$/.test(s)) comma++;
    else if (/,\d{3},\d{3}/.test(s) || /^(?:\d{4,}|0)\.\d{3}$/.test(s)) dot++;
  }
  if (comma > dot) return ',';
  if (dot > comma) return '.';
  return delimiter === ';' ? ',' : '.';
}

/**
 * The records of a CSV text with the line each starts on (csv-parse does the reading; lines are counted from the
 * byte offsets it reports, since quoted fields may hold line breaks).
 */
function readRecords(text: string, delimiter: string): { records: CsvRecord[]; errors: ImportError[] } {
  const bytes = Buffer.from(text, 'utf8');
  const newlines: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) newlines.push(i);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((newlines[mid] ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const errors: ImportError[] = [];
  const parsed = parse(bytes, {
    delimiter,
    ...recordDelimiterOf(text),
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err) errors.push({ row: lineAt(Math.max(0, (err as { bytes?: number }).bytes ?? 0)), message: `The row is not valid CSV: ${err.message}` });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { bytes: number } }[];
  const records: CsvRecord[] = [];
  for (const { record, info } of parsed) {
    let end = Math.min(info.bytes, bytes.length) - 1;
    while (end > 0 && (bytes[end] === 10 || bytes[end] === 13)) end--;
    let inside = 0;
    for (const c of record) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) inside++;
    const line = lineAt(end) - inside;
    // Header detection compares every cell of the first rows with every column name: columns are bounded.
    if (record.length > IMPORT_LIMITS.maxCsvColumns) errors.push({ row: line, message: `The row has ${record.length} fields; at most ${IMPORT_LIMITS.maxCsvColumns} are read.` });
    else records.push({ line, cells: record });
  }
  return { records, errors };
}

/**
 * The record delimiter to give csv-parse when its own discovery would be slow: it allocates three buffers at every
 * character of the first line until that line ends, which is fine for a header and costs seconds for a first line
 * of megabytes. Files whose first line break comes early keep csv-parse's discovery (it skips quoted breaks).
 */
function recordDelimiterOf(text: string): { record_delimiter?: string } {
  const DISCOVERY_LIMIT = 64 * 1024;
  const cr = text.indexOf('\r', 0);
  const lf = text.indexOf('\n', 0);
  const first = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
  if (first >= 0 && first < DISCOVERY_LIMIT) return {};
  if (first < 0) return text.length < DISCOVERY_LIMIT ? {} : { record_delimiter: '\n' };
  return { record_delimiter: first === lf ? '\n' : text[first + 1] === '\n' ? '\r\n' : '\r' };
}

function detectLayout(records: CsvRecord[]): { headerIndex: number; columns: ResolvedColumns } {
  for (let i = 0; i < Math.min(records.length, MAX_HEADER_SEARCH); i++) {
    const match = matchHeader(records[i]?.cells ?? []);
    if (match) return { headerIndex: i, columns: fromMatch(match) };
  }
  throw new FileProblem(
    0,
    'Cannot find the header row (a row naming the date, amount — or debit and credit — and description columns); choose the columns.',
  );
}

function fromMatch(match: HeaderMatch): ResolvedColumns {
  const description = match.description ?? match.payee ?? match.memo;
  const columns: ResolvedColumns = { date: match.date ?? 0, description: description === undefined ? [] : [description] };
  if (match.debit !== undefined && match.credit !== undefined) {
    columns.debit = match.debit;
    columns.credit = match.credit;
  } else if (match.amount !== undefined) {
    columns.amount = match.amount;
    if (match.direction !== undefined) columns.direction = match.direction;
  }
  for (const key of ['payee', 'memo', 'currency', 'bankId', 'category', 'type'] as const) {
    const index = match[key];
    if (index !== undefined) columns[key] = index;
  }
  return columns;
}

function resolveMapping(mapping: CsvMapping, records: CsvRecord[], options: CsvOptions): { headerIndex: number; columns: ResolvedColumns } {
  const amount = mapping.amount;
  const refs: { key: keyof ResolvedColumns; ref: ColumnRef }[] = [{ key: 'date', ref: mapping.date }];
  if (typeof amount === 'object' && amount !== null) refs.push({ key: 'debit', ref: amount.debit }, { key: 'credit', ref: amount.credit });
  else refs.push({ key: 'amount', ref: amount });
  const descriptions = (Array.isArray(mapping.description) ? mapping.description : [mapping.description]) as ColumnRef[];
  for (const key of ['currency', 'direction', 'payee', 'memo', 'bankId', 'category'] as const) {
    const ref = mapping[key];
    if (ref !== undefined) refs.push({ key, ref });
  }
  const named = [...refs.map((r) => r.ref), ...descriptions].filter((r): r is string => typeof r === 'string');
  let headerIndex = -1;
  if (named.length > 0) {
    const wanted = named.map(normaliseHeader);
    headerIndex = records.slice(0, MAX_HEADER_SEARCH).findIndex((r) => {
      const names = r.cells.map(normaliseHeader);
      return wanted.every((w) => names.includes(w));
    });
    if (headerIndex < 0) throw new FileProblem(0, `Cannot find a header row with the columns ${named.map((n) => JSON.stringify(n)).join(', ')}.`);
  } else if (options.hasHeader ?? looksLikeHeader(records[0], mapping.date)) {
    headerIndex = 0;
  }
  const header = headerIndex >= 0 ? (records[headerIndex]?.cells ?? []).map(normaliseHeader) : undefined;
  // A loop, not Math.max(...): spreading one argument per row overflows the stack on large files.
  let width = header?.length ?? 0;
  if (!header) for (const r of records) width = Math.max(width, r.cells.length);
  const indexOf = (ref: ColumnRef, what: string): number => {
    if (typeof ref === 'number') {
      if (!Number.isInteger(ref) || ref < 0 || ref >= width) throw new FileProblem(0, `The ${what} column ${ref} does not exist (the file has ${width} columns, counted from 0).`);
      return ref;
    }
    const index = header?.indexOf(normaliseHeader(ref)) ?? -1;
    if (index < 0) throw new FileProblem(0, `There is no column named ${JSON.stringify(ref)}.`);
    return index;
  };
  const columns: ResolvedColumns = { date: 0, description: descriptions.map((d) => indexOf(d, 'description')) };
  for (const { key, ref } of refs) (columns as unknown as Record<string, number>)[key] = indexOf(ref, key);
  return { headerIndex, columns };
}

function looksLikeHeader(record: CsvRecord | undefined, dateRef: ColumnRef): boolean {
  if (!record || typeof dateRef !== 'number') return false;
  return readDate(record.cells[dateRef] ?? '').kind === 'invalid';
}
