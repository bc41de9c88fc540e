import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../api/problem';
import { Field, SelectField } from '../components/field';
import { detectDelimiter, readCsv, readText, type Delimiter } from '../components/import-csv';
import { initialChoice, MappingForm, MappingPreview, PREVIEW_ROWS, toMapping, type MappingChoice } from '../components/import-mapping';
import { formatOf, MAX_IMPORT_BYTES, MAX_IMPORT_REQUEST_BYTES, useStartImport, type ImportBody, type ImportFormat } from '../components/import-queries';
import { ImportProgress } from '../components/import-report';
import { Loading, ProblemMessage } from '../components/states';
import { useAccounts } from '../components/tx-queries';
import styles from './import.module.css';

interface Picked {
  name: string;
  size: number;
  text: string;
  format: ImportFormat;
  /** One Idempotency-Key per file chosen: pressing Import again after a lost answer does not import it twice. */
  key: string;
}

const LIMIT_TEXT = `${MAX_IMPORT_BYTES / 1024 / 1024} MB`;
const FORMATS: [ImportFormat, string][] = [
  ['csv', 'CSV (comma- or semicolon-separated)'],
  ['ofx', 'OFX / QFX'],
  ['qif', 'QIF'],
];

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Import: pick a bank file, map a CSV's columns on a preview, watch it run, read the duplicate report. */
export default function ImportScreen() {
  // The running import's id is in the address: a reload shows its progress and report again.
  const [params, setParams] = useSearchParams();
  const id = params.get('id');
  const [delimiter, setDelimiter] = useState<Delimiter>();
  const [file, setFile] = useState<Picked>();
  const records = useMemo(() => (file?.format === 'csv' && id ? readCsv(file.text, delimiter ?? detectDelimiter(file.text)) : undefined), [file, id, delimiter]);
  const started = (importId: string, d: Delimiter | undefined) => {
    setDelimiter(d);
    setParams({ id: importId });
  };
  return (
    <>
      <h1>Import</h1>
      {id ? (
        <ImportProgress
          id={id}
          records={records}
          onAgain={() => {
            setParams({});
            setFile(undefined);
          }}
        />
      ) : (
        <ImportForm file={file} setFile={setFile} onStarted={started} />
      )}
    </>
  );
}

interface FormProps {
  file: Picked | undefined;
  setFile: (f: Picked | undefined) => void;
  onStarted: (id: string, delimiter: Delimiter | undefined) => void;
}

/** The form's state: the account, the file read in the browser, the CSV mapping, and the request that starts it. */
function useImportForm({ file, setFile, onStarted }: FormProps) {
  const accounts = useAccounts();
  const [accountId, setAccountId] = useState('');
  const [choice, setChoice] = useState<MappingChoice>();
  const [fileError, setFileError] = useState<string>();
  const [dryRun, setDryRun] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const start = useStartImport();
  const open = (accounts.data?.items ?? []).filter((a) => !a.archived);
  const account = accountId || open[0]?.id || '';
  const preview = useMemo(() => (file && choice ? readCsv(file.text, choice.delimiter, PREVIEW_ROWS + 1) : []), [file, choice]);

  const pick = async (chosen: File | undefined) => {
    setFileError(undefined);
    setFile(undefined);
    setChoice(undefined);
    start.reset();
    if (!chosen) return;
    if (chosen.size > MAX_IMPORT_BYTES) return setFileError(`${chosen.name} (${sizeText(chosen.size)}) is larger than ${LIMIT_TEXT}, the most Tally imports in one file. Split it (by year, say) and import each part.`);
    if (chosen.size === 0) return setFileError(`${chosen.name} is empty.`);
    const text = await readText(chosen);
    const format = formatOf(chosen.name, text);
    setFile({ name: chosen.name, size: chosen.size, text, format, key: crypto.randomUUID() });
    if (format === 'csv') setChoice(initialChoice(text, detectDelimiter(text)));
  };
  const changeFormat = (format: ImportFormat) => {
    if (!file) return;
    setFile({ ...file, format });
    if (format === 'csv' && !choice) setChoice(initialChoice(file.text, detectDelimiter(file.text)));
  };
  const submit = () => {
    if (!file) return setFileError('Choose a file to import.');
    const csv = file.format === 'csv' && choice;
    const body: ImportBody = { accountId: account, format: file.format, content: file.text, dryRun, ...(csv ? { mapping: toMapping(choice, preview), delimiter: choice.delimiter } : {}) };
    // The API counts the request as sent: escaping in JSON can push a file just under the limit over it.
    if (new Blob([JSON.stringify(body)]).size > MAX_IMPORT_REQUEST_BYTES) return setFileError(`${file.name} is too large once sent; Tally imports files up to ${LIMIT_TEXT}. Split it and import each part.`);
    start.mutate(
      { body, key: `${file.key}:${attempt}:${dryRun ? 'dry' : 'run'}` },
      {
        onSuccess: (r) => onStarted(r.importId, csv ? choice.delimiter : undefined),
        // A refused body will be corrected, and the same key with another body is refused (422): a new attempt.
        onError: (e) => e instanceof ApiError && e.status >= 400 && e.status < 500 && setAttempt((n) => n + 1),
      },
    );
  };
  return { accounts, open, account, setAccountId, choice, setChoice, preview, fileError, dryRun, setDryRun, start, pick, changeFormat, submit };
}

