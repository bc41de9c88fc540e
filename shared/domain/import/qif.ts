import { DomainError } from '../errors';
import { isCurrency, parseAmount, sumMinor } from '../money';
import { detectDecimalSeparator } from './csv';
import { detectDateOrder, readDate, resolveDate, type DateFormat, type DateOrder } from './dates';
import { clipField, IMPORT_LIMITS, quote, type ImportTruncation } from './limits';
import type { ImportError, ImportResult, ImportRow, ImportSplit } from './types';

/**
 * QIF (Quicken Interchange Format): `!Type:Bank` (also `CCard`, `Cash`, `Oth A`, `Oth L`) then records of
 * one-letter fields ended by `^`: D date, T/U amount, P payee, M memo, L category, N number, C cleared status,
 * A address, and split lines S (category) / E (memo) / $ (amount) / % (percent). Investment (`!Type:Invst`),
 * category and class lists and memorised transactions are skipped.
 */

/** Options of {@link parseQif}. */
export interface QifOptions {
  /** QIF files name no currency: the account's currency. */
  currency: string;
  /** Date order when the file leaves it open (see `detectDateOrder`). */
  dateFormat?: DateFormat;
  /** Detected from the amounts when absent. */
  decimalSeparator?: '.' | ',';
}

/** What {@link parseQif} returns. */
export interface QifImportResult extends ImportResult {
  /** The `!Type:` of the transactions (`Bank`, `CCard`…). */
  accountType?: string;
  dateOrder?: DateOrder;
  decimalSeparator?: '.' | ',';
}

interface QifRecord {
  line: number;
  fields: { code: string; value: string; line: number }[];
  /** More lines than {@link IMPORT_LIMITS.maxQifRecordLines}: the rest were not kept, the record is an error. */
  oversize?: boolean;
}

const TRANSACTION_TYPES = new Set(['bank', 'ccard', 'cash', 'oth a', 'oth l']);

/**
 * Reads a QIF file into rows (split lines folded into one row, kept in `splits`). Row numbers are the line each
 * record starts on. Never throws for bad data: unreadable records are listed in `errors` — a record of more than
 * {@link IMPORT_LIMITS.maxQifRecordLines} lines (a file without `^` separators) is one. Text longer than the ledger
 * keeps, and splits past {@link IMPORT_LIMITS.maxSplits}, are cut and listed in `truncated`. Linear in the file.
 */
export function parseQif(text: string, options: QifOptions): QifImportResult {
  if (!isCurrency(options.currency)) {
    return { rows: [], errors: [{ row: 0, message: `${JSON.stringify(options.currency)} is not an ISO 4217 currency code.` }] };
  }
  const { records, accountType, skippedInvestments } = collectRecords(String(text ?? '').replace(/^\uFEFF/, ''));
  const errors: ImportError[] = [];
  if (skippedInvestments) errors.push({ row: 0, message: 'Investment account records (!Type:Invst) are not imported.' });

  const dateTexts = records.flatMap((r) => r.fields.filter((f) => f.code === 'D').map((f) => normaliseQifDate(f.value)));
  const detection = detectDateOrder(dateTexts, options.dateFormat);
  const amountTexts = records.flatMap((r) => r.fields.filter((f) => f.code === 'T' || f.code === 'U' || f.code === '$').map((f) => f.value));
  const decimalSeparator = options.decimalSeparator ?? detectDecimalSeparator(amountTexts, ',');
  if (detection.order === undefined) {
    const first = records.find((r) => r.fields.some((f) => f.code === 'D'));
    return { rows: [], errors: [...errors, { row: first?.line ?? 0, message: `Cannot tell the date format: ${detection.problem ?? 'unknown'}.` }], decimalSeparator };
  }

  const rows: ImportRow[] = [];
  const truncated: ImportTruncation[] = [];
  for (const record of records) {
    const result = readRecord(record, detection.order, decimalSeparator, options.currency, truncated);
    if ('message' in result) errors.push({ row: record.line, message: result.message });
    else rows.push(result);
  }
  const out: QifImportResult = { rows, errors, dateOrder: detection.order, decimalSeparator };
  if (truncated.length > 0) out.truncated = truncated;
  if (accountType) out.accountType = accountType;
  return out;
}

