import type { TransactionRecord } from '../../../shared/adapters/ledger';
import { load } from '../lib/http';
import { fmt, heading, percentile, printFigures, round, type Figure, type Target } from '../lib/report';
import { batchWrite, rollupItems, spreadTransactions } from '../lib/seed';
import type { BenchUser, CloudContext, SectionContext, SectionOutput } from './context';

/**
 * `budgets`: `GET /budgets/status` with 20 budgets (monthly, weekly and yearly; every rollover; category and overall)
 * for a user with 1,000 and one with 100,000 transactions spread over 2024, as of 2024-12-20. The status reads only
 * the rollups, so what the bench seeds is the rollups of those ledgers: the transactions are generated here and their
 * monthly and daily rollups computed with the analytics domain's own `recount` (what `npm run repair` writes), then
 * written raw to DynamoDB Local. The transaction items themselves are not written: every one would go through the
 * stream to the analytics and alerts consumers (seen counting 10–20 events/s on a busy 2-core machine: hours for
 * 100,000), and the status never reads them (it reads one Query of daily and one of monthly rollups). Target: large/small ≤ 1.2 at p50 and p99.
 */
const SIZES = { small: 1_000, large: 100_000 } as const;
const YEAR = '2024';
const STATUS_DATE = '2024-12-20';
const WRITE_PARALLEL = 8;
const REQUESTS = 300;
const CONCURRENCY = 4;
const RATIO_TARGET: Target = { op: '<=', value: 1.2, unit: '×' };
const PARENTS = ['food', 'transport', 'shopping', 'entertainment', 'utilities', 'health', 'housing', 'personal-care'];

/** The 20 budgets of each user. */
function budgetBodies(): Record<string, unknown>[] {
  const rollovers = ['none', 'positive', 'full'];
  return [
    ...PARENTS.map((c, i) => ({ name: `Monthly ${c}`, categoryId: c, period: 'monthly', amount: 50_000 + i * 1000, rollover: rollovers[i % 3], startDate: `${YEAR}-01-01` })),
    ...['food.groceries', 'food.restaurants', 'transport.fuel', 'shopping.online'].map((c, i) => ({ name: `Child ${c}`, categoryId: c, period: 'monthly', amount: 20_000, rollover: rollovers[(i + 1) % 3], startDate: `${YEAR}-03-01` })),
    ...['food', 'transport', 'entertainment', 'shopping', null].map((c, i) => ({ name: `Weekly ${c ?? 'all'}`, categoryId: c, period: 'weekly', amount: 15_000, rollover: rollovers[i % 3], startDate: `${YEAR}-06-03` })),
    { name: 'Everything monthly', categoryId: null, period: 'monthly', amount: 400_000, rollover: 'full', startDate: `${YEAR}-01-01` },
    { name: 'Everything yearly', categoryId: null, period: 'yearly', amount: 5_000_000, rollover: 'positive', startDate: '2022-01-01' },
    { name: 'Food yearly', categoryId: 'food', period: 'yearly', amount: 1_000_000, rollover: 'none' },
  ];
}

/** Transactions of a user over the year: expenses over the children of {@link PARENTS}, 1 in 10 income (half of them refunds). */
function transactions(user: BenchUser, count: number, children: string[], tag: string): TransactionRecord[] {
  const categoryOf = (n: number) => (n % 10 === 0 ? (n % 20 === 0 ? 'income.salary' : (children[(n / 10) % children.length] ?? null)) : (children[n % children.length] ?? null));
  return spreadTransactions(user, { count, tag, from: `${YEAR}-01-01`, days: 366, categoryOf });
}

/** Transactions the monthly summaries of the year count (the rollups are what the bench measures against). */
async function counted(c: CloudContext, user: BenchUser): Promise<number> {
  let n = 0;
  for (let m = 1; m <= 12; m++) {
    const r = await c.api.call('GET', `/analytics/summary?month=${YEAR}-${String(m).padStart(2, '0')}`, { token: user.token });
    if (r.status !== 200) throw new Error(`GET /analytics/summary: ${r.status} ${r.text.slice(0, 200)}`);
    n += (r.json as { transactionCount: number }).transactionCount;
  }
  return n;
}

