import * as keys from '../../../shared/adapters/keys';
import type { TransactionRecord } from '../../../shared/adapters/ledger';
import { addDays } from '../../../shared/domain/ledger/calendar';
import { load } from '../lib/http';
import { fmt, heading, percentile, printFigures, round, table, type Figure, type Target } from '../lib/report';
import { batchWrite, rollupItems, spreadTransactions } from '../lib/seed';
import type { BenchUser, SectionContext, SectionOutput } from './context';
import { ledgerBacktest, LEDGER } from './forecast-backtest';

/**
 * `forecast`: (1) the back-test of the cash-flow forecast on a household's real-looking ledger
 * (../shared/data/labelled/personal_transactions.csv, 21 months, read in place): rolling origin, one month ahead,
 * with the pure domain functions (no server) — the share of held-out months whose actual month-end balance lies
 * within P10–P90 (target 70–90 %), and the P50's mean absolute error against a "same as last month" baseline's
 * (target: below it). (2) `GET /forecast?months=6` for a user with 1,000 and one with 100,000 transactions over
 * the last 24 months, each with 10 recurring payments. The forecast reads only the accounts, the recurring items and
 * the monthly rollups, so what the bench seeds is those: the monthly rollups of the generated ledgers (computed with
 * the analytics domain's own `recount`) and the recurring items, written raw to DynamoDB Local (the transactions
 * are never read). Target: large/small ≤ 1.2 at p50 and p99.
 */
const SIZES = { small: 1_000, large: 100_000 } as const;
const HISTORY_DAYS = 730;
const WRITE_PARALLEL = 8;
const REQUESTS = 300;
const CONCURRENCY = 4;
const RATIO_TARGET: Target = { op: '<=', value: 1.2, unit: '×' };
const COVERAGE_MIN: Target = { op: '>=', value: 70, unit: '%' };
const COVERAGE_MAX: Target = { op: '<=', value: 90, unit: '%' };
const BEATS_BASELINE: Target = { op: '<=', value: 1, unit: '×' };

/** Transactions of a user over the last {@link HISTORY_DAYS} days before the first of this month. */
function transactions(user: BenchUser, count: number, tag: string, end: string): TransactionRecord[] {
  return spreadTransactions(user, { count, tag, from: addDays(end, -HISTORY_DAYS), days: HISTORY_DAYS });
}

/** The MONTHLY rollup items of a ledger (the forecast reads no daily one). */
function monthlyRollups(user: BenchUser, txs: TransactionRecord[]): Record<string, unknown>[] {
  return rollupItems(user.userId, txs, { monthlyOnly: true });
}

/** Ten recurring payments as the recurring consumer stores them: a salary, rent and subscriptions, due next month. */
function recurringItems(user: BenchUser, nextMonth: string): Record<string, unknown>[] {
  const at = new Date().toISOString();
  return Array.from({ length: 10 }, (_, i) => ({
    ...keys.recurring(user.userId, `bench-${i}`),
    id: `bench-${i}`,
    direction: i === 0 ? 'income' : 'expense',
    merchant: i === 0 ? 'acme payroll' : `subscription ${i}`,
    period: i === 9 ? 'weekly' : 'monthly',
    currency: 'EUR',
    categoryId: null,
    averageAmount: i === 0 ? 300_000 : i === 1 ? 100_000 : 999 + i * 100,
    lastAmount: i === 0 ? 300_000 : i === 1 ? 100_000 : 999 + i * 100,
    lastDate: addDays(`${nextMonth}-0${1 + (i % 9)}`, -30),
    nextExpectedDate: `${nextMonth}-0${1 + (i % 9)}`,
    confidence: 0.9,
    transactionIds: [`t${i}a`, `t${i}b`, `t${i}c`],
    active: true,
    status: i % 2 ? 'confirmed' : 'detected',
    version: 1,
    updatedAt: at,
  }));
}

const pct = (x: number) => round(x * 100, 1);

