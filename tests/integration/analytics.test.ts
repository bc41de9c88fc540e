import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, eventually, newUser, type TestUser } from '../support/api';
import { newAccount } from '../support/ledger';

beforeAll(() => {
  // The daily rollups are read with the adapter itself (no route reads them whole).
  Object.assign(process.env, inject('cloud').env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
});

interface Tx {
  id: string;
  type: string;
  date: string;
  baseAmount: number | null;
  fxStatus: string;
  categoryId: string | null;
  currency: string;
  amount: number;
  version: number;
}

async function all(u: TestUser): Promise<Tx[]> {
  const out: Tx[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: Tx[]; nextCursor: string | null } } = await call('GET', `/transactions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: u.accessToken });
    out.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return out;
}

/** The straightforward recount of a month from the transactions themselves. */
function recount(txs: Tx[], month: string) {
  const inMonth = txs.filter((t) => t.date.startsWith(month) && t.fxStatus === 'converted' && t.type !== 'transfer');
  const sum = (type: string) => inMonth.filter((t) => t.type === type).reduce((s, t) => s + (t.baseAmount ?? 0), 0);
  const byCategory = new Map<string, number>();
  for (const t of inMonth.filter((x) => x.type === 'expense')) byCategory.set(t.categoryId ?? '_uncategorised', (byCategory.get(t.categoryId ?? '_uncategorised') ?? 0) + (t.baseAmount ?? 0));
  return {
    income: sum('income'),
    expenses: sum('expense'),
    net: sum('income') - sum('expense'),
    transactionCount: inMonth.length,
    pending: txs.filter((t) => t.date.startsWith(month) && t.fxStatus === 'pending').length,
    byCategory,
  };
}

/** Waits until the summary of a month equals the recount. */
async function agrees(u: TestUser, month: string) {
  return eventually(
    async () => {
      const txs = await all(u);
      const want = recount(txs, month);
      const got = (await call('GET', `/analytics/summary?month=${month}`, { token: u.accessToken })).body;
      const children = new Map<string, number>(
        got.byCategory.filter((c: { kind: string; level: string; parentId: string | null }) => c.kind === 'expense' && (c.level === 'child' || c.parentId === null)).map((c: { categoryId: string; amount: number }) => [c.categoryId, c.amount]),
      );
      const sameCategories = [...want.byCategory].every(([id, amount]) => children.get(id) === amount);
      const same = got.income === want.income && got.expenses === want.expenses && got.net === want.net && got.transactionCount === want.transactionCount && got.pendingFx.count === want.pending && sameCategories;
      return same ? { got, want } : undefined;
    },
    20_000,
    `summary of ${month} to match the recount`,
  );
}

describe('analytics', () => {
  it('summary, trends and cash flow agree with a recount across currencies and edits that move transactions', async () => {
    const u = await newUser();
    const post = async (body: Record<string, unknown>) => (await call('POST', '/transactions', { token: u.accessToken, body: { currency: 'EUR', ...body } })).body as Tx;
    await post({ type: 'income', amount: 300000, date: '2024-02-25', description: 'Salary', categoryId: 'income.salary' });
    await post({ type: 'income', amount: 300000, date: '2024-03-25', description: 'Salary', categoryId: 'income.salary' });
    const groceries = await post({ type: 'expense', amount: 8423, date: '2024-03-03', description: 'REWE Markt 123', categoryId: 'food.groceries' });
    const dinner = await post({ type: 'expense', amount: 12000, currency: 'USD', date: '2024-03-10', description: 'Dinner NYC', categoryId: 'food.restaurants' });
    const sushi = await post({ type: 'expense', amount: 5400, currency: 'JPY', date: '2024-03-12', description: 'Sushi', categoryId: 'food.restaurants' });
    await post({ type: 'expense', amount: 100000, currency: 'ARS', date: '2024-03-14', description: 'Unpriced' });
    await post({ type: 'expense', amount: 2599, date: '2024-02-11', description: 'Netflix', categoryId: 'entertainment.streaming' });

    await agrees(u, '2024-03');
    // Edits: move a transaction to another month, another category, another currency; delete one.
    await call('PATCH', `/transactions/${groceries.id}`, { token: u.accessToken, body: { date: '2024-02-28' }, headers: { 'if-match': String(groceries.version) } });
    await call('PATCH', `/transactions/${dinner.id}`, { token: u.accessToken, body: { categoryId: 'travel.activities', currency: 'GBP', amount: 9900 }, headers: { 'if-match': String(dinner.version) } });
    await call('DELETE', `/transactions/${sushi.id}`, { token: u.accessToken, headers: { 'if-match': String(sushi.version) } });

    const march = await agrees(u, '2024-03');
    const feb = await agrees(u, '2024-02');
    expect(march.got.income).toBe(300000);
    expect(feb.got.expenses).toBe(8423 + 2599);
    expect(march.got.pendingFx.count).toBe(1);
    expect(march.got.byCategory.find((c: { categoryId: string }) => c.categoryId === 'food')?.previousMonthAmount).toBe(8423);
    expect(march.got.savingsRate).toBeCloseTo(march.got.net / march.got.income, 4);
    expect(march.got.asOf).toMatch(/^\d{4}-/);

    const trend = (await call('GET', '/analytics/trends?from=2024-01&to=2024-03', { token: u.accessToken })).body;
    expect(trend.series.map((p: { month: string; net: number }) => [p.month, p.net])).toEqual([
      ['2024-01', 0],
      ['2024-02', feb.want.net],
      ['2024-03', march.want.net],
    ]);
    const cats = (await call('GET', '/analytics/categories?from=2024-02&to=2024-03', { token: u.accessToken })).body;
    expect(cats.expenses).toBe(feb.want.expenses + march.want.expenses);
    const flow = (await call('GET', '/analytics/cashflow?months=120', { token: u.accessToken })).body;
    const last = flow.items.filter((p: { month: string }) => p.month <= '2024-03').at(-1);
    expect(last.cumulative).toBe(feb.want.net + march.want.net);
  });

  it('refuses bad ranges with a problem', async () => {
    const u = await newUser();
    expect((await call('GET', '/analytics/trends?from=2024-05&to=2024-01', { token: u.accessToken })).status).toBe(400);
    expect((await call('GET', '/analytics/summary?month=2024-13', { token: u.accessToken })).status).toBe(400);
    expect((await call('GET', '/analytics/trends?from=2000-01&to=2024-01', { token: u.accessToken })).status).toBe(400);
  });

  it('keeps daily rollups equal to a recount of the days from the transactions: splits, refunds, pending FX, transfers, date moves, deletes', { timeout: 90_000 }, async () => {
    const { dailyRange } = await import('../../shared/adapters/rollups');
    const u = await newUser();
    const checking = await newAccount(u, 'EUR');
    const savings = await newAccount(u, 'EUR', 0, 'Savings');
    const post = async (body: Record<string, unknown>) => {
      const r = await call('POST', '/transactions', { token: u.accessToken, body: { currency: 'EUR', accountId: checking, ...body } });
      expect(r.status, r.text).toBe(201);
      return r.body as Tx;
    };
    await post({ type: 'income', amount: 300000, date: '2024-05-01', description: 'Salary', categoryId: 'income.salary' });
    const groceries = await post({ type: 'expense', amount: 8423, date: '2024-05-03', description: 'REWE Markt 123', categoryId: 'food.groceries' });
    await post({ type: 'expense', amount: 12000, currency: 'USD', date: '2024-05-03', description: 'Dinner NYC', categoryId: 'food.restaurants' });
    // A purchase with a refund part inside it, and a pending-FX purchase with one too.
    await post({ type: 'expense', amount: 9000, date: '2024-05-07', description: 'Market', splits: [{ categoryId: 'food.groceries', amount: 10000 }, { categoryId: 'shopping.household', amount: -1000 }] });
    // UAH: not among the ECB's currencies, and no other test publishes a rate for it (rates are shared by every user:
    // tests/integration/ledger.test.ts publishes ARS from 2024-05-01, which would convert an ARS purchase here).
    await post({ type: 'expense', amount: 150000, currency: 'UAH', date: '2024-05-07', description: 'Unpriced', splits: [{ categoryId: 'food.groceries', amount: 160000 }, { categoryId: 'shopping.household', amount: -10000 }] });
    await post({ type: 'transfer', amount: 50000, date: '2024-05-07', description: 'To savings', toAccountId: savings });
    const gone = await post({ type: 'expense', amount: 777, date: '2024-05-09', description: 'Kiosk', categoryId: 'food.groceries' });
    // A date move within the month, and a delete.
    expect((await call('PATCH', `/transactions/${groceries.id}`, { token: u.accessToken, body: { date: '2024-05-20' }, headers: { 'if-match': String(groceries.version) } })).status).toBe(200);
    expect((await call('DELETE', `/transactions/${gone.id}`, { token: u.accessToken, headers: { 'if-match': String(gone.version) } })).status).toBe(204);

    // The recount from the transactions themselves, day by day.
    const want = (txs: (Tx & { splits?: { categoryId: string; amount: number }[] | null })[]) => {
      const days = new Map<string, Record<string, number>>();
      const add = (day: string, name: string, v: number) => {
        const f = days.get(day) ?? {};
        f[name] = (f[name] ?? 0) + v;
        if (f[name] === 0) delete f[name];
        days.set(day, f);
      };
      for (const t of txs) {
        if (t.fxStatus !== 'converted') {
          add(t.date, 'pn', 1);
          if (t.type !== 'expense') continue;
          const parts = t.splits?.length ? t.splits : [{ categoryId: t.categoryId ?? '_uncategorised', amount: t.amount }];
          for (const p of parts) add(t.date, `pce:${t.currency}:${p.categoryId}`, p.amount);
          for (const id of new Set(parts.map((p) => p.categoryId))) add(t.date, `pcen:${t.currency}:${id}`, 1);
        } else if (t.type !== 'transfer') {
          const base = t.baseAmount ?? 0;
          add(t.date, t.type === 'income' ? 'inc' : 'exp', base);
          // Splits here are in the base currency already (EUR), so each part is its own base amount.
          const parts = t.splits?.length ? t.splits : [{ categoryId: t.categoryId ?? '_uncategorised', amount: base }];
          for (const p of parts) add(t.date, `${t.type === 'income' ? 'ci' : 'ce'}:${p.categoryId}`, p.amount);
        }
      }
      return [...days].filter(([, f]) => Object.keys(f).length > 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, fields]) => ({ day, fields }));
    };
    const compare = async () => {
      const expected = want(await all(u)).map((d) => ({ day: d.day, fields: Object.fromEntries(Object.keys(d.fields).sort().map((k) => [k, d.fields[k]])) }));
      const got = (await dailyRange(u.userId, 'EUR', '2024-05-01', '2024-05-31')).map((d) => ({ day: d.day, fields: Object.fromEntries(Object.keys(d.fields).sort().map((k) => [k, Number(d.fields[k])])) }));
      return { got, expected };
    };
    const result = await eventually(
      async () => {
        const r = await compare();
        return JSON.stringify(r.got) === JSON.stringify(r.expected) ? r : undefined;
      },
      30_000,
      'daily rollups to equal the recount',
    ).catch(compare);
    expect(result.got).toEqual(result.expected);
    expect(result.got.map((d) => d.day)).toEqual(['2024-05-01', '2024-05-03', '2024-05-07', '2024-05-20']);
    const may7 = result.got.find((d) => d.day === '2024-05-07')?.fields;
    expect(may7).toMatchObject({ exp: 9000, 'ce:food.groceries': 10000, 'ce:shopping.household': -1000, pn: 1, 'pce:UAH:food.groceries': 160000, 'pce:UAH:shopping.household': -10000 });
    expect(result.got.find((d) => d.day === '2024-05-20')?.fields).toEqual({ exp: 8423, 'ce:food.groceries': 8423 });
    // A day range inside the month reads only its days.
    expect((await dailyRange(u.userId, 'EUR', '2024-05-04', '2024-05-19')).map((d) => d.day)).toEqual(['2024-05-07']);
  });

  it('repairs drifted daily rollups in DynamoDB: a wrong day, a missing day and an extra day, under the updatedAt guard', { timeout: 90_000 }, async () => {
    const { dailyRange } = await import('../../shared/adapters/rollups');
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const { DeleteCommand, PutCommand, UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { repairUser } = await import('../../shared/use-cases/analytics-repair');
    const u = await newUser();
    for (const [date, amount] of [['2024-06-02', 1500], ['2024-06-05', 2500]] as const) {
      const r = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount, currency: 'EUR', date, description: 'Shop', categoryId: 'food.groceries' } });
      expect(r.status, r.text).toBe(201);
    }
    const exact = [
      { day: '2024-06-02', fields: { 'ce:food.groceries': 1500, exp: 1500 } },
      { day: '2024-06-05', fields: { 'ce:food.groceries': 2500, exp: 2500 } },
    ];
    const read = async () => (await dailyRange(u.userId, 'EUR', '2024-06-01', '2024-06-30')).map((d) => ({ day: d.day, fields: Object.fromEntries(Object.keys(d.fields).sort().map((k) => [k, Number(d.fields[k])])) }));
    await eventually(async () => (JSON.stringify(await read()) === JSON.stringify(exact) ? true : undefined), 30_000, 'the days to be counted');
    const pk = `USER#${u.userId}`;
    const quietSince = '2024-01-01T00:00:00.000Z';
    // Drift: a wrong counter, a lost day, a day nothing accounts for; all quiet for long.
    await db().send(new UpdateCommand({ TableName: tableName(), Key: { pk, sk: 'DAY#EUR#2024-06-02' }, UpdateExpression: 'SET exp = :e, updatedAt = :u', ExpressionAttributeValues: { ':e': 1499, ':u': quietSince } }));
    await db().send(new DeleteCommand({ TableName: tableName(), Key: { pk, sk: 'DAY#EUR#2024-06-05' } }));
    await db().send(new PutCommand({ TableName: tableName(), Item: { pk, sk: 'DAY#EUR#2024-06-09', exp: 70, 'ce:food.groceries': 70, updatedAt: quietSince } }));

    const found = await repairUser(u.userId, { fix: true });
    expect(found.drifts.filter((d) => d.day).map((d) => [d.day, d.difference, d.fixed])).toEqual([
      ['2024-06-02', { exp: 1 }, true],
      ['2024-06-05', { 'ce:food.groceries': 2500, exp: 2500 }, true],
      ['2024-06-09', { 'ce:food.groceries': -70, exp: -70 }, true],
    ]);
    expect(await read()).toEqual(exact);
    expect((await repairUser(u.userId, { fix: false })).drifts).toEqual([]);
    // The guard: a day whose updatedAt is not the one the repair read (a delta landed meanwhile) is not replaced.
    const { replaceDaily } = await import('../../shared/adapters/rollups');
    expect(await replaceDaily(u.userId, 'EUR', '2024-06-02', { exp: 1 }, quietSince, new Date())).toBe(false);
    expect(await replaceDaily(u.userId, 'EUR', '2024-06-02', {}, quietSince, new Date())).toBe(false);
    expect(await read()).toEqual(exact);
  });
});

