import * as keys from '../../../shared/adapters/keys';
import type { TransactionRecord } from '../../../shared/adapters/ledger';
import { addDays } from '../../../shared/domain/ledger/calendar';
import { load } from '../lib/http';
import { fmt, heading, percentile, printFigures, round, type Figure, type Target } from '../lib/report';
import { batchWrite, rollupItems, spreadTransactions } from '../lib/seed';
import type { BenchUser, SectionContext, SectionOutput } from './context';

/**
 * `health`: `GET /reports/health` of last month for a user with 1,000 and one with 100,000 transactions over the
 * 730 days before this month, each with 5 budgets, 3 goals and 10 recurring payments. The report reads only
 * pre-computed state (monthly rollups, the daily rollups budget statuses read, accounts, budgets, goals, recurring
 * items, advice), so what the bench seeds is that state: the monthly and daily rollups of the generated ledgers
 * (the analytics domain's own `recount`) and the recurring items written raw to DynamoDB Local, the budgets and goals
 * through the API; the transactions themselves are never read. Target: large/small ≤ 1.2 at p50 and p99.
 */
const SIZES = { small: 1_000, large: 100_000 } as const;
const HISTORY_DAYS = 730;
const WRITE_PARALLEL = 8;
const REQUESTS = 300;
const CONCURRENCY = 4;
const RATIO_TARGET: Target = { op: '<=', value: 1.2, unit: '×' };
const CATEGORIES = ['food.groceries', 'transport.fuel', 'shopping.online', 'entertainment', 'utilities'];

function transactions(user: BenchUser, count: number, tag: string, end: string): TransactionRecord[] {
  return spreadTransactions(user, { count, tag, from: addDays(end, -HISTORY_DAYS), days: HISTORY_DAYS, categoryOf: (n) => (n % 10 === 0 ? 'income.salary' : (CATEGORIES[n % CATEGORIES.length] ?? null)) });
}

/** Ten recurring payments as the recurring consumer stores them (a salary, rent, subscriptions). */
function recurringItems(user: BenchUser, lastMonth: string): Record<string, unknown>[] {
  const at = new Date().toISOString();
  return Array.from({ length: 10 }, (_, i) => ({
    ...keys.recurring(user.userId, `bench-${i}`),
    id: `bench-${i}`,
    direction: i === 0 ? 'income' : 'expense',
    merchant: i === 0 ? 'acme payroll' : `subscription ${i}`,
    period: i === 9 ? 'weekly' : i === 8 ? 'yearly' : 'monthly',
    currency: 'EUR',
    categoryId: null,
    averageAmount: i === 0 ? 300_000 : i === 1 ? 100_000 : 999 + i * 100,
    lastAmount: i === 0 ? 300_000 : i === 1 ? 100_000 : 999 + i * 100,
    lastDate: `${lastMonth}-0${1 + (i % 9)}`,
    nextExpectedDate: addDays(`${lastMonth}-0${1 + (i % 9)}`, 30),
    confidence: 0.9,
    transactionIds: [`t${i}a`, `t${i}b`, `t${i}c`],
    active: true,
    status: i % 2 ? 'confirmed' : 'detected',
    version: 1,
    updatedAt: at,
  }));
}

