import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert, crossRate, parseEcbHistory, pickCrossRate } from '../../shared/domain/fx';
import { admin, call, eventually, newUser, type TestUser } from '../support/api';

const history = parseEcbHistory(gunzipSync(readFileSync('infra/local/data/ecb-eurofxref-hist.csv.gz')).toString('utf8'));

/** The base amount the ledger must store: the ECB rate of the date (or the latest ≤ 7 days before), one rounding. */
function expectedBase(amount: number, from: string, to: string, date: string): number {
  const rate = pickCrossRate(history, date, from, to);
  if (!rate) throw new Error('no rate');
  return convert(amount, from, to, rate.rate);
}

let u: TestUser;
let accountId: string;

beforeAll(async () => {
  u = await newUser();
  const acc = await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Giro', type: 'checking', currency: 'EUR', openingBalance: 100000 } });
  expect(acc.status).toBe(201);
  accountId = acc.body.id;
});

describe('accounts', () => {
  it('keeps the balance in step with the transactions, per currency', async () => {
    const a = (await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Wallet', type: 'cash', currency: 'EUR' } })).body;
    await call('POST', '/transactions', { token: u.accessToken, body: { type: 'income', amount: 5000, currency: 'EUR', date: '2024-03-01', description: 'Gift', accountId: a.id } });
    const spent = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount: 1250, currency: 'EUR', date: '2024-03-02', description: 'Lunch', accountId: a.id } });
    await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount: 900, currency: 'USD', date: '2024-03-02', description: 'Souvenir', accountId: a.id } });
    let got = (await call('GET', `/accounts/${a.id}`, { token: u.accessToken })).body;
    expect(got.balance).toBe(3750);
    expect(got.otherCurrencies).toEqual([{ currency: 'USD', amount: -900 }]);

    await call('DELETE', `/transactions/${spent.body.id}`, { token: u.accessToken, headers: { 'if-match': `"${spent.body.version}"` } });
    got = (await call('GET', `/accounts/${a.id}`, { token: u.accessToken })).body;
    expect(got.balance).toBe(5000);
    expect((await call('DELETE', `/accounts/${a.id}`, { token: u.accessToken, headers: { 'if-match': `"${got.version}"` } })).status).toBe(409);
  });

  it('moves money between accounts with a transfer', async () => {
    const savings = (await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Savings', type: 'savings', currency: 'EUR' } })).body;
    const t = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'transfer', amount: 20000, currency: 'EUR', date: '2024-03-05', description: 'To savings', accountId, toAccountId: savings.id } });
    expect(t.status).toBe(201);
    expect((await call('GET', `/accounts/${savings.id}`, { token: u.accessToken })).body.balance).toBe(20000);
  });
});

