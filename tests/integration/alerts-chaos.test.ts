import type { Context, SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ALERT_KINDS } from '../../shared/domain/alerts/alert';
import { chaosQueue, consumeWithCrashes, publishWithCrashes, seededRand, userLedgerEvents } from '../support/chaos-delivery';
import { call, eventually, newUser, type TestUser } from '../support/api';

/**
 * Exactly-once alerts under the same chaos as the analytics test. Random creates, edits and deletes go through the
 * API while every alert kind is switched off (the cloud's own alerts consumer stores nothing meanwhile); once the
 * rollups equal a recount, the alerts consumer's kinds are switched on (the kinds other consumers raise stay off) and this test delivers the user's ledger events — read from the
 * table stream with the relay's own code — to the alerts consumer's own handler: each event 1–3 times, shuffled, a
 * publisher crash re-publishing a batch from its start, and 25 % of consumer batches crashing after their alert
 * writes and before the delete (redelivered after the visibility timeout). At the end the stored alerts must be
 * exactly the expected ones, once each:
 * - expected = the union, over the unique events, of what the pure rules decide on the final data (`alertsFor`, no
 *   write), which the level-based rules make independent of order;
 * - independently, every budget period's threshold alerts equal the thresholds at or below its spending in
 *   GET /budgets/status as of the period's last day.
 */
let u: TestUser;
let env: Record<string, string>;

