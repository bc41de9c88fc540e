import styles from '../pages/import.module.css';
import { SelectField } from './field';
import { DELIMITERS, guessColumns, looksLikeHeader, readCsv, type CsvRecord, type Delimiter } from './import-csv';
import { DATE_FORMATS, type DateFormat, type ImportMapping } from './import-queries';

/** The person's choices for a CSV file (columns counted from 0). */
export interface MappingChoice {
  delimiter: Delimiter;
  hasHeader: boolean;
  date: number;
  split: boolean;
  amount: number;
  debit: number;
  credit: number;
  description: number;
  dateFormat: DateFormat | '';
}

export const PREVIEW_ROWS = 20;

/** The first guess for a file: its delimiter, whether it has a header, and columns by name or by content. */
export function initialChoice(text: string, delimiter: Delimiter): MappingChoice {
  const records = readCsv(text, delimiter, PREVIEW_ROWS + 1);
  const hasHeader = looksLikeHeader(records);
  return { delimiter, hasHeader, dateFormat: '', ...guessColumns(records, hasHeader) };
}

/**
 * The mapping in the form the API takes: columns by header name when the file has a header whose names are
 * distinct (the API then finds the header even after a bank's preamble), else by index.
 */
export function toMapping(c: MappingChoice, records: CsvRecord[]): ImportMapping {
  const header = c.hasHeader ? (records[0]?.cells ?? []).map((h) => h.trim()) : [];
  const normal = header.map((h) => h.toLowerCase());
  const named = header.length > 0 && header.every((h, i) => h !== '' && h.length <= 100 && normal.indexOf(h.toLowerCase()) === i);
  const col = (i: number): string | number => (named ? (header[i] ?? i) : i);
  return {
    date: col(c.date),
    amount: c.split ? { debit: col(c.debit), credit: col(c.credit) } : col(c.amount),
    description: col(c.description),
    ...(c.dateFormat ? { dateFormat: c.dateFormat } : {}),
  };
}

interface Props {
  choice: MappingChoice;
  onChange: (c: MappingChoice) => void;
  records: CsvRecord[];
}

/** Column choices above a preview of the first rows, each column headed by what it is mapped to. */
export function MappingForm({ choice, onChange, records }: Props) {
  const set = (p: Partial<MappingChoice>) => onChange({ ...choice, ...p });
  const width = Math.max(1, ...records.map((r) => r.cells.length));
  const header = choice.hasHeader ? records[0]?.cells : undefined;
  const name = (i: number) => `${i + 1}${header?.[i] ? ` · ${header[i]}` : ''}`;
  const columnSelect = (label: string, value: number, key: keyof MappingChoice) => (
    <SelectField label={label} value={value} onChange={(e) => set({ [key]: Number(e.target.value) })}>
      {Array.from({ length: width }, (_, i) => (
        <option key={i} value={i}>
          Column {name(i)}
        </option>
      ))}
    </SelectField>
  );
  return (
    <fieldset className={styles.mapping}>
      <legend>Columns</legend>
      <div className={styles.choices}>
        <SelectField label="Delimiter" value={choice.delimiter} hint="Detected from the file" onChange={(e) => set({ delimiter: e.target.value as Delimiter })}>
          {DELIMITERS.map(([d, label]) => (
            <option key={d} value={d}>
              {label}
            </option>
          ))}
        </SelectField>
        {columnSelect('Date column', choice.date, 'date')}
        <SelectField label="Date format" value={choice.dateFormat} onChange={(e) => set({ dateFormat: e.target.value as DateFormat | '' })}>
          <option value="">Detect from the dates</option>
          {DATE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </SelectField>
        <SelectField label="Amounts" value={choice.split ? 'split' : 'signed'} onChange={(e) => set({ split: e.target.value === 'split' })}>
          <option value="signed">One column, negative = money out</option>
          <option value="split">Separate debit and credit columns</option>
        </SelectField>
        {choice.split ? (
          <>
            {columnSelect('Debit column (money out)', choice.debit, 'debit')}
            {columnSelect('Credit column (money in)', choice.credit, 'credit')}
          </>
        ) : (
          columnSelect('Amount column', choice.amount, 'amount')
        )}
        {columnSelect('Description column', choice.description, 'description')}
      </div>
      <label className={styles.check}>
        <input type="checkbox" checked={choice.hasHeader} onChange={(e) => set({ hasHeader: e.target.checked })} /> The first row names the columns
      </label>
    </fieldset>
  );
}

/** What each column is mapped to, for the preview's headings. */
function roleOf(c: MappingChoice, i: number): string | undefined {
  if (i === c.date) return 'Date';
  if (c.split && i === c.debit) return 'Debit';
  if (c.split && i === c.credit) return 'Credit';
  if (!c.split && i === c.amount) return 'Amount';
  if (i === c.description) return 'Description';
  return undefined;
}

/** The first rows as the mapping reads them. */
export function MappingPreview({ choice, records }: { choice: MappingChoice; records: CsvRecord[] }) {
  const width = Math.max(1, ...records.map((r) => r.cells.length));
  const header = choice.hasHeader ? records[0]?.cells : undefined;
  const rows = records.slice(choice.hasHeader ? 1 : 0, (choice.hasHeader ? 1 : 0) + PREVIEW_ROWS);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Preview of the first rows">
      <table className={styles.preview}>
        <caption>First {rows.length} rows of the file, as they will be read</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            {Array.from({ length: width }, (_, i) => (
              <th scope="col" key={i} className={roleOf(choice, i) ? styles.mapped : undefined}>
                {roleOf(choice, i) ? <span className="badge good">{roleOf(choice, i)}</span> : <span className="muted">not used</span>}
                <br />
                {header?.[i] || `Column ${i + 1}`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.line}>
              <td className="muted">{r.line}</td>
              {Array.from({ length: width }, (_, i) => (
                <td key={i}>{r.cells[i] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