export async function forecast(ctx: SectionContext): Promise<SectionOutput> {
  heading('forecast — back-test on a labelled household ledger, and GET /forecast at 1,000 vs 100,000 transactions');
  const notes: string[] = [];

  // (1) The back-test, pure.
  const bt = await ledgerBacktest();
  console.log(`\n${LEDGER}: ${bt.months} months; each month after the first 6 held out and forecast from the months before it (${bt.withRecurring.cases.length} cases)`);
  table(
    ['held-out month', 'actual Δ', 'P10 Δ', 'P50 Δ', 'P90 Δ', 'same as last month Δ', 'in band'],
    bt.withRecurring.cases.map((c) => [c.month, fmt(Number(c.actual - c.p50) / 100, 2), fmt(Number(c.p10 - c.p50) / 100, 2), '0.00', fmt(Number(c.p90 - c.p50) / 100, 2), fmt(Number(c.naive - c.p50) / 100, 2), c.inBand ? 'yes' : 'no']),
  );
  console.log('(Δ: relative to the P50, in dollars)');
  const w = bt.withRecurring;
  const r = bt.residualOnly;
  const figures: Figure[] = [
    { name: 'back-test coverage P10–P90 (≥)', value: pct(w.coverage), unit: '%', target: COVERAGE_MIN, note: `${w.cases.filter((c) => c.inBand).length} of ${w.cases.length} months` },
    { name: 'back-test coverage P10–P90 (≤)', value: pct(w.coverage), unit: '%', target: COVERAGE_MAX },
    { name: 'back-test P50 mean abs. error', value: round(w.maeP50 / 100, 2), unit: 'USD' },
    { name: 'same-as-last-month mean abs. error', value: round(w.maeNaive / 100, 2), unit: 'USD' },
    { name: 'P50 error / baseline error', value: w.maeP50 / w.maeNaive, unit: '×', digits: 2, target: BEATS_BASELINE },
    { name: 'residual-only coverage (no recurring items)', value: pct(r.coverage), unit: '%', note: `P50 error ${fmt(r.maeP50 / 100, 2)} USD` },
    { name: '3 months ahead: coverage P10–P90', value: pct(bt.threeAhead.coverage), unit: '%', note: `${bt.threeAhead.cases.length} cases; P50 error ${fmt(bt.threeAhead.maeP50 / 100, 2)} vs ${fmt(bt.threeAhead.maeNaive / 100, 2)} USD` },
  ];

  // (2) GET /forecast at two ledger sizes.
  const c = await ctx.openCloud('forecast');
  try {
    const [small, large] = await Promise.all([c.newUser('forecast-small'), c.newUser('forecast-large')]);
    const now = new Date();
    const thisMonth = now.toISOString().slice(0, 7);
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
    const end = addDays(`${thisMonth}-01`, -1);
    console.log(`\ngenerating ${SIZES.small.toLocaleString('en-US')} + ${SIZES.large.toLocaleString('en-US')} transactions over the ${HISTORY_DAYS} days to ${end}; writing their monthly rollups and 10 recurring items each…`);
    const started = performance.now();
    const items = [
      ...monthlyRollups(small, transactions(small, SIZES.small, 'fc-s', end)),
      ...monthlyRollups(large, transactions(large, SIZES.large, 'fc-l', end)),
      ...recurringItems(small, next),
      ...recurringItems(large, next),
    ];
    const seed = await batchWrite(c.doc, c.cloud.tableName, items, WRITE_PARALLEL, Math.min(120_000, ctx.remainingMs() - 60_000));
    const seedS = (performance.now() - started) / 1000;
    if (seed.cutShort) notes.push('seeding stopped at its time limit: fewer items than planned');
    const path = '/forecast?months=6';
    const users = [small, large];
    const counted: number[] = [];
    for (const [i, u] of users.entries()) {
      const res = await c.api.call('GET', path, { token: u.token });
      const body = res.json as { method?: { name: string; historyMonths: number; recurringItems: number }; months?: { balance: { p10: number; p90: number } }[] } | undefined;
      if (res.status !== 200 || !body?.method) {
        notes.push(`${i === 0 ? 'small' : 'large'}: status ${res.status} ${res.text.slice(0, 200)}`);
        continue;
      }
      counted.push(body.method.historyMonths);
      console.log(`  ${i === 0 ? 'small' : 'large'}: ${body.method.name}, ${body.method.historyMonths} months of history, ${body.method.recurringItems} recurring items, 6-month band ${fmt(((body.months?.[5]?.balance.p90 ?? 0) - (body.months?.[5]?.balance.p10 ?? 0)) / 100, 2)} EUR wide`);
    }
    if (counted.length === 2 && counted[0] !== counted[1]) notes.push(`history months differ: ${counted.join(' vs ')}`);
    const send = (i: number) => c.api.call('GET', path, { token: users[i % 2]?.token ?? '' });
    await load({ total: 40, concurrency: CONCURRENCY, maxMs: 20_000, send });
    const run = await load({ total: 2 * REQUESTS, concurrency: CONCURRENCY, maxMs: Math.max(20_000, Math.min(120_000, ctx.remainingMs() - (ctx.reserveMs?.() ?? 0))), send, group: (i) => (i % 2 === 0 ? 'small' : 'large') });
    const p = (k: 'small' | 'large', q: number) => percentile(run.byGroup[k] ?? [], q);
    figures.push(
      { name: `GET /forecast p50, ${SIZES.small.toLocaleString('en-US')} tx`, value: p('small', 50), unit: 'ms' },
      { name: `GET /forecast p99, ${SIZES.small.toLocaleString('en-US')} tx`, value: p('small', 99), unit: 'ms' },
      { name: `GET /forecast p50, ${SIZES.large.toLocaleString('en-US')} tx`, value: p('large', 50), unit: 'ms' },
      { name: `GET /forecast p99, ${SIZES.large.toLocaleString('en-US')} tx`, value: p('large', 99), unit: 'ms' },
      { name: 'ratio p50 large/small', value: p('large', 50) / p('small', 50), unit: '×', digits: 2, target: RATIO_TARGET },
      { name: 'ratio p99 large/small', value: p('large', 99) / p('small', 99), unit: '×', digits: 2, target: RATIO_TARGET },
      { name: 'requests', value: run.ok + run.failed, unit: `(${run.failed} failed)`, digits: 0 },
      { name: 'items written', value: seed.items, unit: `(${fmt(seedS, 0)} s)`, digits: 0 },
    );
    printFigures(figures);
    for (const n of notes) console.log(`note: ${n}`);
    return {
      figures,
      notes,
      details: {
        backtest: { months: bt.months, cases: w.cases.map((x) => ({ month: x.month, inBand: x.inBand, errorP50: Number(x.actual - x.p50), errorNaive: Number(x.actual - x.naive) })) },
        failures: run.failures,
      },
    };
  } finally {
    await ctx.closeCloud(c);
  }
}
