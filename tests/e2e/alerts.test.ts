import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, newUser, outbox, type TestUser } from '../support/api';

/**
 * Alerts over HTTP, end to end: transactions go through the API, the stream, the analytics consumer (rollups) and
 * the alerts consumer; the test reads GET /alerts. Months are synthetic, in the recent past (dates relative to
 * today, so they stay inside the 365-day evaluation window).
 */
type Alert = { id: string; kind: string; severity: string; title: string; evidence: Record<string, number>; budgetId?: string; goalId?: string; transactionId?: string; createdAt: string; readAt: string | null };

const today = new Date();
/** The first day of the month `offset` months from this one (YYYY-MM-DD). */
const monthStart = (offset: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
const day = (offset: number, d: number) => `${monthStart(offset).slice(0, 8)}${String(d).padStart(2, '0')}`;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function setUp(name: string): Promise<{ u: TestUser; account: string }> {
  const u = await newUser(name);
  expect((await call('PATCH', '/me', { token: u.accessToken, body: { baseCurrency: 'EUR' } })).status).toBe(200);
  const acc = await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Giro', type: 'checking', currency: 'EUR', openingBalance: 0 } });
  expect(acc.status).toBe(201);
  return { u, account: acc.body.id };
}

async function spend(u: TestUser, account: string, date: string, amount: number, categoryId: string, description = 'Shop'): Promise<string> {
  const res = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount, currency: 'EUR', date, description, categoryId, accountId: account } });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

