import type { Minor } from '../money';
import type { ImportTruncation } from './limits';

/**
 * One transaction read from a bank file, before it becomes a ledger transaction. The amount is signed from the
 * account's point of view (negative = money out), unlike the ledger's positive amount plus type.
 */
export interface ImportRow {
  /**
   * Where the transaction is in the file, 1-based and unique within one file: the line its record starts on for
   * CSV and QIF, the ordinal of its `<STMTTRN>` for OFX (OFX files are often one long line).
   */
  row: number;
  /** `YYYY-MM-DD`, as printed by the bank (no time-zone shift). */
  date: string;
  /** Signed integer minor units of `currency`: negative = money out of the account. */
  amount: Minor;
  /** ISO 4217 code. */
  currency: string;
  /** What the statement says about the transaction (whitespace collapsed, never blank). */
  description: string;
  /** The bank's own transaction id (OFX FITID), when the file has one. */
  bankId?: string;
  /** Counterparty name (OFX NAME, QIF P, CSV payee column). */
  payee?: string;
  /** Free text (OFX MEMO, QIF M, CSV memo column). */
  memo?: string;
  /** The file's own category (QIF L, CSV category column), as raw text. */
  category?: string;
  /** Split lines of the file (QIF S/E/$), as information; their sum may not equal `amount` in sloppy files. */
  splits?: ImportSplit[];
  /** The account the file names for this transaction (OFX ACCTID), when it names one. */
  account?: string;
}

/** A split line of an imported transaction. */
export interface ImportSplit {
  category?: string;
  memo?: string;
  /** Signed minor units, same sign convention as the row. */
  amount: Minor;
}

/** A row (or the file) that could not be read, with a message meant for the person importing. */
export interface ImportError {
  /** Same numbering as {@link ImportRow.row}; 0 when the problem is with the file as a whole. */
  row: number;
  message: string;
}

/** What every parser returns: the rows it could read and the ones it could not. */
export interface ImportResult {
  rows: ImportRow[];
  errors: ImportError[];
  /** Fields of `rows` cut to their bound at parse time (see `IMPORT_LIMITS`), in row order; absent when none. */
  truncated?: ImportTruncation[];
}
