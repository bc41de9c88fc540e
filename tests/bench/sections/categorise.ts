import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyModel, featuresOf, learn, predictCategory, predictLearned, pruneModel, AUTO_APPLY_CONFIDENCE, type CategoryModel } from '../../../shared/domain/categorise';
import { REPO_ROOT } from '../lib/cloud';
import { fmt, heading, printFigures, round, table, type Figure } from '../lib/report';
import type { SectionContext, SectionOutput } from './context';

/**
 * `categorise`: accuracy of the learned categoriser on two public labelled ledgers that are not Tally's demo data
 * (`../shared/data/labelled/`, read in place, never copied). Each ledger is sorted by date and split by time: the
 * model learns the earlier 70 % one transaction at a time (as the `categoriser` consumer does), then predicts the
 * later 30 %, which it never saw. Printed: top-1 accuracy over every test row, and at the confidence Tally applies
 * automatically the coverage (share of rows it fills) and the accuracy of what it fills — next to a baseline that
 * always answers the most frequent training category. A threshold sweep shows why that confidence was chosen.
 * Then the same through the API: the earlier part imported WITH categories (the user's own, created for the file's
 * labels), the later part imported without, the figures read back from GET /transactions.
 */

/** One labelled row: what the import would see, and its label. */
export interface LabelledRow {
  date: string;
  description: string;
  type: 'expense' | 'income';
  /** Positive minor units. */
  amount: number;
  label: string;
}

export const LABELLED_DIR = join(REPO_ROOT, '..', 'shared', 'data', 'labelled');
const TRAIN_SHARE = 0.7;

/** Splits one CSV line (double quotes, doubled quotes inside). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const minor = (text: string) => Math.round(Math.abs(Number(text.replace(/\s/g, ''))) * 100);

/** `personal_transactions.csv`: Date (MM/DD/YYYY), Description, Amount (unsigned), Transaction Type, Category. */
export function parsePersonal(text: string): LabelledRow[] {
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [date = '', description = '', amount = '', kind = '', label = ''] = cells(l);
      const [m, d, y] = date.split('/');
      return { date: `${y}-${m?.padStart(2, '0')}-${d?.padStart(2, '0')}`, description: description.trim(), type: kind.trim() === 'credit' ? 'income' : 'expense', amount: minor(amount), label: label.trim() } as LabelledRow;
    })
    .filter((r) => r.amount > 0);
}

/** `za_bank_transactions_labelled.csv`: description, amount (signed), label, balance, date (two formats). */
export function parseZa(text: string): LabelledRow[] {
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const c = cells(l);
      // A balance with a comma inside an unquoted field would shift the columns: read from both ends.
      const description = c[0] ?? '';
      const amount = c[1] ?? '0';
      const label = c[2] ?? '';
      const date = (c[c.length - 1] ?? '').slice(0, 10);
      return { date, description: description.trim(), type: Number(amount) < 0 ? 'expense' : 'income', amount: minor(amount), label: label.trim() } as LabelledRow;
    })
    .filter((r) => r.amount > 0 && /^\d{4}-\d{2}-\d{2}$/.test(r.date));
}

/** The labelled ledgers, sorted by date (stable), each split by time into its earlier 70 % and later 30 %. */
export async function labelledLedgers(): Promise<{ name: string; train: LabelledRow[]; test: LabelledRow[] }[]> {
  const sets = [
    { name: 'personal_transactions', rows: parsePersonal(await readFile(join(LABELLED_DIR, 'personal_transactions.csv'), 'utf8')) },
    { name: 'za_bank_transactions', rows: parseZa(await readFile(join(LABELLED_DIR, 'za_bank_transactions_labelled.csv'), 'utf8')) },
  ];
  return sets.map(({ name, rows }) => {
    const sorted = rows.map((r, i) => ({ r, i })).sort((a, b) => (a.r.date < b.r.date ? -1 : a.r.date > b.r.date ? 1 : a.i - b.i)).map((x) => x.r);
    const cut = Math.floor(sorted.length * TRAIN_SHARE);
    return { name, train: sorted.slice(0, cut), test: sorted.slice(cut) };
  });
}

/** Figures of one evaluation: accuracy over all, coverage and accuracy at the threshold, the baseline's. */
export interface Scores {
  test: number;
  accuracy: number;
  coverage: number;
  appliedAccuracy: number;
  baseline: number;
}