beforeAll(async () => {
  env = inject('cloud').env;
  Object.assign(process.env, env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
  u = await newUser('Alert chaos');
});

const OPS = Number(process.env.ALERT_CHAOS_OPS ?? 120);
const rand = seededRand(20241125);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
/** The kinds the alerts consumer raises; every other kind (raised by other consumers) stays off throughout. */
const KINDS = ['budget.threshold', 'budget.pace', 'transaction.unusual', 'goal.reached', 'goal.off_track'] as const;
const today = new Date();
const monthStart = (offset: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
const randomDate = () => new Date(Date.parse(monthStart(-3)) + Math.floor(rand() * (Date.now() - Date.parse(monthStart(-3))) / 86_400_000) * 86_400_000).toISOString().slice(0, 10);

async function randomOps(account: string): Promise<void> {
  const live = new Map<string, number>();
  const categories = ['food.groceries', 'food.groceries', 'food.restaurants', 'transport.fuel'];
  const draft = () => {
    const categoryId = pick(categories);
    // Mostly ordinary amounts; now and then one far outside them.
    const amount = rand() < 0.05 ? 20000 + Math.floor(rand() * 30000) : 500 + Math.floor(rand() * 3000);
    return { type: 'expense', amount, currency: 'EUR', date: randomDate(), description: pick(['REWE', 'Shell', 'Bistro']), categoryId, accountId: account };
  };
  let done = 0;
  const worker = async () => {
    while (done < OPS) {
      done++;
      const r = rand();
      const ids = [...live.keys()];
      if (ids.length < 20 || r < 0.7) {
        const res = await call('POST', '/transactions', { token: u.accessToken, body: draft() });
        if (res.status === 201) live.set(res.body.id, res.body.version);
      } else if (r < 0.9) {
        const id = pick(ids);
        const change = pick([{ date: randomDate() }, { amount: 500 + Math.floor(rand() * 5000) }, { categoryId: pick(categories) }]);
        const res = await call('PATCH', `/transactions/${id}`, { token: u.accessToken, body: change, headers: { 'if-match': String(live.get(id)) } });
        if (res.status === 200) live.set(id, res.body.version);
      } else {
        const id = pick(ids);
        const res = await call('DELETE', `/transactions/${id}`, { token: u.accessToken, headers: { 'if-match': String(live.get(id)) } });
        if (res.status === 204) live.delete(id);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}


type Alert = { id: string; kind: string; budgetId?: string; evidence: Record<string, unknown> };
async function listAll(): Promise<Alert[]> {
  const out: Alert[] = [];
  let cursor: string | null = null;
  do {
    const res: { body: { items: Alert[]; nextCursor: string | null } } = await call('GET', `/alerts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: u.accessToken });
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

describe('alerts under at-least-once chaos', () => {
  it('stores every expected alert exactly once and no other', { timeout: 600_000 }, async () => {
    const { repairUser } = await import('../../shared/use-cases/analytics-repair');
    const { alertsFor } = await import('../../shared/use-cases/alerts');
    const { alertSources, handler } = await import('../../functions/queue/alerts');
    const t = u.accessToken;

    // Prepare: every kind off, so the cloud's own consumer stores nothing while the ledger changes.
    const off = await call('PUT', '/alerts/preferences', { token: t, body: { kinds: Object.fromEntries(ALERT_KINDS.map((k) => [k, { enabled: false }])) } });
    expect(off.status).toBe(200);
    expect((await call('PATCH', '/me', { token: t, body: { baseCurrency: 'EUR' } })).status).toBe(200);
    const account = (await call('POST', '/accounts', { token: t, body: { name: 'Giro', type: 'checking', currency: 'EUR', openingBalance: 0 } })).body.id as string;
    const start = monthStart(-3);
    const budgets = [
      { name: 'Groceries', categoryId: 'food.groceries', period: 'monthly', amount: 20000, startDate: start },
      { name: 'Everything', categoryId: null, period: 'monthly', amount: 60000, thresholds: [25, 50, 75, 100, 150], startDate: start },
      { name: 'Fuel', categoryId: 'transport.fuel', period: 'weekly', amount: 4000, startDate: start },
    ];
    for (const b of budgets) expect((await call('POST', '/budgets', { token: t, body: b })).status).toBe(201);
    expect((await call('POST', '/goals', { token: t, body: { name: 'Done already', targetAmount: 100, startAmount: 100 } })).status).toBe(201);

    await randomOps(account);
    // The cloud's own pipeline settles: every rollup equals the recount.
    await eventually(async () => ((await repairUser(u.userId, { fix: false })).drifts.length === 0 ? true : undefined), 60_000, 'rollups to settle');
    await new Promise((r) => setTimeout(r, 3000));
    expect(await listAll()).toEqual([]);
    const on = await call('PUT', '/alerts/preferences', { token: t, body: { kinds: Object.fromEntries(KINDS.map((k) => [k, { enabled: true, email: k === 'budget.threshold' ? 'immediate' : 'off' }])) } });
    expect(on.status).toBe(200);

    // The user's ledger events, as the relay makes them from the stream.
    const events = await userLedgerEvents(env, u.userId);
    const unique = [...new Map(events.map((e) => [e.id, e])).values()];
    expect(unique.length).toBeGreaterThan(OPS * 0.8);

    // Expected: what the pure rules decide for each event on its own, on the final data (no write), from the sources
    // the consumer reads (which evaluate only the budgets an event can move); the consumer evaluates whole batches.
    const sources = alertSources;
    const day = new Date().toISOString().slice(0, 10);
    const expected = new Map<string, string>();
    for (const e of unique) for (const d of await alertsFor(e.data as Parameters<typeof alertsFor>[0], sources, day)) expected.set(d.id, d.kind);
    const kinds = new Set(expected.values());
    for (const k of ['budget.threshold', 'budget.pace', 'transaction.unusual', 'goal.reached']) expect(kinds, k).toContain(k);

    // Chaos delivery to the alerts consumer's own handler through a queue of its own.
    const queue = await chaosQueue('alerts-chaos');
    const publisherCrashes = await publishWithCrashes(queue, unique, rand);
    const context = { functionName: 'alerts', awsRequestId: 'chaos', getRemainingTimeInMillis: () => 600_000 } as unknown as Context;
    const { deliveries, consumerCrashes } = await consumeWithCrashes(queue, (records) => handler({ Records: records } as SQSEvent, context), rand);
    expect(deliveries).toBeGreaterThan(unique.length * 1.5);
    expect(consumerCrashes).toBeGreaterThan(0);
    expect(publisherCrashes).toBeGreaterThan(0);

    // Every expected alert exactly once, and no other.
    const stored = await listAll();
    const ids = stored.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(expected.keys()));

    // Independently: each budget period's thresholds are those at or below its final spending (GET /budgets/status).
    const byPeriod = new Map<string, number[]>();
    for (const a of stored.filter((x) => x.kind === 'budget.threshold')) {
      const period = a.evidence.period as { from: string; to: string };
      const k = `${a.budgetId}|${period.from}|${period.to}`;
      byPeriod.set(k, [...(byPeriod.get(k) ?? []), a.evidence.threshold as number].sort((p, q) => p - q));
    }
    const list = (await call('GET', '/budgets', { token: t })).body.items as { id: string; thresholds: number[] }[];
    // Every period any event touched (its transaction's date before or after the change), alerts or not.
    const dates = new Set(unique.flatMap((e) => [(e.data as { before: { date: string } | null }).before?.date, (e.data as { after: { date: string } | null }).after?.date]).filter((d): d is string => d !== undefined));
    const ends = new Set<string>();
    for (const d of dates) for (const s of (await call('GET', `/budgets/status?date=${d}`, { token: t })).body.items as { period: { to: string } }[]) ends.add(s.period.to);
    let periodsChecked = 0;
    for (const end of ends) {
      const status = (await call('GET', `/budgets/status?date=${end}`, { token: t })).body.items as { budgetId: string; period: { from: string; to: string }; spent: number; available: number }[];
      for (const s of status.filter((x) => x.period.to === end)) {
        const thresholds = list.find((b) => b.id === s.budgetId)?.thresholds ?? [];
        const reached = thresholds.filter((th) => s.spent * 100 >= th * s.available);
        expect(byPeriod.get(`${s.budgetId}|${s.period.from}|${s.period.to}`) ?? [], `${s.budgetId} ${s.period.from}`).toEqual(reached);
        periodsChecked++;
      }
    }
    expect(periodsChecked).toBeGreaterThan(10);
  });
});
