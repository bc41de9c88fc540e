/** Bank-file import: CSV, OFX and QIF parsers, duplicate detection and CSV export. */
export type { ImportError, ImportResult, ImportRow, ImportSplit } from './types';
export { clipText, IMPORT_LIMITS, type ImportTruncation } from './limits';
export { chunkByBytes } from './chunks';
export {
  DATE_FORMATS,
  dateOrderOf,
  detectDateOrder,
  readDate,
  resolveDate,
  type DateFormat,
  type DateOrder,
  type DateOrderDetection,
  type DateReading,
} from './dates';
export { HEADER_SYNONYMS, matchHeader, normaliseHeader, type CsvField, type HeaderMatch } from './csv-headers';
export {
  detectDecimalSeparator,
  detectDelimiter,
  parseCsv,
  type ColumnRef,
  type CsvImportResult,
  type CsvLayout,
  type CsvMapping,
  type CsvOptions,
  type ResolvedColumns,
} from './csv';
export { ofxCharset, ofxDate, parseOfx, parseOfxTree, type OfxElement, type OfxImportResult, type OfxOptions, type OfxStatement } from './ofx';
export { normaliseQifDate, parseQif, type QifImportResult, type QifOptions } from './qif';
export { findDuplicates, type DuplicateCandidate, type DuplicateMatch, type DuplicateOptions, type ExistingTransaction } from './duplicates';
export { EXPORT_COLUMNS, toCsv, type ExportRow, type ToCsvOptions } from './export';
