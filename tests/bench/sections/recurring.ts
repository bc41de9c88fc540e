import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { merchantKey } from '../../../shared/domain/ledger/merchant';
import { applyChange, changesOf, detectRecurring, emptySeries, seriesId, type Detection, type Series } from '../../../shared/domain/recurring';
import type { TransactionView } from '../../../shared/domain/recurring/series';
import { syntheticLedger } from '../../unit/domain/recurring/synthetic-ledger';
import { fmt, heading, printFigures, round, table, type Figure } from '../lib/report';
import { LABELLED_DIR, parsePersonal } from './categorise';
import type { SectionContext, SectionOutput } from './context';

/**
 * `recurring`: recurring-payment detection (shared/domain/recurring), offline, as the `recurring` consumer runs it —
 * each transaction applied to its merchant's bounded series, then the series detected again.
 * 1. Precision and recall on seeded synthetic ledgers (the unit test's 20, and 60 held out from tuning) with known subscriptions (every period, price rises,
 *    skipped payments, shifted dates) among irregular noise (the unit test's generator).
 * 2. What it finds in `../shared/data/labelled/personal_transactions.csv` (read in place, never copied): the file has
 *    no recurrence labels, so the detections are printed for reading (mortgage, Netflix, pay…).
 * 3. CPU time of one event's update (series change + detection) against a baseline measured in the same run: the
 *    merchant key of the same description alone (the cost every ledger consumer already pays).
 */

type Found = Map<string, { series: Series; detection: Detection }>;

function run(transactions: TransactionView[]): Found {
  const series = new Map<string, Series>();
  for (const t of [...transactions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    for (const c of changesOf(null, t)) {
      const id = seriesId(c.direction, c.merchant);
      series.set(id, applyChange(series.get(id) ?? emptySeries(c.direction, c.merchant), c));
    }
  }
  const out: Found = new Map();
  for (const s of series.values()) {
    const detection = detectRecurring(s.entries);
    if (detection) out.set(`${s.direction}/${s.merchant}`, { series: s, detection });
  }
  return out;
}

function synthetic(first: number, last: number): { precision: number; recall: number; rises: number; risesFound: number; subscriptions: number; transactions: number } {
  let tp = 0;
  let detected = 0;
  let truth = 0;
  let rises = 0;
  let risesFound = 0;
  let transactions = 0;
  for (let seed = first; seed <= last; seed++) {
    const ledger = syntheticLedger(seed);
    transactions += ledger.transactions.length;
    const found = run(ledger.transactions);
    const wanted = new Map(ledger.truth.map((x) => [`${ledger.transactions.find((t) => t.description === x.description)?.type ?? 'expense'}/${merchantKey(x.description)}`, x]));
    detected += found.size;
    truth += wanted.size;
    for (const [key, f] of found) if (wanted.get(key)?.period === f.detection.period) tp++;
    for (const [key, x] of wanted) {
      if (!x.priceRise) continue;
      rises++;
      const pc = found.get(key)?.detection.priceChange;
      if (pc && pc.to > pc.from) risesFound++;
    }
  }
  return { precision: tp / detected, recall: tp / truth, rises, risesFound, subscriptions: truth, transactions };
}

/** Microseconds per call of `fn` over `items`, best of `rounds`. */
function timePer<T>(items: T[], fn: (item: T) => void, rounds = 5): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.cpuUsage();
    for (const item of items) fn(item);
    const used = process.cpuUsage(t0);
    best = Math.min(best, ((used.user + used.system) / items.length));
  }
  return best;
}

export async function recurring(_ctx: SectionContext): Promise<SectionOutput> {
  heading('recurring — detection precision and recall, what the labelled ledger holds, CPU per event');
  // Seeds 1–20 are the unit test's (the thresholds were chosen on them); 21–80 were never looked at while tuning.
  const figures: Figure[] = [];
  for (const [label, first, last] of [['seeds 1–20', 1, 20], ['held-out seeds 21–80', 21, 80]] as const) {
    const s = synthetic(first, last);
    figures.push(
      { name: `synthetic ${label}: precision`, value: s.precision, unit: '', digits: 3, target: { op: '>=', value: 0.9 }, note: `${last - first + 1} ledgers, ${s.transactions} transactions, ${s.subscriptions} subscriptions` },
      { name: `synthetic ${label}: recall`, value: s.recall, unit: '', digits: 3, target: { op: '>=', value: 0.9 } },
      { name: `synthetic ${label}: price rises found`, value: s.risesFound / s.rises, unit: '', digits: 3, note: `${s.risesFound}/${s.rises}` },
    );
  }

  const rows = parsePersonal(await readFile(join(LABELLED_DIR, 'personal_transactions.csv'), 'utf8'));
  const transactions: TransactionView[] = rows.map((r, i) => ({ id: `p${i}`, type: r.type, amount: r.amount, currency: 'USD', date: r.date, description: r.description, categoryId: r.label, version: 1 }));
  const found = [...run(transactions).values()].sort((a, b) => b.detection.confidence - a.detection.confidence);
  console.log(`\npersonal_transactions.csv: ${rows.length} rows, ${rows[0]?.date ?? ''} … ${rows.at(-1)?.date ?? ''}; ${found.length} recurring series detected:`);
  table(
    ['merchant', 'type', 'period', 'payments', 'average', 'last', 'last date', 'next', 'confidence', 'price change'],
    found.map(({ series, detection: d }) => [
      series.merchant,
      series.direction,
      d.period,
      String(d.transactionIds.length),
      fmt(d.averageAmount / 100, 2),
      fmt(d.lastAmount / 100, 2),
      d.lastDate,
      d.nextExpectedDate,
      fmt(d.confidence, 3),
      d.priceChange ? `${fmt(d.priceChange.from / 100, 2)} → ${fmt(d.priceChange.to / 100, 2)} since ${d.priceChange.since}` : '',
    ]),
  );
  figures.push({ name: 'personal_transactions.csv: series detected', value: found.length, unit: '', digits: 0, note: 'no recurrence labels: read the table' });

  // CPU per event: the consumer's pure work for one transaction against the merchant key alone.
  const series = new Map<string, Series>();
  const sorted = [...transactions].sort((a, b) => (a.date < b.date ? -1 : 1));
  const baseline = timePer(sorted, (t) => void merchantKey(t.description));
  const perEvent = timePer(sorted, (t) => {
    for (const c of changesOf(null, t)) {
      const id = seriesId(c.direction, c.merchant);
      const next = applyChange(series.get(id) ?? emptySeries(c.direction, c.merchant), c);
      series.set(id, next);
      detectRecurring(next.entries);
    }
  });
  figures.push(
    { name: 'one event: series update + detection (CPU)', value: perEvent, unit: 'µs', digits: 1 },
    { name: 'baseline: merchant key alone (CPU)', value: baseline, unit: 'µs', digits: 1 },
    { name: 'ratio update+detection / merchant key', value: round(perEvent / baseline, 2), unit: '×', digits: 2 },
  );
  printFigures(figures);
  return {
    figures,
    notes: [`personal_transactions.csv detections: ${found.map((f) => `${f.series.merchant} (${f.detection.period}, ${f.detection.transactionIds.length})`).join('; ')}`],
    details: { detected: found.map((f) => ({ merchant: f.series.merchant, type: f.series.direction, ...f.detection, transactionIds: f.detection.transactionIds.length })) },
  };
}
