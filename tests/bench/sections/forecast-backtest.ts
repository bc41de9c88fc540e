import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { backtest, MIN_RECURRING_CONFIDENCE, type Backtest, type MonthTotals, type ScheduledItem } from '../../../shared/domain/forecast';
import { detectRecurring, type Occurrence } from '../../../shared/domain/recurring';
import { REPO_ROOT } from '../lib/cloud';

/**
 * The forecast's back-test on `personal_transactions.csv` (../shared/data/labelled, read in place, never copied):
 * 21 months of one household's ledger. Pure domain functions, no server: the monthly totals a rollup would hold
 * (credit card payments are transfers between its accounts and count in neither), and at each origin the recurring
 * payments that shared/domain/recurring detects in the rows before it.
 */
export const LEDGER = join(REPO_ROOT, '..', 'shared', 'data', 'labelled', 'personal_transactions.csv');

interface Row {
  date: string;
  description: string;
  amount: number;
  type: 'income' | 'expense';
}

/** Rows of the ledger: `MM/DD/YYYY`, unsigned dollars with debit/credit; transfers (credit card payments) left out. */
export function parseLedger(text: string): Row[] {
  const rows: Row[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (!line.trim()) continue;
    const [date = '', description = '', amount = '', type = '', category = ''] = line.split(',');
    if (category === 'Credit Card Payment') continue;
    const [m = '', d = '', y = ''] = date.split('/');
    rows.push({ date: `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`, description, amount: Math.round(Number(amount) * 100), type: type === 'credit' ? 'income' : 'expense' });
  }
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Monthly income and expenses, as the monthly rollups' `inc` and `exp` would hold them. */
export function monthlyTotals(rows: readonly Row[]): MonthTotals[] {
  const by = new Map<string, { income: bigint; expenses: bigint }>();
  for (const r of rows) {
    const m = r.date.slice(0, 7);
    const t = by.get(m) ?? { income: 0n, expenses: 0n };
    if (r.type === 'income') t.income += BigInt(r.amount);
    else t.expenses += BigInt(r.amount);
    by.set(m, t);
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, t]) => ({ month, ...t }));
}

/** The recurring payments detected in the rows dated before `month` (per direction and description, as the recurring consumer groups them). */
export function recurringBefore(rows: readonly Row[], month: string): ScheduledItem[] {
  const groups = new Map<string, { type: Row['type']; occurrences: Occurrence[] }>();
  rows.forEach((r, i) => {
    if (r.date >= `${month}-01`) return;
    const key = `${r.type}|${r.description.toLowerCase()}`;
    const g = groups.get(key) ?? { type: r.type, occurrences: [] };
    g.occurrences.push({ transactionId: String(i), date: r.date, amount: r.amount, currency: 'USD', categoryId: null });
    groups.set(key, g);
  });
  const items: ScheduledItem[] = [];
  for (const [key, g] of groups) {
    const d = detectRecurring(g.occurrences);
    if (!d || d.confidence < MIN_RECURRING_CONFIDENCE) continue;
    items.push({ id: key, type: g.type, period: d.period, amount: BigInt(d.averageAmount), lastDate: d.lastDate, nextExpectedDate: d.nextExpectedDate, occurrences: d.transactionIds.length });
  }
  return items;
}

export interface LedgerBacktest {
  months: number;
  withRecurring: Backtest;
  residualOnly: Backtest;
  /** Three months ahead, with the recurring payments (the cumulative paths' band at its third month end). */
  threeAhead: Backtest;
}

/** The back-test of the ledger, with the recurring payments detected at each origin and without them. */
export async function ledgerBacktest(bandwidthShare?: number): Promise<LedgerBacktest> {
  const rows = parseLedger(await readFile(LEDGER, 'utf8'));
  const months = monthlyTotals(rows);
  const options = { seed: 'personal_transactions', minHistory: 6, ...(bandwidthShare !== undefined ? { bandwidthShare } : {}) };
  return {
    months: months.length,
    withRecurring: backtest(months, { ...options, recurringBefore: (m) => recurringBefore(rows, m) }),
    residualOnly: backtest(months, options),
    threeAhead: backtest(months, { ...options, horizon: 3, recurringBefore: (m) => recurringBefore(rows, m) }),
  };
}