export function mostFrequent(labels: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
}

/** Scores from (label, predicted, confidence) triples. */
export function score(rows: { label: string; predicted?: string; confidence?: number }[], baselineLabel: string, threshold: number): Scores {
  const n = rows.length || 1;
  const right = rows.filter((r) => r.predicted === r.label).length;
  const applied = rows.filter((r) => r.predicted !== undefined && (r.confidence ?? 0) >= threshold);
  return {
    test: rows.length,
    accuracy: right / n,
    coverage: applied.length / n,
    appliedAccuracy: applied.length ? applied.filter((r) => r.predicted === r.label).length / applied.length : Number.NaN,
    baseline: rows.filter((r) => r.label === baselineLabel).length / n,
  };
}

/** Trains on `train` one row at a time (pruning as the consumer does) and predicts `test`. */
export function evaluateOffline(train: LabelledRow[], test: LabelledRow[]): { model: CategoryModel; predictions: { label: string; predicted?: string; confidence?: number }[] } {
  const model = emptyModel();
  for (const r of train) {
    learn(model, featuresOf(r), r.label, 1);
    pruneModel(model);
  }
  const predictions = test.map((r) => {
    const p = predictLearned(model, r);
    // The lexicon prior answers default-category slugs, never these files' labels: measured without it.
    const applied = predictCategory(model, r, { threshold: 0, prior: false });
    return { label: r.label, predicted: p?.categoryId, confidence: applied && applied.evidence > 0 ? p?.confidence : 0 };
  });
  return { model, predictions };
}

function pct(x: number): number {
  return round(x * 100, 1);
}

export async function categorise(ctx: SectionContext): Promise<SectionOutput> {
  heading('categorise: learned categorisation on labelled ledgers (time split 70/30)');
  const figures: Figure[] = [];
  const notes: string[] = [];
  const details: Record<string, unknown> = {};
  const ledgers = await labelledLedgers();
  for (const { name, train, test } of ledgers) {
    const { model, predictions } = evaluateOffline(train, test);
    const base = mostFrequent(train.map((r) => r.label));
    const s = score(predictions, base, AUTO_APPLY_CONFIDENCE);
    const bytes = JSON.stringify(model).length;
    console.log(`\n${name}: ${train.length} training rows (${train[0]?.date}..${train[train.length - 1]?.date}), ${test.length} test rows (${test[0]?.date}..${test[test.length - 1]?.date}); model ${Object.keys(model.feats).length} features, ${model.cats.length} categories, ${fmt(bytes / 1000)} KB`);
    table(
      ['threshold', 'coverage', 'accuracy of applied'],
      [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95].map((t) => {
        const x = score(predictions, base, t);
        return [t === AUTO_APPLY_CONFIDENCE ? `${t} (applied)` : String(t), `${fmt(pct(x.coverage))} %`, `${fmt(pct(x.appliedAccuracy))} %`];
      }),
    );
    figures.push(
      { name: `${name}: top-1 accuracy (all ${s.test} test rows)`, value: pct(s.accuracy), unit: '%' },
      { name: `${name}: baseline (always "${base}")`, value: pct(s.baseline), unit: '%' },
      { name: `${name}: coverage at ${AUTO_APPLY_CONFIDENCE}`, value: pct(s.coverage), unit: '%' },
      { name: `${name}: accuracy of applied at ${AUTO_APPLY_CONFIDENCE}`, value: pct(s.appliedAccuracy), unit: '%' },
    );
    details[name] = { train: train.length, modelBytes: bytes, ...s };
  }
  if (ctx.remainingMs() > 120_000) {
    const api = await throughApi(ctx, ledgers).catch((e: unknown) => {
      notes.push(`through the API: failed: ${(e as Error).message}`);
      return undefined;
    });
    if (api) {
      figures.push(...api.figures);
      details.api = api.details;
    }
  } else notes.push('through the API: skipped, the time budget is spent');
  console.log('');
  printFigures(figures);
  return { figures, notes, details };
}

/** Set by the API part (./categorise-api.ts), kept apart so this file stays free of cloud code. */
async function throughApi(ctx: SectionContext, ledgers: Awaited<ReturnType<typeof labelledLedgers>>): Promise<{ figures: Figure[]; details: unknown }> {
  const { categoriseThroughApi } = await import('./categorise-api');
  return categoriseThroughApi(ctx, ledgers);
}
