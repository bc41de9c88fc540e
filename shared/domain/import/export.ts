import { formatAmount } from '../money';
import type { ImportRow } from './types';

/** A transaction to export: the fields of an imported row, without its position. */
export type ExportRow = Omit<ImportRow, 'row' | 'splits' | 'account'>;

/** The columns {@link toCsv} writes; `parseCsv` recognises every one of them by header. */
export const EXPORT_COLUMNS = ['Date', 'Amount', 'Currency', 'Description', 'Payee', 'Memo', 'Category', 'Bank ID'] as const;

/** Options of {@link toCsv}. */
export interface ToCsvOptions {
  /** `,` (default) or `;`. Amounts always use `.` as decimal point. */
  delimiter?: ',' | ';';
}

/**
 * Writes transactions as RFC 4180 CSV (CRLF line ends, fields quoted when they need it) with the header
 * {@link EXPORT_COLUMNS}: dates `YYYY-MM-DD`, signed amounts in plain decimals of the currency's exponent.
 * `parseCsv` reads the file back to the same rows.
 *
 * Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading
 * `'` (the OWASP CSV-injection guard); `parseCsv` removes it again.
 *
 * @throws ValidationError when an amount is not a safe integer or a currency is unknown.
 */
export function toCsv(rows: readonly ExportRow[], options: ToCsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const lines = [EXPORT_COLUMNS.map((c) => quote(c, delimiter)).join(delimiter)];
  for (const r of rows) {
    const cells = [
      r.date,
      formatAmount(r.amount, r.currency),
      r.currency,
      guard(r.description),
      guard(r.payee ?? ''),
      guard(r.memo ?? ''),
      guard(r.category ?? ''),
      guard(r.bankId ?? ''),
    ];
    lines.push(cells.map((c) => quote(c, delimiter)).join(delimiter));
  }
  return lines.join('\r\n') + '\r\n';
}

function guard(text: string): string {
  // Also guards text that already starts with quote marks before a formula character, so that the reader's
  // removal of one quote mark gives back exactly what was written.
  return /^'*[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