export async function health(ctx: SectionContext): Promise<SectionOutput> {
  heading(`health — GET /reports/health at ${SIZES.small.toLocaleString('en-US')} vs ${SIZES.large.toLocaleString('en-US')} transactions, ${REQUESTS} requests each, ${CONCURRENCY} in flight`);
  const notes: string[] = [];
  const c = await ctx.openCloud('health');
  try {
    const [small, large] = await Promise.all([c.newUser('health-small'), c.newUser('health-large')]);
    const now = new Date();
    const thisMonth = now.toISOString().slice(0, 7);
    const end = addDays(`${thisMonth}-01`, -1);
    const lastMonth = end.slice(0, 7);
    const start = addDays(end, -HISTORY_DAYS);
    for (const u of [small, large]) {
      for (const [i, categoryId] of ['food', 'transport', 'shopping', 'entertainment', null].entries()) {
        await c.api.expect(201, 'POST', '/budgets', { token: u.token, body: { name: `Budget ${i}`, categoryId, period: 'monthly', amount: 20_000 + i * 50_000, startDate: start } });
      }
      for (let i = 0; i < 3; i++) {
        await c.api.expect(201, 'POST', '/goals', { token: u.token, body: { name: `Goal ${i}`, targetAmount: 100_000 * (i + 1), currency: 'EUR', ...(i === 0 ? { accountId: u.accountId } : {}), ...(i < 2 ? { targetDate: addDays(`${thisMonth}-01`, 365 * (i + 1)) } : {}) } });
      }
    }
    console.log(`generating ${SIZES.small.toLocaleString('en-US')} + ${SIZES.large.toLocaleString('en-US')} transactions over the ${HISTORY_DAYS} days to ${end}; writing their rollups and 10 recurring items each…`);
    const started = performance.now();
    const items = [
      ...rollupItems(small.userId, transactions(small, SIZES.small, 'hl-s', end)),
      ...rollupItems(large.userId, transactions(large, SIZES.large, 'hl-l', end)),
      ...recurringItems(small, lastMonth),
      ...recurringItems(large, lastMonth),
    ];
    const seed = await batchWrite(c.doc, c.cloud.tableName, items, WRITE_PARALLEL, Math.min(180_000, ctx.remainingMs() - 60_000));
    const seedS = (performance.now() - started) / 1000;
    console.log(`  ${seed.items.toLocaleString('en-US')} items written in ${fmt(seedS)} s`);
    if (seed.cutShort) notes.push('seeding stopped at its time limit: fewer items than planned');

    const path = `/reports/health?month=${lastMonth}`;
    const users = [small, large];
    const shapes: string[] = [];
    for (const [i, u] of users.entries()) {
      const res = await c.api.call('GET', path, { token: u.token });
      const body = res.json as { score?: number | null; components?: { key: string; points: number }[] } | undefined;
      if (res.status !== 200 || !body?.components) {
        notes.push(`${i === 0 ? 'small' : 'large'}: status ${res.status} ${res.text.slice(0, 200)}`);
        continue;
      }
      shapes.push(body.components.map((x) => x.key).join(','));
      console.log(`  ${i === 0 ? 'small' : 'large'}: score ${String(body.score)}; ${body.components.map((x) => `${x.key} ${x.points}`).join(', ')}`);
    }
    if (shapes.length === 2 && shapes[0] !== shapes[1]) notes.push(`the two reports have different components: ${shapes.join(' vs ')}`);
    const send = (i: number) => c.api.call('GET', path, { token: users[i % 2]?.token ?? '' });
    await load({ total: 40, concurrency: CONCURRENCY, maxMs: 20_000, send });
    const run = await load({ total: 2 * REQUESTS, concurrency: CONCURRENCY, maxMs: Math.max(20_000, Math.min(120_000, ctx.remainingMs() - (ctx.reserveMs?.() ?? 0))), send, group: (i) => (i % 2 === 0 ? 'small' : 'large') });
    const p = (k: 'small' | 'large', q: number) => percentile(run.byGroup[k] ?? [], q);
    const figures: Figure[] = [
      { name: `GET /reports/health p50, ${SIZES.small.toLocaleString('en-US')} tx`, value: p('small', 50), unit: 'ms' },
      { name: `GET /reports/health p99, ${SIZES.small.toLocaleString('en-US')} tx`, value: p('small', 99), unit: 'ms' },
      { name: `GET /reports/health p50, ${SIZES.large.toLocaleString('en-US')} tx`, value: p('large', 50), unit: 'ms' },
      { name: `GET /reports/health p99, ${SIZES.large.toLocaleString('en-US')} tx`, value: p('large', 99), unit: 'ms' },
      { name: 'ratio p50 large/small', value: p('large', 50) / p('small', 50), unit: '×', digits: 2, target: RATIO_TARGET },
      { name: 'ratio p99 large/small', value: p('large', 99) / p('small', 99), unit: '×', digits: 2, target: RATIO_TARGET },
      { name: 'requests', value: run.ok + run.failed, unit: `(${run.failed} failed)`, digits: 0 },
      { name: 'items written', value: seed.items, unit: `(${fmt(seedS, 0)} s)`, digits: 0 },
    ];
    printFigures(figures);
    for (const n of notes) console.log(`note: ${n}`);
    return { figures, notes, details: { items: seed.items, seedS: round(seedS, 1), failures: run.failures } };
  } finally {
    await ctx.closeCloud(c);
  }
}
