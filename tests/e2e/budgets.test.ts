import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, newUser, type Answer, type TestUser } from '../support/api';

/**
 * Budgets over HTTP against the local cloud: CRUD and its problems, the category link, and `GET /budgets/status`
 * agreeing with a recount made here from the transactions this test created — across currencies, refunds, splits,
 * a transfer, a pending-FX expense, category and date moves, deletions and a three-month rollover chain.
 */
function problem(res: Answer, status: number, path?: string): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  if (path) expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
}

describe('budgets CRUD', () => {
  let u: TestUser;
  beforeAll(async () => {
    u = await newUser('Budgets CRUD');
  });

  it('creates with defaults, reads, lists, changes at a version and deletes', async () => {
    const created = await call('POST', '/budgets', { token: u.accessToken, body: { name: 'Everything', period: 'monthly', amount: 150000 } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ name: 'Everything', categoryId: null, period: 'monthly', amount: 150000, rollover: 'none', thresholds: [50, 80, 100], startDate: null, version: 1 });
    const id = created.body.id as string;
    const got = await call('GET', `/budgets/${id}`, { token: u.accessToken });
    expect(got.body).toEqual(created.body);
    expect(got.headers.get('etag')).toBe('"1"');
    const food = await call('POST', '/budgets', { token: u.accessToken, body: { name: 'Food', categoryId: 'food', period: 'weekly', amount: 5000, rollover: 'positive', thresholds: [100, 25, 25], startDate: '2024-01-01' } });
    expect(food.status, food.text).toBe(201);
    expect(food.body.thresholds).toEqual([25, 100]);
    expect((await call('GET', '/budgets', { token: u.accessToken })).body.items.map((b: { id: string }) => b.id)).toEqual([id, food.body.id]);
    const changed = await call('PATCH', `/budgets/${id}`, { token: u.accessToken, body: { amount: 200000, rollover: 'full', categoryId: 'housing' }, headers: { 'if-match': '"1"' } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ amount: 200000, rollover: 'full', categoryId: 'housing', version: 2, name: 'Everything' });
    expect((await call('DELETE', `/budgets/${id}`, { token: u.accessToken, headers: { 'if-match': '"2"' } })).status).toBe(204);
    problem(await call('GET', `/budgets/${id}`, { token: u.accessToken }), 404);
    expect((await call('GET', '/budgets', { token: u.accessToken })).body.items).toHaveLength(1);
  });

  it.each([
    ['a zero amount', { amount: 0 }, 'body.amount'],
    ['an amount past the ceiling', { amount: 10_000_000_000_001 }, 'body.amount'],
    ['a fractional amount', { amount: 10.5 }, 'body.amount'],
    ['another period', { period: 'daily' }, 'body.period'],
    ['another rollover', { rollover: 'sometimes' }, 'body.rollover'],
    ['a threshold of 0 %', { thresholds: [0, 50] }, 'body.thresholds.0'],
    ['a threshold past 1000 %', { thresholds: [1001] }, 'body.thresholds.0'],
    ['eleven thresholds', { thresholds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, 'body.thresholds'],
    ['no thresholds', { thresholds: [] }, 'body.thresholds'],
    ['a date that is not one', { startDate: '2024-02-30' }, 'body.startDate'],
    ['an unknown category', { categoryId: 'no-such-category' }, 'body.categoryId'],
    ['an income category', { categoryId: 'income.salary' }, 'body.categoryId'],
    ['an unknown field', { colour: 'red' }, undefined],
    ['an empty name', { name: '  ' }, 'body.name'],
  ])('refuses %s with a 400 problem naming the field', async (_what, change, path) => {
    const res = await call('POST', '/budgets', { token: u.accessToken, body: { name: 'Bad', period: 'monthly', amount: 100, ...change } });
    problem(res, 400, path);
  });

  it('refuses a status date that is not a date', async () => {
    problem(await call('GET', '/budgets/status?date=2024-13-01', { token: u.accessToken }), 400);
    problem(await call('GET', '/budgets/status?date=yesterday', { token: u.accessToken }), 400);
  });

  it('a category a budget limits is not deleted without reassignTo (409 naming the budget), and moves with it', async () => {
    const cat = await call('POST', '/categories', { token: u.accessToken, body: { name: 'Board games', kind: 'expense' } });
    expect(cat.status, cat.text).toBe(201);
    const b = await call('POST', '/budgets', { token: u.accessToken, body: { name: 'Games budget', categoryId: cat.body.id, period: 'monthly', amount: 4000 } });
    expect(b.status, b.text).toBe(201);
    const refused = await call('DELETE', `/categories/${cat.body.id}`, { token: u.accessToken, headers: { 'if-match': '"1"' } });
    problem(refused, 409);
    expect(refused.body.detail).toContain('Games budget');
    expect(refused.body.budgetIds).toEqual([b.body.id]);
    expect((await call('GET', `/budgets/${b.body.id}`, { token: u.accessToken })).body.categoryId).toBe(cat.body.id);
    const moved = await call('DELETE', `/categories/${cat.body.id}?reassignTo=entertainment.games`, { token: u.accessToken, headers: { 'if-match': '"1"' } });
    expect(moved.status, moved.text).toBe(204);
    expect((await call('GET', `/budgets/${b.body.id}`, { token: u.accessToken })).body).toMatchObject({ categoryId: 'entertainment.games', version: 2 });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Status against a recount

interface Tx {
  id: string;
  type: 'expense' | 'income' | 'transfer';
  date: string;
  amount: number;
  currency: string;
  baseAmount: number | null;
  fxStatus: string;
  categoryId: string | null;
  splits: { categoryId: string; amount: number }[] | null;
  version: number;
}

async function allTransactions(u: TestUser): Promise<Tx[]> {
  const out: Tx[] = [];
  let cursor: string | null = null;
  do {
    const page: Answer = await call('GET', `/transactions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: u.accessToken });
    out.push(...(page.body.items as Tx[]));
    cursor = page.body.nextCursor as string | null;
  } while (cursor);
  return out;
}

interface Scope {
  covers: (category: string) => boolean;
  refund: (category: string) => boolean;
}

/** The parts of a transaction by category in base minor units (splits are in EUR here, so parts are exact). */
function parts(t: Tx): [string, number][] {
  if (t.splits && t.splits.length > 0) {
    expect(t.currency, 'splits of this test are in the base currency').toBe('EUR');
    return t.splits.map((s) => [s.categoryId, s.amount]);
  }
  return [[t.categoryId ?? '_uncategorised', t.baseAmount ?? 0]];
}

/** Spending of a scope from..to straight from the transactions: expenses minus refunds, converted ones only. */
function recountSpent(txs: Tx[], scope: Scope, from: string, to: string): number {
  let total = 0;
  for (const t of txs) {
    if (t.date < from || t.date > to || t.fxStatus !== 'converted') continue;
    for (const [category, amount] of parts(t)) {
      if (t.type === 'expense' && scope.covers(category)) total += amount;
      if (t.type === 'income' && scope.covers(category) && scope.refund(category)) total -= amount;
    }
  }
  return total;
}

function recountPending(txs: Tx[], scope: Scope, from: string, to: string): number {
  return txs.filter((t) => t.date >= from && t.date <= to && t.fxStatus !== 'converted' && t.type === 'expense' && parts(t).some(([c]) => scope.covers(c))).length;
}

const nextMonth = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 1)).toISOString().slice(0, 7);
const monthEnd = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);

describe('GET /budgets/status', () => {
  let u: TestUser;
  let expenseCategories: Set<string>;
  const D = '2024-03-20';

  beforeAll(async () => {
    u = await newUser('Budgets status');
    const cats = (await call('GET', '/categories', { token: u.accessToken })).body.items as { id: string; kind: string }[];
    expenseCategories = new Set(cats.filter((c) => c.kind === 'expense').map((c) => c.id));
  });

  const overall = (): Scope => ({ covers: () => true, refund: (c) => expenseCategories.has(c) });
  const under = (id: string): Scope => ({ covers: (c) => c === id || c.startsWith(`${id}.`), refund: (c) => expenseCategories.has(c) });

  /** What each budget must show as of D, recounted from the transactions. */
  function expected(txs: Tx[], b: { categoryId: string | null; period: string; amount: number; rollover: string; startDate: string }) {
    const scope = b.categoryId === null ? overall() : under(b.categoryId);
    let from: string;
    let chain: [string, string][] = [];
    if (b.period === 'monthly') {
      from = `${D.slice(0, 7)}-01`;
      for (let m = b.startDate.slice(0, 7); m < D.slice(0, 7); m = nextMonth(m)) chain.push([`${m}-01`, monthEnd(m)]);
    } else if (b.period === 'weekly') {
      const day = new Date(`${D}T00:00:00Z`);
      const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86400000);
      from = monday.toISOString().slice(0, 10);
      chain = [];
      expect(b.rollover).toBe('none');
    } else {
      from = `${D.slice(0, 4)}-01-01`;
      expect(b.rollover).toBe('none');
    }
    let carried = 0;
    for (const [a, z] of chain) {
      const left = b.amount + carried - recountSpent(txs, scope, a, z);
      carried = b.rollover === 'full' ? left : b.rollover === 'positive' ? Math.max(0, left) : 0;
    }
    const spent = recountSpent(txs, scope, from, D);
    return { spent, carriedOver: carried, available: b.amount + carried, remaining: b.amount + carried - spent, pendingFx: { count: recountPending(txs, scope, from, D) } };
  }

  async function agrees(what: string, budgets: { id: string; categoryId: string | null; period: string; amount: number; rollover: string; startDate: string }[]) {
    return eventually(
      async () => {
        const txs = await allTransactions(u);
        const got = await call('GET', `/budgets/status?date=${D}`, { token: u.accessToken });
        expect(got.status, got.text).toBe(200);
        const byId = new Map((got.body.items as { budgetId: string }[]).map((s) => [s.budgetId, s]));
        const wanted = budgets.map((b) => ({ id: b.id, ...expected(txs, b) }));
        const ok = wanted.every((w) => {
          const s = byId.get(w.id) as Record<string, unknown> | undefined;
          return s && s.spent === w.spent && s.carriedOver === w.carriedOver && s.available === w.available && s.remaining === w.remaining && (s.pendingFx as { count: number }).count === w.pendingFx.count;
        });
        return ok ? { got: got.body, wanted } : undefined;
      },
      // The pipeline is shared with every other test file: in a full run the analytics queue can hold the chaos tests'
      // backlog for minutes, so the wait is long (it ends as soon as the status agrees).
      180_000,
      `status to agree with the recount (${what})`,
    );
  }

  it('agrees with a recount across currencies, refunds, splits, transfers, pending FX, moves, deletions and a rollover chain', { timeout: 900_000 }, async () => {
    const t = u.accessToken;
    const giro = (await call('POST', '/accounts', { token: t, body: { name: 'Giro', type: 'checking', currency: 'EUR', openingBalance: 500000 } })).body.id as string;
    const savings = (await call('POST', '/accounts', { token: t, body: { name: 'Savings', type: 'savings', currency: 'EUR' } })).body.id as string;
    const post = async (body: Record<string, unknown>) => {
      const res = await call('POST', '/transactions', { token: t, body: { currency: 'EUR', accountId: giro, ...body } });
      expect(res.status, res.text).toBe(201);
      return res.body as Tx;
    };
    // January
    await post({ type: 'expense', amount: 40000, date: '2024-01-01', description: 'Rent', categoryId: 'housing.rent' });
    await post({ type: 'expense', amount: 12000, date: '2024-01-05', description: 'REWE', categoryId: 'food.groceries' });
    await post({ type: 'expense', amount: 8000, currency: 'USD', date: '2024-01-15', description: 'Diner NYC', categoryId: 'food.restaurants' });
    await post({ type: 'income', amount: 1500, date: '2024-01-20', description: 'REWE refund', categoryId: 'food.groceries' });
    await post({ type: 'income', amount: 300000, date: '2024-01-25', description: 'Salary', categoryId: 'income.salary' });
    // February
    await post({ type: 'expense', amount: 40000, date: '2024-02-01', description: 'Rent', categoryId: 'housing.rent' });
    await post({ type: 'expense', amount: 10000, date: '2024-02-03', description: 'Hypermarket', splits: [{ categoryId: 'food.groceries', amount: 6000 }, { categoryId: 'transport.fuel', amount: 4000 }] });
    await post({ type: 'expense', amount: 5000, currency: 'JPY', date: '2024-02-10', description: 'Ramen', categoryId: 'food.restaurants' });
    await post({ type: 'transfer', amount: 20000, date: '2024-02-15', description: 'To savings', toAccountId: savings });
    const late = await post({ type: 'expense', amount: 9000, date: '2024-02-27', description: 'Market', categoryId: 'food.groceries' });
    // March (D = 2024-03-20, a Wednesday: its week starts on Monday the 18th)
    await post({ type: 'expense', amount: 40000, date: '2024-03-01', description: 'Rent', categoryId: 'housing.rent' });
    const dinner = await post({ type: 'expense', amount: 7000, date: '2024-03-05', description: 'Dinner', categoryId: 'food.restaurants' });
    const cinema = await post({ type: 'expense', amount: 999, date: '2024-03-10', description: 'Cinema', categoryId: 'entertainment.events' });
    await post({ type: 'income', amount: 500, date: '2024-03-12', description: 'Dinner refund', categoryId: 'food.restaurants' });
    await post({ type: 'expense', amount: 2500, date: '2024-03-17', description: 'Groceries Sunday', categoryId: 'food.groceries' });
    await post({ type: 'expense', amount: 3000, date: '2024-03-18', description: 'Groceries Monday', categoryId: 'food.groceries' });
    await post({ type: 'expense', amount: 4000, currency: 'USD', date: '2024-03-19', description: 'Groceries abroad', categoryId: 'food.groceries' });
    await post({ type: 'expense', amount: 100000, currency: 'ARS', date: '2024-03-19', description: 'Unpriced market', categoryId: 'food.groceries' });
    await post({ type: 'expense', amount: 5000, date: '2024-03-25', description: 'After the status date', categoryId: 'food.groceries' });

    const make = async (body: Record<string, unknown>) => {
      const res = await call('POST', '/budgets', { token: t, body });
      expect(res.status, res.text).toBe(201);
      return res.body as { id: string; categoryId: string | null; period: string; amount: number; rollover: string; startDate: string };
    };
    const budgets = [
      await make({ name: 'All, full rollover', categoryId: null, period: 'monthly', amount: 60000, rollover: 'full', startDate: '2024-01-01' }),
      await make({ name: 'Food, positive rollover', categoryId: 'food', period: 'monthly', amount: 20000, rollover: 'positive', startDate: '2024-01-10' }),
      await make({ name: 'Groceries this week', categoryId: 'food.groceries', period: 'weekly', amount: 5000, rollover: 'none', startDate: '2024-01-01' }),
      await make({ name: 'The year', categoryId: null, period: 'yearly', amount: 1000000, rollover: 'none', startDate: '2024-01-01' }),
      await make({ name: 'Transport', categoryId: 'transport', period: 'monthly', amount: 10000, rollover: 'full', startDate: '2024-02-01' }),
    ];

    const first = await agrees('as created', budgets);
    const food = first.got.items.find((s: { budgetId: string }) => s.budgetId === budgets[1]?.id);
    // A USD expense counts at its converted value; the ARS one (no rate) is apart, natively.
    expect(food.pendingFx).toEqual({ count: 1, byCurrency: { ARS: 100000 } });
    expect(food.period).toEqual({ from: '2024-03-01', to: '2024-03-31' });
    const all = first.got.items.find((s: { budgetId: string }) => s.budgetId === budgets[0]?.id);
    expect(all.carriedOver).not.toBe(0);

    // A category move (dinner goes to transport), a date move (February's market into March), a deletion.
    const patch = async (tx: Tx, body: Record<string, unknown>) => {
      const res = await call('PATCH', `/transactions/${tx.id}`, { token: t, body, headers: { 'if-match': `"${tx.version}"` } });
      expect(res.status, res.text).toBe(200);
    };
    await patch(dinner, { categoryId: 'transport.taxi' });
    await patch(late, { date: '2024-03-04' });
    expect((await call('DELETE', `/transactions/${cinema.id}`, { token: t, headers: { 'if-match': `"${cinema.version}"` } })).status).toBe(204);
    const second = await agrees('after a category move, a date move and a deletion', budgets);
    const transport = second.got.items.find((s: { budgetId: string }) => s.budgetId === budgets[4]?.id);
    expect(transport.spent).toBe(7000);

    // Deleting a budget takes it off the status.
    const gone = budgets.pop();
    expect((await call('DELETE', `/budgets/${gone?.id}`, { token: t, headers: { 'if-match': '"1"' } })).status).toBe(204);
    const third = await call('GET', `/budgets/status?date=${D}`, { token: t });
    expect(third.body.items.map((s: { budgetId: string }) => s.budgetId)).toEqual(budgets.map((b) => b.id));
    expect(third.body.method).toMatch(/linear/);

    // Later in the year the yearly budget reads its past months from the monthly rollups, and still finds March's
    // pending expense (the days it reads whole start in June).
    const later = await call('GET', '/budgets/status?date=2024-09-20', { token: t });
    const year = later.body.items.find((s: { budgetId: string }) => s.budgetId === budgets[3]?.id);
    const txs = await allTransactions(u);
    expect(year).toMatchObject({ period: { from: '2024-01-01', to: '2024-12-31' }, spent: recountSpent(txs, overall(), '2024-01-01', '2024-09-20'), pendingFx: { count: 1, byCurrency: { ARS: 100000 } } });
    expect(year.spent).toBeGreaterThan(0);
  });
});