export async function budgets(ctx: SectionContext): Promise<SectionOutput> {
  heading(`budgets — GET /budgets/status?date=${STATUS_DATE} with 20 budgets, ${REQUESTS} requests each, ${CONCURRENCY} in flight`);
  const c = await ctx.openCloud('budgets');
  const notes: string[] = [];
  try {
    const [small, large] = await Promise.all([c.newUser('budgets-small'), c.newUser('budgets-large')]);
    const cats = await c.api.expect<{ items: { id: string; kind: string; parentId: string | null }[] }>(200, 'GET', '/categories', { token: small.token });
    const children = cats.items.filter((x) => x.kind === 'expense' && x.parentId !== null && PARENTS.includes(x.parentId)).map((x) => x.id);
    for (const u of [small, large]) for (const body of budgetBodies()) await c.api.expect(201, 'POST', '/budgets', { token: u.token, body });

    console.log(`generating ${SIZES.small.toLocaleString('en-US')} + ${SIZES.large.toLocaleString('en-US')} transactions over ${YEAR}; writing their rollups…`);
    const started = performance.now();
    const ledgers = { small: transactions(small, SIZES.small, children, 'bud-s'), large: transactions(large, SIZES.large, children, 'bud-l') };
    const rollups = [...rollupItems(small.userId, ledgers.small), ...rollupItems(large.userId, ledgers.large)];
    const seed = await batchWrite(c.doc, c.cloud.tableName, rollups, WRITE_PARALLEL, Math.min(240_000, ctx.remainingMs() - 120_000));
    const seedS = (performance.now() - started) / 1000;
    console.log(`  ${seed.items.toLocaleString('en-US')} rollup items written in ${fmt(seedS)} s`);
    if (seed.cutShort) notes.push('seeding stopped at its time limit: fewer rollups than planned');
    const got = { small: await counted(c, small), large: await counted(c, large) };
    const want = { small: ledgers.small.filter((t) => t.type !== 'transfer').length, large: ledgers.large.filter((t) => t.type !== 'transfer').length };
    if (got.small !== want.small || got.large !== want.large) notes.push(`the rollups count ${got.small} and ${got.large} transactions, not ${want.small} and ${want.large}`);
    console.log(`  the summaries count ${got.small.toLocaleString('en-US')} and ${got.large.toLocaleString('en-US')} transactions`);

    const path = `/budgets/status?date=${STATUS_DATE}`;
    const users = [small, large];
    for (const [i, u] of users.entries()) {
      const r = await c.api.call('GET', path, { token: u.token });
      const body = r.json as { items?: { spent: number; status: string }[] } | undefined;
      if (r.status !== 200 || body?.items?.length !== 20) notes.push(`${i === 0 ? 'small' : 'large'}: status ${r.status}, ${body?.items?.length ?? 0} items`);
      else console.log(`  ${i === 0 ? 'small' : 'large'}: ${body.items.filter((s) => s.spent > 0).length} budgets with spending; statuses ${[...new Set(body.items.map((s) => s.status))].join(', ')}`);
    }
    const send = (i: number) => c.api.call('GET', path, { token: users[i % 2]?.token ?? '' });
    await load({ total: 40, concurrency: CONCURRENCY, maxMs: 20_000, send });
    const run = await load({ total: 2 * REQUESTS, concurrency: CONCURRENCY, maxMs: Math.max(20_000, Math.min(120_000, ctx.remainingMs() - (ctx.reserveMs?.() ?? 0))), send, group: (i) => (i % 2 === 0 ? 'small' : 'large') });
    const p = (k: 'small' | 'large', q: number) => percentile(run.byGroup[k] ?? [], q);
    const figures: Figure[] = [
      { name: `status p50, ${want.small.toLocaleString('en-US')} tx`, value: p('small', 50), unit: 'ms' },
      { name: `status p99, ${want.small.toLocaleString('en-US')} tx`, value: p('small', 99), unit: 'ms' },
      { name: `status p50, ${want.large.toLocaleString('en-US')} tx`, value: p('large', 50), unit: 'ms' },
      { name: `status p99, ${want.large.toLocaleString('en-US')} tx`, value: p('large', 99), unit: 'ms' },
      { name: 'ratio p50 large/small', value: p('large', 50) / p('small', 50), unit: '×', digits: 2, target: RATIO_TARGET },
      { name: 'ratio p99 large/small', value: p('large', 99) / p('small', 99), unit: '×', digits: 2, target: RATIO_TARGET },
      { name: 'requests', value: run.ok + run.failed, unit: `(${run.failed} failed)`, digits: 0 },
      { name: 'rollup items written', value: seed.items, unit: `(${fmt(seedS, 0)} s)`, digits: 0 },
    ];
    printFigures(figures);
    for (const n of notes) console.log(`note: ${n}`);
    return { figures, notes, details: { rollupItems: seed.items, seedS: round(seedS, 1), counted: got, failures: run.failures } };
  } finally {
    await ctx.closeCloud(c);
  }
}
