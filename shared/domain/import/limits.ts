import { TRANSACTION_LIMITS } from '../ledger/transaction';

/**
 * Bounds of the import parsers. Every parser runs in time linear in its input whatever the file; these bound
 * what a file may hold (nesting, tag names, columns, lines per record) and how long each kept field is. Text
 * fields longer than their bound are cut at parse time and listed in {@link ImportTruncation}s.
 */
export const IMPORT_LIMITS = Object.freeze({
  /** The ledger's own limit: a longer description could never be stored. */
  maxDescriptionLength: TRANSACTION_LIMITS.maxDescriptionLength,
  /** The memo becomes the transaction's notes. */
  maxMemoLength: TRANSACTION_LIMITS.maxNotesLength,
  /** The payee may become the description. */
  maxPayeeLength: TRANSACTION_LIMITS.maxDescriptionLength,
  /** A file's category name (matched against the user's categories). */
  maxCategoryLength: 100,
  /** OFX allows 255 characters for FITID and ACCTID. */
  maxBankIdLength: 255,
  maxAccountLength: 255,
  /** Split lines kept per row (QIF), the ledger's own limit of split parts. */
  maxSplits: TRANSACTION_LIMITS.maxSplits,
  /** Category and memo of one split line. */
  maxSplitTextLength: 200,
  /** Dates, amounts, currency codes and directions longer than this are not read (they are errors). */
  maxShortFieldLength: 64,
  /** OFX aggregates inside one another; real statements nest about 8 deep. */
  maxOfxDepth: 32,
  /** OFX elements in one file (a 5 MB statement of 25,000 transactions has about 250,000). */
  maxOfxElements: 1_000_000,
  /** Characters of an OFX tag name (the longest in the specification has 20). */
  maxOfxTagName: 64,
  /** CSV fields in one row (a column mapping names columns 0–200). */
  maxCsvColumns: 256,
  /** Lines of one QIF record (a record with 100 splits has about 310). */
  maxQifRecordLines: 1_000,
  /** Truncations an import report lists (the count covers all of them). */
  maxTruncationsListed: 1_000,
  /**
   * Duplicates, and unreadable rows, an import report lists (their counts cover all of them): a 5 MB file re-imported
   * would otherwise list ~50,000 duplicates, past what one Lambda answer may hold (6 MB).
   */
  maxReportEntriesListed: 1_000,
});

/** A field of an imported row that was cut to its bound at parse time. */
export interface ImportTruncation {
  /** The row, numbered as {@link ImportRow.row}. */
  row: number;
  /** `description`, `memo`, `payee`, `category`, `bankId`, `account`, `splits`, `splits.category` or `splits.memo`. */
  field: string;
}

/**
 * The first `max` code points of `text` (never half of a surrogate pair), or `text` itself when it is not longer.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let i = 0;
  for (let n = 0; n < max && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return text.slice(0, i);
}

/** Cuts a field to `max` code points, noting the cut in `truncated`. */
export function clipField(text: string, max: number, row: number, field: string, truncated: ImportTruncation[]): string {
  const clipped = clipText(text, max);
  if (clipped.length < text.length) truncated.push({ row, field });
  return clipped;
}

/** A piece of the file quoted in a message: at most 40 characters, so that a message stays short. */
export function quote(text: string): string {
  const clipped = clipText(text, 40);
  return JSON.stringify(clipped.length < text.length ? `${clipped}…` : clipped);
}

/** Line (1-based) of a character offset, counted once when a message needs it. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