/**
 * The file's transaction records (lines up to each `^`, in sections of a transaction account type), the account type
 * its first such `!Type:` header names, and whether it held investment records (which are not imported).
 */
function collectRecords(input: string): { records: QifRecord[]; accountType: string | undefined; skippedInvestments: boolean } {
  const records: QifRecord[] = [];
  let section: string | undefined;
  let accountType: string | undefined;
  let current: QifRecord | undefined;
  let skippedInvestments = false;
  // Lines are read one at a time (not split into an array first): a line nobody keeps is garbage at once.
  forEachLine(input, (raw, number) => {
    const line = raw.trimEnd();
    if (line.trim() === '') return;
    if (line.startsWith('!')) {
      const header = line.slice(1).trim().toLowerCase();
      if (header.startsWith('type:')) {
        section = header.slice(5).trim();
        if (TRANSACTION_TYPES.has(section)) accountType ??= line.slice(line.indexOf(':') + 1).trim();
        if (section === 'invst') skippedInvestments = true;
      } else if (header === 'account') {
        section = 'account';
      }
      // !Option:AutoSwitch, !Clear:AutoSwitch and the like change nothing for us.
      current = undefined;
      return;
    }
    if (line.trim() === '^') {
      if (current && isTransactionSection(section)) records.push(current);
      current = undefined;
      return;
    }
    current ??= { line: number, fields: [] };
    if (current.fields.length >= IMPORT_LIMITS.maxQifRecordLines) current.oversize = true;
    else current.fields.push({ code: line[0] ?? '', value: line.slice(1).trim(), line: number });
  });
  // A last record without its closing ^ still counts.
  if (current && isTransactionSection(section)) records.push(current);
  return { records, accountType, skippedInvestments };
}

/** Calls `visit` with each line of `text` (ended by CRLF, CR or LF, as `split(/\r\n|\r|\n/)` would cut) and its number. */
function forEachLine(text: string, visit: (line: string, number: number) => void): void {
  let number = 1;
  let start = 0;
  let cr = -2;
  let lf = -2;
  for (;;) {
    if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
    if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
    const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
    if (end < 0) break;
    visit(text.slice(start, end), number++);
    start = end + (end === cr && lf === end + 1 ? 2 : 1);
  }
  visit(text.slice(start), number);
}

function isTransactionSection(section: string | undefined): boolean {
  // Records before any !Type: header are taken as bank transactions.
  return section === undefined || TRANSACTION_TYPES.has(section);
}

/**
 * Quicken's date quirks made ordinary: `1/31'24` (apostrophe = 2000s) → `1/31/2024`, `1/31' 4` → `1/31/2004`,
 * spaces inside (` 1/ 5/24`) removed.
 */
export function normaliseQifDate(text: string): string {
  const s = text.replace(/\s+/g, '');
  const m = /^(\d{1,2})([/.-])(\d{1,2})'(\d{1,4})$/.exec(s);
  if (m) {
    const y = m[4] ?? '';
    const year = y.length <= 2 ? 2000 + Number(y) : Number(y);
    return `${m[1]}${m[2]}${m[3]}${m[2]}${year}`;
  }
  return s;
}

