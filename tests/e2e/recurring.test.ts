import { describe, expect, it } from 'vitest';
import { call, eventually, newUser, type TestUser } from '../support/api';

/**
 * Recurring payments over HTTP, end to end: transactions go through the API, the table stream, the relay and the
 * `recurring` consumer; the test reads GET /recurring and GET /alerts. Dates are months before today, so the price
 * rise falls inside the alerts' 365-day window.
 */
type Item = {
  id: string;
  merchant: string;
  type: string;
  period: string;
  averageAmount: number;
  lastAmount: number;
  currency: string;
  lastDate: string;
  nextExpectedDate: string;
  confidence: number;
  transactionIds: string[];
  priceChange?: { from: number; to: number; since: string };
  lapsed: boolean;
  status: string;
  version: number;
};

const today = new Date();
/** Day 5 of the month `offset` months from this one (YYYY-MM-DD). */
const day5 = (offset: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 5)).toISOString().slice(0, 10);

async function setUp(name: string): Promise<{ u: TestUser; account: string }> {
  const u = await newUser(name);
  const acc = await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Giro', type: 'checking', currency: 'EUR', openingBalance: 0 } });
  expect(acc.status, acc.text).toBe(201);
  return { u, account: acc.body.id };
}

async function pay(u: TestUser, account: string, date: string, amount: number, description: string): Promise<string> {
  const res = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount, currency: 'EUR', date, description, categoryId: 'entertainment', accountId: account } });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

async function items(u: TestUser): Promise<Item[]> {
  const res = await call('GET', '/recurring', { token: u.accessToken });
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}

const until = (u: TestUser, check: (i: Item[]) => boolean, what: string) =>
  eventually(async () => {
    const list = await items(u);
    return check(list) ? list : undefined;
  }, 30_000, what);

describe('recurring payments', () => {
  it('a burst of payments written at once all reach the series', async () => {
    const { u, account } = await setUp('Recurring burst');
    const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 4, 2);
    const dates = Array.from({ length: 12 }, (_, i) => new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10));
    const ids = await Promise.all(dates.map((d) => pay(u, account, d, 2250, 'Veg Box Riverford')));
    const listed = await until(u, (l) => l[0]?.transactionIds.length === 12, 'all twelve payments in the series');
    expect(listed[0]).toMatchObject({ merchant: 'veg box riverford', period: 'weekly', lastDate: dates[11], averageAmount: 2250 });
    expect([...(listed[0]?.transactionIds ?? [])].sort()).toEqual([...ids].sort());
  });

  it('lists a monthly subscription with its next date, shows a price rise with an alert, and keeps it ignored', async () => {
    const { u, account } = await setUp('Recurring');
    const token = u.accessToken;
    // Five months at 12.99, then noise at other merchants.
    const ids: string[] = [];
    for (let m = -7; m <= -3; m++) ids.push(await pay(u, account, day5(m), 1299, 'NETFLIX.COM'));
    await pay(u, account, day5(-6).replace(/-05$/, '-17'), 4210, 'REWE Markt');
    await pay(u, account, day5(-4).replace(/-05$/, '-09'), 1890, 'IKEA');
    const listed = await until(u, (l) => l.some((i) => i.merchant === 'netflix' && i.transactionIds.length === 5), 'the subscription listed');
    expect(listed.map((i) => i.merchant)).toEqual(['netflix']);
    const item = listed[0] as Item;
    // Its next payment (two months ago) and the one after are overdue: lapsed, until the payments below arrive.
    expect(item).toMatchObject({ type: 'expense', period: 'monthly', averageAmount: 1299, lastAmount: 1299, currency: 'EUR', lastDate: day5(-3), nextExpectedDate: day5(-2), status: 'detected', lapsed: true });
    expect(item.transactionIds).toEqual(ids);
    expect(item.confidence).toBeGreaterThan(0.5);
    expect(item.priceChange).toBeUndefined();

    // The price goes up to 15.99 and stays: priceChange, and one alert.
    for (let m = -2; m <= 0; m++) ids.push(await pay(u, account, day5(m), 1599, 'NETFLIX.COM'));
    const risen = await until(u, (l) => l[0]?.transactionIds.length === 8, 'the rise seen');
    expect(risen[0]?.priceChange).toEqual({ from: 1299, to: 1599, since: day5(-2) });
    expect(risen[0]).toMatchObject({ lastAmount: 1599, averageAmount: 1599, nextExpectedDate: day5(1), lapsed: false });
    const alert = await eventually(async () => {
      const res = await call('GET', '/alerts', { token });
      return (res.body.items as { kind: string; evidence: Record<string, unknown> }[]).find((a) => a.kind === 'recurring.price_rise');
    }, 20_000, 'the price-rise alert');
    expect(alert.evidence).toMatchObject({ recurringId: item.id, from: 1299, to: 1599, since: day5(-2), currency: 'EUR' });

    // PATCH needs the current version; ignored stays ignored when the next payment is detected.
    const version = risen[0]?.version as number;
    const stale = await call('PATCH', `/recurring/${item.id}`, { token, body: { status: 'ignored' }, headers: { 'if-match': `"${version - 1}"` } });
    expect(stale.status, stale.text).toBe(412);
    const ignored = await call('PATCH', `/recurring/${item.id}`, { token, body: { status: 'ignored' }, headers: { 'if-match': `"${version}"` } });
    expect(ignored.status, ignored.text).toBe(200);
    expect(ignored.body).toMatchObject({ id: item.id, status: 'ignored', version: version + 1 });
    const bad = await call('PATCH', `/recurring/${item.id}`, { token, body: { status: 'detected' }, headers: { 'if-match': `"${version + 1}"` } });
    expect(bad.status).toBe(400);
    await pay(u, account, day5(1), 1599, 'NETFLIX.COM');
    const after = await until(u, (l) => l[0]?.transactionIds.length === 9, 'the next payment seen');
    expect(after[0]?.status).toBe('ignored');
    const alerts = (await call('GET', '/alerts', { token })).body.items as { kind: string }[];
    expect(alerts.filter((a) => a.kind === 'recurring.price_rise')).toHaveLength(1);
  });

  it('a deleted payment leaves the series; another user sees none of it', async () => {
    const { u, account } = await setUp('Recurring delete');
    const ids: string[] = [];
    for (let m = -5; m <= -1; m++) ids.push(await pay(u, account, day5(m), 999, 'SPOTIFY AB'));
    await until(u, (l) => l[0]?.transactionIds.length === 5, 'the subscription listed');
    const last = ids[4] as string;
    const got = await call('GET', `/transactions/${last}`, { token: u.accessToken });
    const del = await call('DELETE', `/transactions/${last}`, { token: u.accessToken, headers: { 'if-match': `"${got.body.version}"` } });
    expect(del.status, del.text).toBe(204);
    const after = await until(u, (l) => l[0]?.transactionIds.length === 4, 'the delete applied');
    expect(after[0]?.lastDate).toBe(day5(-2));
    // Two more deleted: two payments are no pattern, and the item leaves the list.
    for (const gone of [ids[3], ids[2]] as string[]) {
      const t = await call('GET', `/transactions/${gone}`, { token: u.accessToken });
      expect((await call('DELETE', `/transactions/${gone}`, { token: u.accessToken, headers: { 'if-match': `"${t.body.version}"` } })).status).toBe(204);
    }
    await until(u, (l) => l.length === 0, 'the item no longer listed');
    const other = await newUser('Recurring other');
    expect(await items(other)).toEqual([]);
  });
});
