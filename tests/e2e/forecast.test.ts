import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, newUser, type Answer, type TestUser } from '../support/api';
import { importAndWait, newAccount } from '../support/ledger';

/**
 * `GET /forecast` over HTTP against the local cloud: six months of salary, rent and day-to-day noise imported, then
 * counted by the analytics consumer (monthly rollups) and the recurring consumer (two recurring payments); the
 * forecast of a whole month is near salary − rent − the typical noise, its band ordered, its method named, stable
 * between reads, and a bad `months` is a 400 problem.
 */
interface Forecast {
  currency: string;
  startingBalance: number;
  asOf: string;
  method: { name: string; description: string; seed: number; historyMonths: number; recurringItems: number; excluded: unknown[] };
  months: { month: string; share: number; income: number; expenses: number; net: number; recurringIncome: number; recurringExpenses: number; balance: { p10: number; p50: number; p90: number } }[];
}

const SALARY = 300_000;
const RENT = 100_000;
const OPENING = 50_000;
const SHOPS = ['Bakery', 'Pharmacy', 'Bookshop', 'Cinema', 'Florist', 'Hardware', 'Butcher', 'Stationer'];
const PLACES = ['North', 'South', 'East', 'West', 'Harbour', 'Market'];
const NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const month = (offset: number): string => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
};
const euros = (minor: number) => (minor / 100).toFixed(2);

let u: TestUser;
/** Noise per month (minor units), oldest first. */
const noise: number[] = [];
let total = 0;

beforeAll(async () => {
  u = await newUser('Forecaster');
  const accountId = await newAccount(u, 'EUR', OPENING);
  const rows: string[] = [];
  for (let i = -6; i <= -1; i++) {
    const m = month(i);
    const name = NAMES[Number(m.slice(5, 7)) - 1] ?? 'Month';
    rows.push(`${m}-01,-${euros(RENT)},City Apartments Rent`, `${m}-25,${euros(SALARY)},ACME Payroll`);
    let spent = 0;
    for (let j = 0; j < 4; j++) {
      // Different merchants every time (never recurring), 40–130 EUR each, a different sum every month.
      const amount = 4_000 + ((((i + 7) * 37 + j * 53) % 10) * 1_000);
      spent += amount;
      rows.push(`${m}-${String(5 + j * 5).padStart(2, '0')},-${euros(amount)},${SHOPS[(j + i + 6) % SHOPS.length]} ${PLACES[j % PLACES.length]} ${name}`);
    }
    noise.push(spent);
    total += SALARY - RENT - spent;
  }
  rows.push(`${month(0)}-01,-${euros(RENT)},City Apartments Rent`);
  total -= RENT;
  const report = await importAndWait(u, { accountId, format: 'csv', content: `Date,Amount,Description\n${rows.join('\n')}\n` }, 60_000);
  expect(report.status).toBe('completed');
  // Both consumers have caught up: the six months are in the rollups, salary and rent are recurring.
  await eventually(
    async () => {
      const s = await call('GET', `/analytics/summary?month=${month(-1)}`, { token: u.accessToken });
      const r = await call<{ items: { merchant: string; status: string }[] }>('GET', '/recurring', { token: u.accessToken });
      return s.body?.transactionCount === 6 && r.body?.items?.length >= 2 ? true : undefined;
    },
    60_000,
    'rollups and recurring payments',
  );
}, 120_000);

const get = (query = '') => call<Forecast>('GET', `/forecast${query}`, { token: u.accessToken });

function problem(res: Answer, status: number, path?: string): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  if (path) expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
}

describe('GET /forecast', () => {
  it('forecasts a whole month near salary − rent − the typical noise, with an ordered band and its method named', async () => {
    const res = await get();
    expect(res.status, res.text).toBe(200);
    const f = res.body;
    expect(f.currency).toBe('EUR');
    expect(f.startingBalance).toBe(OPENING + total);
    expect(f.months).toHaveLength(3);
    expect(f.method.name).toBe('recurring-plus-bootstrap');
    expect(f.method.recurringItems).toBe(2);
    expect(f.method.historyMonths).toBe(6);
    expect(f.method.description).toMatch(/bootstrap/);
    const whole = f.months.find((m) => m.share === 1);
    if (!whole) throw new Error('no whole month in the forecast');
    expect(whole.recurringIncome).toBe(SALARY);
    expect(whole.recurringExpenses).toBe(RENT);
    const typical = noise.reduce((s, n) => s + n, 0) / noise.length;
    expect(Math.abs(whole.net - (SALARY - RENT - typical))).toBeLessThanOrEqual(1);
    let previous = f.startingBalance;
    for (const m of f.months) {
      expect(m.balance.p10).toBeLessThanOrEqual(m.balance.p50);
      expect(m.balance.p50).toBeLessThanOrEqual(m.balance.p90);
      expect(Number.isInteger(m.balance.p10) && Number.isInteger(m.balance.p50) && Number.isInteger(m.balance.p90)).toBe(true);
      // Each month's median step is its net, within the noise's spread.
      const step = m.balance.p50 - previous;
      expect(Math.abs(step - m.net)).toBeLessThanOrEqual(Math.max(...noise) - Math.min(...noise) + 2_000);
      previous = m.balance.p50;
    }
    expect((await get()).body).toEqual(f);
  });

  it('answers 1 to 6 months', async () => {
    expect((await get('?months=1')).body.months).toHaveLength(1);
    expect((await get('?months=6')).body.months).toHaveLength(6);
  });

  it.each([['?months=7'], ['?months=0'], ['?months=2.5'], ['?months=three'], ['?weeks=2']])('refuses %s with a 400 problem', async (query) => {
    problem(await get(query), 400, query.startsWith('?months') ? 'query.months' : undefined);
  });

  it('needs a token', async () => {
    expect((await call('GET', '/forecast')).status).toBe(401);
  });
});