function readRecord(
  record: QifRecord,
  order: DateOrder,
  decimalSeparator: '.' | ',',
  currency: string,
  truncations: ImportTruncation[],
): ImportRow | { message: string } {
  if (record.oversize) return { message: `The record has more than ${IMPORT_LIMITS.maxQifRecordLines} lines; is a ^ line missing after a record?` };
  const first = (code: string) => record.fields.find((f) => f.code === code)?.value;
  const dateText = first('D');
  if (dateText === undefined || dateText === '') return { message: 'The record has no date (D line).' };
  const date = resolveDate(readDate(normaliseQifDate(dateText)), order);
  if (!date) return { message: `${quote(dateText)} is not a date (expected ${order === 'mdy' ? 'month/day/year' : 'day/month/year'}).` };

  const read = (text: string, what: string): number | { message: string } => {
    if (text.length > IMPORT_LIMITS.maxShortFieldLength) return { message: `${what}: ${quote(text)} is too long to be an amount.` };
    try {
      return parseAmount(text, currency, { decimalSeparator });
    } catch (e) {
      if (e instanceof DomainError) return { message: `${what}: ${e.message}` };
      throw e;
    }
  };

  const splits = readSplits(record, read);
  if (!Array.isArray(splits)) return splits;

  const amountText = first('T') ?? first('U');
  let amount: number;
  if (amountText !== undefined && amountText !== '') {
    const value = read(amountText, 'amount');
    if (typeof value !== 'number') return value;
    amount = value;
  } else if (splits.length > 0) {
    amount = sumMinor(splits.map((s) => s.amount));
  } else {
    return { message: 'The record has no amount (T line).' };
  }
  return describedRow(record, first, date, amount, currency, splits, truncations);
}

/** The record's split lines (S category, E memo, $ amount) as splits; the message of an unreadable amount. */
function readSplits(record: QifRecord, read: (text: string, what: string) => number | { message: string }): ImportSplit[] | { message: string } {
  const splits: ImportSplit[] = [];
  let split: ImportSplit | undefined;
  for (const f of record.fields) {
    if (f.code === 'S') {
      split = { amount: 0 };
      if (f.value) split.category = f.value;
      splits.push(split);
    } else if (f.code === 'E') {
      if (!split) {
        split = { amount: 0 };
        splits.push(split);
      }
      if (f.value) split.memo = f.value;
    } else if (f.code === '$') {
      if (!split) {
        split = { amount: 0 };
        splits.push(split);
      }
      const value = read(f.value, 'split amount');
      if (typeof value !== 'number') return value;
      split.amount = value;
      split = undefined;
    }
  }
  return splits;
}

/** The row of a readable record: its description (payee, memo, check number or category), text fields cut to size. */
function describedRow(
  record: QifRecord,
  first: (code: string) => string | undefined,
  date: string,
  amount: number,
  currency: string,
  splits: ImportSplit[],
  truncations: ImportTruncation[],
): ImportRow | { message: string } {
  const collapse = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const payee = collapse(first('P'));
  const memo = (first('M') ?? '').trim();
  const category = collapse(first('L'));
  const number = collapse(first('N'));
  const described = payee || collapse(memo) || (/^\d+$/.test(number) ? `Check ${number}` : number) || category;
  if (!described) return { message: 'The record has no payee, memo or number to describe it.' };

  const clip = (text: string, max: number, field: string) => clipField(text, max, record.line, field, truncations);
  const row: ImportRow = { row: record.line, date, amount, currency, description: clip(described, IMPORT_LIMITS.maxDescriptionLength, 'description') };
  if (payee) row.payee = clip(payee, IMPORT_LIMITS.maxPayeeLength, 'payee');
  if (memo) row.memo = clip(memo, IMPORT_LIMITS.maxMemoLength, 'memo');
  if (category) row.category = clip(category, IMPORT_LIMITS.maxCategoryLength, 'category');
  if (splits.length > 0) row.splits = clipSplits(splits, record.line, truncations);
  return row;
}

/** The first splits (the amount is the sum of all), their texts cut to size: each cut field listed once per row. */
function clipSplits(splits: ImportSplit[], line: number, truncations: ImportTruncation[]): ImportSplit[] {
  if (splits.length > IMPORT_LIMITS.maxSplits) {
    splits.length = IMPORT_LIMITS.maxSplits;
    truncations.push({ row: line, field: 'splits' });
  }
  const cuts: ImportTruncation[] = [];
  for (const s of splits) {
    if (s.category !== undefined) s.category = clipField(s.category, IMPORT_LIMITS.maxSplitTextLength, line, 'splits.category', cuts);
    if (s.memo !== undefined) s.memo = clipField(s.memo, IMPORT_LIMITS.maxSplitTextLength, line, 'splits.memo', cuts);
  }
  // One entry per field and row, however many of its splits were cut.
  for (const field of new Set(cuts.map((c) => c.field))) truncations.push({ row: line, field });
  return splits;
}
