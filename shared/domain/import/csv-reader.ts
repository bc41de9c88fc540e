/**
 * The CSV reading the importer needs, byte for byte as csv-parse 6 reads with the options the importer gave it
 * (`relax_quotes`, `relax_column_count`, `skip_empty_lines`, `skip_records_with_error`, `info`; double quote as quote
 * and escape; no BOM handling, comments, trimming or casting): records, the byte offset each ends at, and the one
 * error those options leave (an opening quote never closed). csv-parse normalises and checks some forty options
 * before reading; this reads with these alone, so the import request's bundle carries a page of code instead of
 * 27 KB. tests/unit/domain/import/csv-reader.test.ts compares the two on edge cases and generated files.
 */

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** Record delimiters csv-parse discovers, in the order it tries them. */
const DISCOVERABLE = [Uint8Array.of(CR, LF), Uint8Array.of(LF), Uint8Array.of(CR)];

/** A record and the byte offset just past it (its record delimiter included): csv-parse's `info.bytes`. */
export interface CsvReadRecord {
  record: string[];
  bytes: number;
}

/** A record left out: csv-parse's message and the offset of the last field or record end before it. */
export interface CsvReadError {
  message: string;
  bytes: number;
}

/** Whether `needle` occurs in `buf` at `pos`. */
function at(buf: Uint8Array, pos: number, needle: Uint8Array): boolean {
  for (let j = 0; j < needle.length; j++) if (buf[pos + j] !== needle[j]) return false;
  return needle.length > 0;
}

/** The field being read, as bytes (a closing quote followed by text puts the opening one back in front). */
class FieldBytes {
  private bytes = new Uint8Array(64);
  length = 0;

  append(b: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = b;
  }

  prepend(b: number): void {
    this.append(b);
    this.bytes.copyWithin(1, 0, this.length - 1);
    this.bytes[0] = b;
  }

  take(): string {
    const text = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.length).toString('utf8');
    this.length = 0;
    return text;
  }
}

/** The reader's state between bytes (the names of csv-parse's). */
interface State {
  rd: Uint8Array | undefined;
  quoting: boolean;
  wasQuoting: boolean;
  escaping: boolean;
  wasRowDelimiter: boolean;
  lines: number;
  bytes: number;
  field: FieldBytes;
  record: string[];
  records: CsvReadRecord[];
}

/** The first of CRLF, LF, CR at `pos`, which becomes the record delimiter for the rest of the file. */
function discover(buf: Uint8Array, pos: number, s: State): boolean {
  const found = DISCOVERABLE.find((rd) => at(buf, pos, rd));
  if (found) s.rd = found;
  return found !== undefined;
}

function endField(s: State): void {
  s.record.push(s.field.take());
  s.wasQuoting = false;
}

function endRecord(s: State): void {
  s.records.push({ record: s.record, bytes: s.bytes });
  s.record = [];
}

/**
 * A quote at `pos` read inside or outside a quoted field: true when it was consumed (opening or closing); false when
 * it is text (a quote inside unquoted text, or a closing quote followed by neither delimiter nor record end, which
 * also puts the opening quote back in front of the field, as `relax_quotes` does).
 */
function quoteAt(buf: Uint8Array, pos: number, delimiter: Uint8Array, s: State): boolean {
  if (!s.quoting) {
    if (s.field.length !== 0) return false;
    s.quoting = true;
    return true;
  }
  const next = buf[pos + 1];
  const isDelimiter = at(buf, pos + 1, delimiter);
  // csv-parse looks for a record delimiter here even after finding a field delimiter, and may discover it here.
  const isRecordEnd = s.rd === undefined ? discover(buf, pos + 1, s) : at(buf, pos + 1, s.rd);
  s.quoting = false;
  s.wasQuoting = true;
  if (!next || isDelimiter || isRecordEnd) return true;
  s.field.prepend(QUOTE);
  return false;
}

/** A delimiter outside quotes at `pos`: its length, after ending the field (and the record); 0 for text. */
function boundaryAt(buf: Uint8Array, pos: number, delimiter: Uint8Array, s: State): number {
  if (s.rd !== undefined && at(buf, pos, s.rd)) {
    if (!s.wasQuoting && s.record.length === 0 && s.field.length === 0) return s.rd.length; // an empty line
    s.bytes = pos;
    endField(s);
    s.bytes = pos + s.rd.length;
    endRecord(s);
    return s.rd.length;
  }
  if (!at(buf, pos, delimiter)) return 0;
  s.bytes = pos;
  endField(s);
  return delimiter.length;
}

/**
 * Reads `buf` (UTF-8) into records split by `delimiter` and by `recordDelimiter`, or by the first of CRLF, LF and CR
 * met outside quotes when none is given. Never throws: a quote still open at the end leaves its record out, with an
 * error carrying csv-parse's message.
 */
export function readCsv(buf: Uint8Array, delimiter: string, recordDelimiter?: string): { records: CsvReadRecord[]; errors: CsvReadError[] } {
  const d = Buffer.from(delimiter, 'utf8');
  const rd = recordDelimiter === undefined ? undefined : Buffer.from(recordDelimiter, 'utf8');
  const s: State = { rd, quoting: false, wasQuoting: false, escaping: false, wasRowDelimiter: false, lines: 1, bytes: 0, field: new FieldBytes(), record: [], records: [] };
  for (let pos = 0; pos < buf.length; pos++) {
    if (s.wasRowDelimiter) {
      s.lines++;
      s.wasRowDelimiter = false;
    }
    if (!s.quoting && s.rd === undefined) discover(buf, pos, s);
    const chr = buf[pos] as number;
    if (chr === CR || chr === LF) s.wasRowDelimiter = true;
    if (s.escaping) s.escaping = false;
    else {
      if (s.quoting && chr === QUOTE && buf[pos + 1] === QUOTE) {
        s.escaping = true;
        continue;
      }
      if (chr === QUOTE && quoteAt(buf, pos, d, s)) continue;
      if (!s.quoting) {
        const skip = boundaryAt(buf, pos, d, s);
        if (skip > 0) {
          pos += skip - 1;
          continue;
        }
      }
    }
    s.field.append(chr);
  }
  if (s.quoting) return { records: s.records, errors: [{ message: `Quote Not Closed: the parsing is finished with an opening quote at line ${s.lines}`, bytes: s.bytes }] };
  if (s.wasQuoting || s.record.length !== 0 || s.field.length !== 0) {
    s.bytes = buf.length;
    endField(s);
    endRecord(s);
  }
  return { records: s.records, errors: [] };
}