describe('transactions', () => {
  it('records amounts in minor units of each currency with the base-currency view at the date’s ECB rate', async () => {
    for (const [currency, amount, date] of [['USD', 12345, '2024-03-15'], ['JPY', 9800, '2023-11-04'], ['GBP', 1, '2020-02-29'], ['EUR', 777, '2024-01-01']] as const) {
      const res = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount, currency, date, description: `Buy ${currency}` } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ amount, currency, baseCurrency: 'EUR', fxStatus: 'converted', baseAmount: currency === 'EUR' ? amount : expectedBase(amount, currency, 'EUR', date), version: 1 });
      expect(Number.isInteger(res.body.baseAmount)).toBe(true);
    }
  });

  it('never converts 1:1 when no rate exists: the transaction is pending until a rate arrives', async () => {
    const res = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount: 500000, currency: 'ARS', date: '2024-05-02', description: 'Asado' } });
    expect(res.body).toMatchObject({ fxStatus: 'pending', baseAmount: null, fxRate: null });
    const a = await admin();
    const put = await call('PUT', '/fx/rates', { token: a.accessToken, body: { date: '2024-05-01', base: 'EUR', rates: { ARS: '950.25' } } });
    expect(put.status).toBe(200);
    const converted = await eventually(async () => {
      const t = await call('GET', `/transactions/${res.body.id}`, { token: u.accessToken });
      return t.body.fxStatus === 'converted' ? t.body : undefined;
    }, 15_000, 'pending conversion');
    // 5,000.00 ARS at 950.25 ARS per EUR, published the day before: 5.26 EUR (one half-even rounding).
    expect(converted).toMatchObject({ baseAmount: convert(500000, 'ARS', 'EUR', crossRate({ ARS: '950.25' }, 'ARS', 'EUR') ?? '0'), fxDate: '2024-05-01' });
    expect(converted.baseAmount).toBe(526);
  });

  it('only lets fx:write publish rates', async () => {
    const res = await call('PUT', '/fx/rates', { token: u.accessToken, body: { date: '2024-05-01', base: 'EUR', rates: { ARS: '1' } } });
    expect(res.status).toBe(403);
  });

  it('checks splits sum exactly and names the difference', async () => {
    const bad = await call('POST', '/transactions', {
      token: u.accessToken,
      body: { type: 'expense', amount: 1000, currency: 'EUR', date: '2024-03-01', description: 'Shop', splits: [{ categoryId: 'food.groceries', amount: 600 }, { categoryId: 'shopping.household', amount: 300 }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/1\.00 EUR short|0\.10|difference/);
    const good = await call('POST', '/transactions', {
      token: u.accessToken,
      body: { type: 'expense', amount: 1000, currency: 'EUR', date: '2024-03-01', description: 'Shop', splits: [{ categoryId: 'food.groceries', amount: 700 }, { categoryId: 'shopping.household', amount: 300 }] },
    });
    expect(good.status).toBe(201);
  });

  it('creates one transaction for a retried POST with the same Idempotency-Key; another body with it is 422', async () => {
    const body = { type: 'expense', amount: 4200, currency: 'EUR', date: '2024-04-01', description: 'Idempotent coffee' };
    const key = `k-${Date.now()}`;
    const first = await call('POST', '/transactions/add', { token: u.accessToken, body, headers: { 'idempotency-key': key } });
    const again = await call('POST', '/transactions', { token: u.accessToken, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const list = await call('GET', '/transactions?q=idempotent%20coffee', { token: u.accessToken });
    expect(list.body.items).toHaveLength(1);
    const other = await call('POST', '/transactions', { token: u.accessToken, body: { ...body, amount: 4300 }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
  });

  it('guards PATCH with If-Match: a stale version gets 412, none gets 428', async () => {
    const t = (await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount: 100, currency: 'EUR', date: '2024-04-02', description: 'Pen' } })).body;
    expect((await call('PATCH', `/transactions/${t.id}`, { token: u.accessToken, body: { amount: 200 } })).status).toBe(428);
    const ok = await call('PATCH', `/transactions/${t.id}`, { token: u.accessToken, body: { amount: 200, currency: 'USD' }, headers: { 'if-match': `"${t.version}"` } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ amount: 200, currency: 'USD', version: 2, baseAmount: expectedBase(200, 'USD', 'EUR', '2024-04-02') });
    expect(ok.headers.get('etag')).toBe('"2"');
    const stale = await call('PATCH', `/transactions/${t.id}`, { token: u.accessToken, body: { amount: 300 }, headers: { 'if-match': '1' } });
    expect(stale.status).toBe(412);
  });

  it('lists newest first with filters and a cursor that pages through everything once', async () => {
    const v = await newUser();
    const ids: string[] = [];
    for (let i = 1; i <= 25; i++) {
      const day = String(i).padStart(2, '0');
      const r = await call('POST', '/transactions', { token: v.accessToken, body: { type: i % 5 === 0 ? 'income' : 'expense', amount: i * 100, currency: 'EUR', date: `2024-01-${day}`, description: i % 2 ? `Bakery ${i}` : `Fuel ${i}`, tags: i % 3 ? [] : ['Trip'] } });
      ids.push(r.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string; date: string }[]; nextCursor: string | null } } = await call('GET', `/transactions?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: v.accessToken });
      seen.push(...page.body.items.map((t) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const incomes = await call('GET', '/transactions?type=income', { token: v.accessToken });
    expect(incomes.body.items).toHaveLength(5);
    const trips = await call('GET', '/transactions?tag=trip&from=2024-01-10&to=2024-01-20', { token: v.accessToken });
    expect(trips.body.items.map((t: { date: string }) => t.date)).toEqual(['2024-01-18', '2024-01-15', '2024-01-12']);
    const bakery = await call('GET', '/transactions?q=BAKERY&minAmount=1000&maxAmount=2000', { token: v.accessToken });
    expect(bakery.body.items.map((t: { amount: number }) => t.amount)).toEqual([1900, 1700, 1500, 1300, 1100]);
  });

  it('orders one day’s transactions newest first and pages through them once, within a date range on that day', async () => {
    const v = await newUser();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await call('POST', '/transactions', { token: v.accessToken, body: { type: 'expense', amount: 100 + i, currency: 'EUR', date: '2024-02-29', description: `Same day ${i}` } });
      expect(r.status, r.text).toBe(201);
      ids.push(r.body.id);
    }
    await call('POST', '/transactions', { token: v.accessToken, body: { type: 'expense', amount: 1, currency: 'EUR', date: '2024-03-01', description: 'Next day' } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await call('GET', `/transactions?from=2024-02-29&to=2024-02-29&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: v.accessToken });
      seen.push(...page.body.items.map((t) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('refuses a forged or edited cursor, and another user’s cursor', async () => {
    const first = await call('GET', '/transactions?limit=1', { token: u.accessToken });
    const cursor: string = first.body.nextCursor;
    expect(cursor).toBeTruthy();
    const edited = cursor.slice(0, -2) + (cursor.endsWith('A') ? 'BB' : 'AA');
    expect((await call('GET', `/transactions?cursor=${encodeURIComponent(edited)}`, { token: u.accessToken })).status).toBe(400);
    const other = await newUser();
    const stolen = await call('GET', `/transactions?cursor=${encodeURIComponent(cursor)}`, { token: other.accessToken });
    expect(stolen.status).toBe(400);
    expect(stolen.text).not.toContain(u.userId);
    expect((await call('GET', `/transactions?type=income&cursor=${encodeURIComponent(cursor)}`, { token: u.accessToken })).status).toBe(400);
  });
});

describe('rules', () => {
  it('categorise and tag on create, never over a field set by hand, and preview', async () => {
    const v = await newUser();
    const rule = await call('POST', '/rules', { token: v.accessToken, body: { name: 'Coffee', priority: 1, conditions: { descriptionContains: 'starbucks' }, actions: { categoryId: 'food.coffee', tags: ['caffeine'] } } });
    expect(rule.status).toBe(201);
    const auto = await call('POST', '/transactions', { token: v.accessToken, body: { type: 'expense', amount: 450, currency: 'EUR', date: '2024-02-01', description: 'STARBUCKS #1234 BERLIN' } });
    expect(auto.body).toMatchObject({ categoryId: 'food.coffee', tags: ['caffeine'], appliedRules: [rule.body.id] });
    const manual = await call('POST', '/transactions', { token: v.accessToken, body: { type: 'expense', amount: 450, currency: 'EUR', date: '2024-02-01', description: 'Starbucks', categoryId: 'food.restaurants' } });
    expect(manual.body.categoryId).toBe('food.restaurants');

    const later = await call('POST', '/rules', { token: v.accessToken, body: { name: 'Big', priority: 5, conditions: { amountMin: 10000 }, actions: { tags: ['big'] } } });
    const big = await call('POST', '/transactions', { token: v.accessToken, body: { type: 'expense', amount: 20000, currency: 'EUR', date: '2024-02-02', description: 'TV' } });
    const preview = await call('POST', `/rules/${later.body.id}/preview`, { token: v.accessToken });
    expect(preview.status).toBe(200);
    expect(preview.body.matches.map((m: { transactionId: string }) => m.transactionId)).toEqual([]);
    expect(big.body.tags).toEqual(['big']);
    const bad = await call('POST', '/rules', { token: v.accessToken, body: { name: 'Evil', conditions: { descriptionRegex: '(a)\\1' }, actions: { tags: ['x'] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toMatch(/back-reference/);
  });
});

describe('categories', () => {
  it('starts with defaults, has two levels, and refuses to delete one in use unless told where its transactions go', async () => {
    const v = await newUser();
    const list = await call('GET', '/categories', { token: v.accessToken });
    expect(list.body.items.length).toBeGreaterThan(50);
    expect(list.body.items.find((c: { id: string }) => c.id === 'food.groceries')).toMatchObject({ parentId: 'food', kind: 'expense' });
    const mine = await call('POST', '/categories', { token: v.accessToken, body: { name: 'Bakery', kind: 'expense', parentId: 'food' } });
    expect(mine.status).toBe(201);
    expect((await call('POST', '/categories', { token: v.accessToken, body: { name: 'Deep', kind: 'expense', parentId: mine.body.id } })).status).toBe(400);
    const t = await call('POST', '/transactions', { token: v.accessToken, body: { type: 'expense', amount: 300, currency: 'EUR', date: '2024-02-03', description: 'Bread', categoryId: mine.body.id } });
    expect((await call('DELETE', `/categories/${mine.body.id}`, { token: v.accessToken, headers: { 'if-match': `"${mine.body.version}"` } })).status).toBe(409);
    expect((await call('DELETE', `/categories/${mine.body.id}?reassignTo=food.groceries`, { token: v.accessToken, headers: { 'if-match': `"${mine.body.version}"` } })).status).toBe(204);
    expect((await call('GET', `/transactions/${t.body.id}`, { token: v.accessToken })).body.categoryId).toBe('food.groceries');
  });
});

describe('base currency', () => {
  it('re-bases every transaction when the base currency changes', async () => {
    const v = await newUser();
    const t = (await call('POST', '/transactions', { token: v.accessToken, body: { type: 'expense', amount: 10000, currency: 'EUR', date: '2024-03-15', description: 'Rent share' } })).body;
    expect(t.baseAmount).toBe(10000);
    await call('PATCH', '/me', { token: v.accessToken, body: { baseCurrency: 'USD' } });
    const rebased = await eventually(async () => {
      const got = (await call('GET', `/transactions/${t.id}`, { token: v.accessToken })).body;
      return got.baseCurrency === 'USD' ? got : undefined;
    }, 15_000, 're-base');
    expect(rebased.baseAmount).toBe(expectedBase(10000, 'EUR', 'USD', '2024-03-15'));
  });
});
