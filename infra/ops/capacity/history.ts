import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LABELLED_DIR, parsePersonal, type LabelledRow } from '../../../tests/bench/sections/categorise';
import type { SessionState } from './session';

/**
 * A year of the session user's history, imported before anything is measured, so each action is measured on an
 * account in its steady state rather than a new one: the categoriser's model has learned a household's ledger (its
 * item, rewritten with every transaction it learns from, grows with the merchants seen), twelve months of rollups
 * feed the advice, the dashboard's trend and the reports, and the category baselines of the alerts are full. The
 * storage model keeps the same twelve months of data.
 *
 * The rows are a public labelled household ledger (`../shared/data/labelled/personal_transactions.csv`, read in
 * place: its descriptions, amounts, debit or credit and categories), repeated to the stated usage of 150 a month and
 * spread over the last twelve months, each category the user's own (created for the file's labels, as a user who
 * imports a categorised export would). Its cost is not counted.
 */
export const HISTORY_MONTHS = 12;
export const HISTORY_ROWS_PER_MONTH = 150;

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function isoDay(daysAgo: number, now: Date): string {
  return new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The history as a bank CSV: `count` rows cycling through the ledger, oldest first, evenly over the last
 * `HISTORY_MONTHS` months up to yesterday. Each repetition moves the amounts by a cent so no row is a duplicate of
 * another (same amount, date within 3 days and description).
 */
export function historyCsv(rows: readonly LabelledRow[], categoryOf: ReadonlyMap<string, string>, count: number, now = new Date()): string {
  const days = Math.round(HISTORY_MONTHS * 30.44);
  const lines = ['Date,Amount,Description,Category'];
  for (let k = 0; k < count; k++) {
    const r = rows[k % rows.length] as LabelledRow;
    const cents = r.amount + Math.floor(k / rows.length);
    const signed = (r.type === 'income' ? cents : -cents) / 100;
    lines.push([isoDay(days - Math.floor((k * days) / count), now), signed.toFixed(2), csvCell(r.description), categoryOf.get(r.label) ?? ''].join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function createCategories(s: SessionState, rows: readonly LabelledRow[]): Promise<Map<string, string>> {
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  const idOf = new Map<string, string>();
  for (const [i, label] of labels.entries()) {
    const kind = rows.some((r) => r.label === label && r.type === 'expense') ? 'expense' : 'income';
    // Unique against the default categories (a label such as "Groceries" is one of them).
    const created = await s.api.expect(201, 'POST', '/categories', { name: `H${i} ${label}`.slice(0, 60), kind });
    idOf.set(label, created.body.id as string);
  }
  return idOf;
}

async function awaitImport(s: SessionState, importId: string, rows: number): Promise<void> {
  const until = Date.now() + 600_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 2000));
    const job = await s.api.expect(200, 'GET', `/imports/${importId}`);
    if (job.body.status === 'completed') {
      // The ledger repeats a few payments within days of each other: duplicate detection leaves those out.
      if (!(job.body.imported >= rows * 0.99)) throw new Error(`history import wrote ${job.body.imported} of ${rows} rows: ${JSON.stringify(job.body).slice(0, 300)}`);
      return;
    }
    if (job.body.status === 'failed' || Date.now() > until) throw new Error(`history import ${importId}: ${JSON.stringify(job.body).slice(0, 300)}`);
  }
}

/** Imports the year of history into the session user's first account (see above); the caller lets the pipeline settle. */
export async function importHistory(s: SessionState): Promise<number> {
  const rows = parsePersonal(await readFile(join(LABELLED_DIR, 'personal_transactions.csv'), 'utf8'));
  const categoryOf = await createCategories(s, rows);
  const count = HISTORY_MONTHS * HISTORY_ROWS_PER_MONTH;
  const started = await s.api.expect(202, 'POST', '/imports', { accountId: s.accounts[0], format: 'csv', content: historyCsv(rows, categoryOf, count) });
  await awaitImport(s, started.body.importId as string, count);
  return count;
}