function ImportForm(props: FormProps) {
  const { file } = props;
  const f = useImportForm(props);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    f.submit();
  };
  if (f.accounts.isPending) return <Loading label="Loading your accounts…" />;
  if (f.accounts.error) return <ProblemMessage error={f.accounts.error} />;
  if (f.open.length === 0) {
    return (
      <div className="empty">
        <p className="empty-title">No account to import into</p>
        <p>
          <Link to="/accounts">Create an account</Link> first: imported rows are recorded in it, in its currency unless the file names another.
        </p>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate className={styles.form}>
      <FilePickers f={f} file={file} />
      {file?.format === 'csv' && f.choice && (
        <>
          <h2>Check the columns</h2>
          <MappingForm choice={f.choice} onChange={f.setChoice} records={f.preview} />
          <MappingPreview choice={f.choice} records={f.preview} />
        </>
      )}
      {file && file.format !== 'csv' && <p className="notice">{file.format.toUpperCase()} files say which field is which; there is nothing to map.</p>}
      <label className={styles.check}>
        <input type="checkbox" checked={f.dryRun} onChange={(e) => f.setDryRun(e.target.checked)} /> Only check the file (nothing is written)
      </label>
      <ProblemMessage error={f.start.error} />
      <button type="submit" disabled={!file || f.start.isPending}>
        {f.start.isPending ? 'Starting…' : f.dryRun ? 'Check file' : 'Import'}
      </button>
    </form>
  );
}

function FilePickers({ f, file }: { f: ReturnType<typeof useImportForm>; file: Picked | undefined }) {
  return (
    <div className={styles.pickers}>
      <SelectField label="Into account" value={f.account} onChange={(e) => f.setAccountId(e.target.value)} hint="Rows without a currency are in the account's currency">
        {f.open.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({a.currency})
          </option>
        ))}
      </SelectField>
      <Field label="Bank file" type="file" accept=".csv,.txt,.tsv,.ofx,.qfx,.qif,text/csv" onChange={(e: ChangeEvent<HTMLInputElement>) => void f.pick(e.target.files?.[0])} error={f.fileError} hint={`CSV, OFX/QFX or QIF, up to ${LIMIT_TEXT}.`} />
      {file && (
        <SelectField label="Format" value={file.format} hint={`${file.name}, ${sizeText(file.size)}`} onChange={(e) => f.changeFormat(e.target.value as ImportFormat)}>
          {FORMATS.map(([fmt, label]) => (
            <option key={fmt} value={fmt}>
              {label}
            </option>
          ))}
        </SelectField>
      )}
    </div>
  );
}
