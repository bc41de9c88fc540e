import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, eventually, newUser, outbox, type TestUser } from '../support/api';

/**
 * The daily alert digest end to end: a user who wants `budget.threshold` emailed `daily` crosses a threshold over
 * HTTP; the alerts consumer stores the alert and the day's digest marker (and sends no immediate email); the
 * `alerts-digest` schedule, run through the local console, reads yesterday's markers. The console runs a schedule
 * "now", so the test moves the stored alert and its marker one day back in DynamoDB Local, then sees exactly one
 * digest in the outbox however often the schedule runs.
 */
type Alert = { id: string; kind: string; title: string; createdAt: string };

const today = new Date();
const monthStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)).toISOString().slice(0, 10);
const yesterday = new Date(Date.parse(today.toISOString().slice(0, 10)) - 86_400_000).toISOString().slice(0, 10);

beforeAll(() => {
  Object.assign(process.env, inject('cloud').env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
});

async function runSchedule(name: string): Promise<{ ok: boolean; result: unknown }> {
  const r = await fetch(`${inject('cloud').consoleUrl}/api/schedules/${name}/run`, { method: 'POST' });
  expect(r.status).toBe(200);
  return (await r.json()) as { ok: boolean; result: unknown };
}

async function setUp(): Promise<{ u: TestUser; account: string }> {
  const u = await newUser('Digest <b>');
  expect((await call('PATCH', '/me', { token: u.accessToken, body: { baseCurrency: 'EUR' } })).status).toBe(200);
  const acc = await call('POST', '/accounts', { token: u.accessToken, body: { name: 'Giro', type: 'checking', currency: 'EUR', openingBalance: 0 } });
  expect(acc.status).toBe(201);
  return { u, account: acc.body.id };
}

describe('daily alert digest', () => {
  it('emails one digest of yesterday’s alerts for a daily preference, once however often the schedule runs', { timeout: 90_000 }, async () => {
    const { db, tableName } = await import('../../shared/adapters/dynamo');
    const keys = await import('../../shared/adapters/keys');
    const { GetCommand, PutCommand, DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    const { u, account } = await setUp();
    const prefs = await call('PUT', '/alerts/preferences', { token: u.accessToken, body: { kinds: { 'budget.threshold': { email: 'daily' } } } });
    expect(prefs.status, prefs.text).toBe(200);
    const b = await call('POST', '/budgets', { token: u.accessToken, body: { name: 'Fuel <i>', categoryId: 'transport.fuel', amount: 5000, period: 'monthly', rollover: 'none', thresholds: [80], startDate: monthStart } });
    expect(b.status, b.text).toBe(201);
    const tx = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount: 4500, currency: 'EUR', date: monthStart, description: 'Pump', categoryId: 'transport.fuel', accountId: account } });
    expect(tx.status, tx.text).toBe(201);
    const [alert] = await eventually(async () => {
      const res = await call('GET', '/alerts', { token: u.accessToken });
      const found = (res.body.items as Alert[]).filter((a) => a.kind === 'budget.threshold');
      return found.length > 0 ? found : undefined;
    }, 20_000, 'the threshold alert');
    if (!alert) throw new Error('no alert');
    const day = alert.createdAt.slice(0, 10);

    // The consumer marked the user for the alert's day, and sent no immediate email.
    const marker = await eventually(async () => (await db().send(new GetCommand({ TableName: tableName(), Key: keys.alertDigest(day, u.userId), ConsistentRead: true }))).Item, 10_000, 'the digest marker');
    expect(marker.sk).toBe(u.userId);
    expect((await outbox(u.email)).filter((m) => m.subject.startsWith('Tally alert'))).toEqual([]);

    // One day back: the alert (its creation time and index position) and its marker.
    const key = keys.alert(u.userId, alert.id);
    const item = (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
    if (!item) throw new Error('alert item missing');
    const createdAt = `${yesterday}T12:00:00.000Z`;
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...item, createdAt, ...keys.alertByTime(u.userId, createdAt, alert.id) } }));
    await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.alertDigest(day, u.userId) }));
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.alertDigest(yesterday, u.userId), userId: u.userId, day: yesterday } }));

    const run = await runSchedule('alerts-digest');
    expect(run.ok).toBe(true);
    expect(run.result).toMatchObject({ day: yesterday });
    const digests = await eventually(async () => {
      const m = (await outbox(u.email)).filter((x) => x.subject.startsWith('Tally: '));
      return m.length > 0 ? m : undefined;
    }, 20_000, 'the digest email');
    expect(digests[0]?.subject).toBe(`Tally: 1 alert on ${yesterday}`);
    expect(digests[0]?.text).toContain(alert.title);
    expect(digests[0]?.html).toContain('Fuel &#60;i&#62;');
    expect(digests[0]?.html).not.toContain('Fuel <i>');

    // Again, twice at once: still one digest for this user and day.
    const again = await Promise.all([runSchedule('alerts-digest'), runSchedule('alerts-digest')]);
    expect(again.every((r) => r.ok)).toBe(true);
    await new Promise((r) => setTimeout(r, 3000));
    expect((await outbox(u.email)).filter((x) => x.subject.startsWith('Tally: '))).toHaveLength(1);
  });
});