async function budget(u: TestUser, body: Record<string, unknown>): Promise<string> {
  const res = await call('POST', '/budgets', { token: u.accessToken, body: { period: 'monthly', rollover: 'none', ...body } });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

async function alerts(u: TestUser, query = ''): Promise<Alert[]> {
  const out: Alert[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; text: string; body: { items: Alert[]; nextCursor: string | null } } = await call('GET', `/alerts?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: u.accessToken });
    expect(res.status, res.text).toBe(200);
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

/** Waits until the alerts satisfy `check`. */
const until = (u: TestUser, check: (a: Alert[]) => boolean, what: string, ms = 40_000) =>
  eventually(async () => {
    const a = await alerts(u);
    return check(a) ? a : undefined;
  }, ms, what);

const thresholdsOf = (a: Alert[], budgetId: string) => a.filter((x) => x.kind === 'budget.threshold' && x.budgetId === budgetId).map((x) => x.evidence.threshold as number).sort((p, q) => p - q);

/**
 * A sentinel: a 1-cent budget on its own category, crossed by a transaction posted after everything else. Once its
 * alert is listed, the alerts consumer has worked through the earlier events (same pipeline, earlier messages).
 */
async function settle(u: TestUser, account: string, date: string): Promise<void> {
  const id = await budget(u, { name: 'Sentinel', categoryId: 'shopping.household', amount: 1, thresholds: [100], startDate: `${date.slice(0, 8)}01` });
  await spend(u, account, date, 100, 'shopping.household', 'Sentinel');
  await until(u, (a) => a.some((x) => x.budgetId === id), 'the sentinel alert');
  await new Promise((r) => setTimeout(r, 500));
}

describe('budget.threshold', () => {
  let u: TestUser;
  let account: string;
  let b: string;
  beforeAll(async () => {
    ({ u, account } = await setUp('Thresholds'));
    b = await budget(u, { name: 'Groceries', categoryId: 'food.groceries', amount: 10000, startDate: monthStart(-1) });
  });

  it('fires each threshold once as spending crosses it', { timeout: 180_000 }, async () => {
    await spend(u, account, day(-1, 25), 4000, 'food.groceries'); // 40 %
    await spend(u, account, day(-1, 26), 1500, 'food.groceries'); // 55 %
    let a = await until(u, (x) => thresholdsOf(x, b).length >= 1, '50 %');
    expect(thresholdsOf(a, b)).toEqual([50]);
    const t80 = await spend(u, account, day(-1, 27), 3000, 'food.groceries'); // 85 %
    a = await until(u, (x) => thresholdsOf(x, b).length >= 2, '80 %');
    expect(thresholdsOf(a, b)).toEqual([50, 80]);
    expect(a.find((x) => x.evidence.threshold === 80)).toMatchObject({ severity: 'warning', transactionId: t80, evidence: { spent: 8500, available: 10000, percentUsed: 85 } });
    await spend(u, account, day(-1, 28), 2000, 'food.groceries'); // 105 %
    await spend(u, account, day(-1, 28), 500, 'food.groceries'); // 110 %: no threshold left to cross
    await until(u, (x) => thresholdsOf(x, b).length >= 3, '100 %');
    await settle(u, account, day(-1, 28));
    a = await alerts(u);
    expect(thresholdsOf(a, b)).toEqual([50, 80, 100]);
    expect(a.find((x) => x.evidence.threshold === 100)?.severity).toBe('critical');
    // Spending on the 25th–28th of a month at this level never projects an overspend before 100 %.
    expect(a.filter((x) => x.kind === 'budget.pace' && x.budgetId === b)).toEqual([]);
    expect(new Set(a.map((x) => x.id)).size).toBe(a.length);
  });

  it('lists unread ones, marks one and all read, newest first with signed cursors', { timeout: 30_000 }, async () => {
    const all = await alerts(u);
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < all.length; i++) expect((all[i - 1] as Alert).createdAt >= (all[i] as Alert).createdAt).toBe(true);
    const page = await call('GET', '/alerts?limit=2', { token: u.accessToken });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const tampered = await call('GET', `/alerts?limit=2&unread=true&cursor=${encodeURIComponent(page.body.nextCursor)}`, { token: u.accessToken });
    expect(tampered.status).toBe(400);
    expect(tampered.headers.get('content-type')).toBe('application/problem+json');

    const first = all[0] as Alert;
    const read = await call('POST', `/alerts/${first.id}/read`, { token: u.accessToken });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await call('POST', `/alerts/${first.id}/read`, { token: u.accessToken });
    expect(again.body.readAt).toBe(read.body.readAt);
    const unread = await alerts(u, '&unread=true');
    expect(unread.map((x) => x.id)).not.toContain(first.id);
    expect(unread).toHaveLength(all.length - 1);

    const readAll = await call('POST', '/alerts/read-all', { token: u.accessToken });
    expect(readAll.status).toBe(200);
    expect(readAll.body).toEqual({ marked: all.length - 1, more: false });
    expect(await alerts(u, '&unread=true')).toEqual([]);
    expect((await call('POST', '/alerts/nope/read', { token: u.accessToken })).status).toBe(404);
  });

  it('keeps preferences per kind, refusing unknown kinds and modes', async () => {
    const t = u.accessToken;
    const initial = await call('GET', '/alerts/preferences', { token: t });
    expect(initial.body.kinds['budget.pace']).toEqual({ enabled: true, email: 'off' });
    const put = await call('PUT', '/alerts/preferences', { token: t, body: { kinds: { 'budget.pace': { email: 'immediate' }, 'goal.off_track': { enabled: false } } } });
    expect(put.status).toBe(200);
    expect(put.body.kinds['budget.pace']).toEqual({ enabled: true, email: 'immediate' });
    expect(put.body.kinds['goal.off_track']).toEqual({ enabled: false, email: 'off' });
    expect((await call('GET', '/alerts/preferences', { token: t })).body).toEqual(put.body);
    for (const body of [{ kinds: { 'budget.nope': { enabled: false } } }, { kinds: { 'budget.pace': { email: 'hourly' } } }, {}]) {
      const bad = await call('PUT', '/alerts/preferences', { token: t, body });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});

describe('budget.pace on synthetic months', () => {
  /** Three earlier months of even spending: 10 × 25.00 on the 3rd, 6th, … 30th (28th in short months). */
  async function evenHistory(u: TestUser, account: string, category: string): Promise<void> {
    for (const m of [-4, -3, -2]) for (let d = 3; d <= 28; d += 3) await spend(u, account, day(m, d), 2500, category);
  }

  it('a genuine overspend raises budget.pace before the 100 % threshold', { timeout: 120_000 }, async () => {
    const { u, account } = await setUp('Overspender');
    await evenHistory(u, account, 'food.groceries');
    const b = await budget(u, { name: 'Groceries', categoryId: 'food.groceries', amount: 30000, startDate: monthStart(-1) });
    // 25.00 every day from the 1st: by the 5th, 125.00 where 25.00 is usual — heading for ~750.00 of 300.00.
    for (let d = 1; d <= 5; d++) await spend(u, account, day(-1, d), 2500, 'food.groceries');
    const early = await until(u, (a) => a.some((x) => x.kind === 'budget.pace' && x.budgetId === b), 'budget.pace');
    expect(thresholdsOf(early, b)).not.toContain(100);
    const pace = early.find((x) => x.kind === 'budget.pace') as Alert;
    expect(pace.evidence.spent).toBeLessThan(pace.evidence.available as number);
    expect(pace.evidence.projectedOverspend).toBeGreaterThan(0);
    expect(String(pace.evidence.transactionDate) <= day(-1, 5)).toBe(true);
    for (let d = 6; d <= 13; d++) await spend(u, account, day(-1, d), 2500, 'food.groceries'); // 325.00: over
    const late = await until(u, (a) => thresholdsOf(a, b).includes(100), '100 %');
    const hundred = late.find((x) => x.kind === 'budget.threshold' && x.evidence.threshold === 100) as Alert;
    expect(pace.createdAt < hundred.createdAt).toBe(true);
    expect(late.filter((x) => x.kind === 'budget.pace' && x.budgetId === b)).toHaveLength(1);
  });

  it('a steady spender under budget raises nothing', { timeout: 120_000 }, async () => {
    const { u, account } = await setUp('Steady');
    await evenHistory(u, account, 'food.groceries');
    const b = await budget(u, { name: 'Groceries', categoryId: 'food.groceries', amount: 30000, thresholds: [100], startDate: monthStart(-1) });
    for (let d = 3; d <= 28; d += 3) await spend(u, account, day(-1, d), 2500, 'food.groceries');
    await settle(u, account, day(-1, 28));
    expect((await alerts(u)).filter((x) => x.budgetId === b)).toEqual([]);
  });

  it('a front-loaded but normal month (rent on the 1st, as before) raises nothing', { timeout: 120_000 }, async () => {
    const { u, account } = await setUp('Renter');
    for (const m of [-4, -3, -2]) await spend(u, account, day(m, 1), 100000, 'housing.rent', 'Landlord');
    const b = await budget(u, { name: 'Rent', categoryId: 'housing.rent', amount: 110000, thresholds: [100], startDate: monthStart(-1) });
    await spend(u, account, day(-1, 1), 100000, 'housing.rent', 'Landlord');
    await settle(u, account, day(-1, 2));
    expect((await alerts(u)).filter((x) => x.budgetId === b)).toEqual([]);
  });
});

describe('transaction.unusual', () => {
  it('flags an expense far outside the category’s own history, with its evidence', { timeout: 90_000 }, async () => {
    const { u, account } = await setUp('Unusual');
    const usual = [1800, 2200, 1950, 2100, 2000, 2050, 1900, 2300, 2150, 1850];
    for (let i = 0; i < usual.length; i++) await spend(u, account, daysAgo(40 - i * 3), usual[i] as number, 'food.restaurants', 'Bistro');
    const normal = await spend(u, account, daysAgo(5), 2400, 'food.restaurants', 'Bistro');
    const odd = await spend(u, account, daysAgo(4), 42000, 'food.restaurants', 'Gala dinner');
    const a = await until(u, (x) => x.some((y) => y.kind === 'transaction.unusual'), 'transaction.unusual');
    await settle(u, account, daysAgo(3));
    const unusual = (await alerts(u)).filter((x) => x.kind === 'transaction.unusual');
    expect(unusual).toHaveLength(1);
    expect(unusual[0]).toMatchObject({ transactionId: odd, evidence: { amount: 42000, median: 2050, historySize: 11, method: expect.stringContaining('modified z-score') } });
    expect(a.some((x) => x.transactionId === normal && x.kind === 'transaction.unusual')).toBe(false);
  });
});

describe('goal.reached', () => {
  it('is raised once when the account a goal follows reaches the target', { timeout: 60_000 }, async () => {
    const { u, account } = await setUp('Saver');
    const goal = await call('POST', '/goals', { token: u.accessToken, body: { name: 'Bike', targetAmount: 50000, currency: 'EUR', accountId: account } });
    expect(goal.status, goal.text).toBe(201);
    const first = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'income', amount: 30000, currency: 'EUR', date: daysAgo(2), description: 'Salary', categoryId: 'income.salary', accountId: account } });
    const pay = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'income', amount: 30000, currency: 'EUR', date: daysAgo(1), description: 'Salary', categoryId: 'income.salary', accountId: account } });
    const a = await until(u, (x) => x.some((y) => y.kind === 'goal.reached'), 'goal.reached');
    await settle(u, account, daysAgo(1));
    const reached = (await alerts(u)).filter((x) => x.kind === 'goal.reached');
    expect(reached).toHaveLength(1);
    expect(reached[0]).toMatchObject({ goalId: goal.body.id, evidence: { saved: 60000, targetAmount: 50000 } });
    // The goal's balance is read when the consumer runs: whichever salary's event it handled first names itself.
    expect([first.body.id, pay.body.id]).toContain(a.find((x) => x.kind === 'goal.reached')?.transactionId);
  });
});

describe('email', () => {
  it('sends an immediate alert email through the notifications queue, once', { timeout: 60_000 }, async () => {
    const { u, account } = await setUp('Emailed');
    await call('PUT', '/alerts/preferences', { token: u.accessToken, body: { kinds: { 'budget.threshold': { email: 'immediate' } } } });
    await budget(u, { name: 'Fuel', categoryId: 'transport.fuel', amount: 5000, thresholds: [80], startDate: monthStart(-1) });
    await spend(u, account, day(-1, 20), 4500, 'transport.fuel');
    await spend(u, account, day(-1, 21), 100, 'transport.fuel');
    const mails = await eventually(async () => {
      const m = (await outbox(u.email)).filter((x) => x.subject.startsWith('Tally alert'));
      return m.length > 0 ? m : undefined;
    }, 20_000, 'the alert email');
    await settle(u, account, day(-1, 22));
    expect(mails[0]?.subject).toContain('Fuel: 80% of the budget spent');
    expect((await outbox(u.email)).filter((x) => x.subject.startsWith('Tally alert: Fuel'))).toHaveLength(1);
  });
});
