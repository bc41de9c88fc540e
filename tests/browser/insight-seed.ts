import { expect } from 'vitest';
import { call, eventually, newUser, type TestUser } from '../support/api';

/**
 * Seeding for the dashboard, alerts, advice and health browser tests: a user with an EUR ledger over the last four
 * months and this one, through the API, then waits for the pipeline (rollups, budget status, alerts, advice).
 */
const now = new Date();
/** A day `d` of the month `offset` months from this one (YYYY-MM-DD), never after today. */
export function day(offset: number, d: number): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, d));
  const iso = date.toISOString().slice(0, 10);
  const today = now.toISOString().slice(0, 10);
  return iso > today ? today : iso;
}
export const month = (offset: number) => day(offset, 1).slice(0, 7);

/** The browser's formatting (en-GB, as openApp sets the locale) of minor units. */
export function eur(minor: number | string, currency = 'EUR'): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(Number(minor) / 100);
}

export interface Seeded {
  u: TestUser;
  account: string;
}

export async function tx(u: TestUser, account: string, body: Record<string, unknown>): Promise<string> {
  const res = await call('POST', '/transactions', { token: u.accessToken, body: { currency: 'EUR', accountId: account, ...body } });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

/** A user in EUR with a checking account and no transactions. */
export async function euroUser(name: string): Promise<Seeded> {
  const u = await newUser(name);
  expect((await call('PATCH', '/me', { token: u.accessToken, body: { baseCurrency: 'EUR', timezone: 'UTC' } })).status).toBe(200);
  const acc = await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Giro', type: 'checking', currency: 'EUR', openingBalance: 0 } });
  expect(acc.status, acc.text).toBe(201);
  return { u, account: acc.body.id };
}

/** Four complete months (salary 3,000.00, groceries 300.00, fuel 100.00) and this month's first days. */
export async function history(s: Seeded): Promise<number> {
  let count = 0;
  for (const back of [-4, -3, -2, -1]) {
    await tx(s.u, s.account, { type: 'income', amount: 300000, date: day(back, 1), description: 'Salary', categoryId: 'income.salary' });
    await tx(s.u, s.account, { type: 'expense', amount: 30000 + back * 100, date: day(back, 5), description: 'Market', categoryId: 'food.groceries' });
    await tx(s.u, s.account, { type: 'expense', amount: 10000, date: day(back, 8), description: 'Fuel', categoryId: 'transport.fuel' });
    count += 3;
  }
  await tx(s.u, s.account, { type: 'income', amount: 310000, date: day(0, 1), description: 'Salary', categoryId: 'income.salary' });
  await tx(s.u, s.account, { type: 'expense', amount: 24000, date: day(0, 1), description: 'Market', categoryId: 'food.groceries' });
  return count + 2;
}

/** GET as the seeded user; the body as the API sent it (untyped, as tests/support/api.ts answers). */
export async function get(s: Seeded, path: string) {
  const res = await call('GET', path, { token: s.u.accessToken });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/** Waits until this month's rollup has counted `count` transactions (the analytics consumer runs behind the writes). */
export async function rollupsCounted(s: Seeded, months: Record<string, number>): Promise<void> {
  for (const [m, count] of Object.entries(months)) {
    await eventually(async () => ((await get(s, `/analytics/summary?month=${m}`)).transactionCount >= count ? true : undefined), 60_000, `the ${m} rollup`);
  }
}
