import { Link } from 'react-router';
import { formatDate } from '../lib/format';
import styles from '../pages/import.module.css';
import type { CsvRecord } from './import-csv';
import { useImportReport, useMatchedTransactions, type ImportReport } from './import-queries';
import { Money } from './money';
import { QueryState } from './states';
import type { Transaction } from './tx-queries';

interface Props {
  id: string;
  /** The file's records (CSV), to show each reported row as it was written. */
  records: CsvRecord[] | undefined;
  onAgain: () => void;
}

/** Progress while the import runs, then what it did: counts, the duplicates with their reasons, the unreadable rows. */
export function ImportProgress({ id, records, onAgain }: Props) {
  const query = useImportReport(id);
  return (
    <section aria-labelledby="import-status">
      <QueryState query={query} label="Starting the import…">
        {(report) =>
          report.status === 'queued' || report.status === 'processing' ? (
            <Running report={report} />
          ) : (
            <Finished report={report} records={records} onAgain={onAgain} />
          )
        }
      </QueryState>
      {query.isError && (
        <button type="button" className="secondary" onClick={onAgain}>
          Import another file
        </button>
      )}
    </section>
  );
}

function Running({ report }: { report: ImportReport }) {
  const share = report.total > 0 ? Math.min(1, report.processed / report.total) : 0;
  return (
    <>
      <h2 id="import-status">{report.status === 'queued' ? 'Waiting to start…' : 'Importing…'}</h2>
      <div className="bar" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={report.total || 100} aria-valuenow={report.total ? report.processed : 0}>
        <span style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <p className="muted" role="status">
        {report.total > 0 ? `${report.processed} of ${report.total} rows read` : 'Reading the file…'}
      </p>
    </>
  );
}

function Finished({ report, records, onAgain }: { report: ImportReport; records: CsvRecord[] | undefined; onAgain: () => void }) {
  const failed = report.status === 'failed';
  return (
    <>
      <h2 id="import-status">{failed ? 'The import stopped' : report.dryRun ? 'Check finished: nothing was written' : 'Import finished'}</h2>
      {failed && (
        <div className="problem" role="alert">
          <strong>The import failed.</strong>
          <p>{report.failure ?? 'The file could not be imported.'}</p>
        </div>
      )}
      <dl className={styles.counts}>
        <div className="card">
          <dt>{report.dryRun ? 'Would import' : 'Imported'}</dt>
          <dd>{report.imported}</dd>
        </div>
        <div className="card">
          <dt>Duplicates skipped</dt>
          <dd>{report.duplicateCount}</dd>
        </div>
        <div className="card">
          <dt>Rows with errors</dt>
          <dd>{report.errorCount}</dd>
        </div>
      </dl>
      {report.truncatedCount > 0 && <p className="notice">{report.truncatedCount} over-long texts were shortened to what Tally keeps.</p>}
      <Duplicates report={report} records={records} />
      <Errors report={report} records={records} />
      <div className={`row ${styles.actions}`}>
        {!report.dryRun && report.imported > 0 && (
          <Link className="button" to={`/transactions?accountId=${encodeURIComponent(report.accountId)}`}>
            See the imported transactions
          </Link>
        )}
        <button type="button" className="secondary" onClick={onAgain}>
          Import another file
        </button>
      </div>
    </>
  );
}

const rowText = (records: CsvRecord[] | undefined, row: number) => records?.find((r) => r.line === row)?.cells.join(' · ');

function Duplicates({ report, records }: { report: ImportReport; records: CsvRecord[] | undefined }) {
  // The report carries what each duplicate matched; only a report written before it did needs the transactions read.
  const matches = useMatchedTransactions(report.duplicates.flatMap((d) => (d.transactionId && !d.matched ? [d.transactionId] : [])));
  const byId = new Map(matches.flatMap((m) => (m.data ? [[m.data.id, seen(m.data)] as const] : [])));
  if (report.duplicates.length === 0) return null;
  return (
    <>
      <h3>Duplicates: not imported</h3>
      {report.duplicateCount > report.duplicates.length && (
        <p className="muted">
          The first {report.duplicates.length} of {report.duplicateCount} are listed.
        </p>
      )}
      <div className="table-wrap">
        <table className={styles.report}>
          <caption className={styles.visuallyHidden}>Rows skipped as duplicates, with what each matched and why</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">In the file</th>
              <th scope="col">Matches</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {report.duplicates.map((d) => (
              <tr key={d.row}>
                <td>{d.row}</td>
                <td>{rowText(records, d.row) ?? '—'}</td>
                <td>{d.transactionId ? <Matched tx={d.matched ?? byId.get(d.transactionId)} id={d.transactionId} /> : `Line ${d.duplicateOfRow ?? '?'} of this file`}</td>
                <td>{d.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** What a duplicate matched: the report's `matched` member (the amount signed as the account sees it). */
type MatchedTx = NonNullable<ImportReport['duplicates'][number]['matched']>;

/** A transaction read from the API, in the report's shape. */
const seen = (tx: Transaction): MatchedTx => ({ date: tx.date, description: tx.description, amount: tx.type === 'expense' ? -tx.amount : tx.amount, currency: tx.currency });

function Matched({ tx, id }: { tx: MatchedTx | undefined; id: string }) {
  if (!tx) return <span className="muted">Transaction {id}</span>;
  return (
    <span>
      Existing: {formatDate(tx.date)} · {tx.description} · <Money minor={tx.amount} currency={tx.currency} />
    </span>
  );
}

function Errors({ report, records }: { report: ImportReport; records: CsvRecord[] | undefined }) {
  if (report.errors.length === 0) return null;
  return (
    <>
      <h3>Rows that could not be read</h3>
      <div className="table-wrap">
        <table className={styles.report}>
          <caption className={styles.visuallyHidden}>Rows not imported because of an error</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">In the file</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e) => (
              <tr key={`${e.row}:${e.message}`}>
                <td>{e.row || 'File'}</td>
                <td>{e.row ? (rowText(records, e.row) ?? '—') : '—'}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
