import { beforeAll, describe, expect, inject, it } from 'vitest';
import { chaosQueue, consumeWithCrashes, publishWithCrashes, seededRand, userLedgerEvents } from '../support/chaos-delivery';
import { call, eventually, newUser, type TestUser } from '../support/api';

/**
 * Chaos on the real pipeline. Thousands of random creates, edits and deletes go through the API; the local cloud's
 * own relay and analytics consumer process them as usual. Alongside, this test reads the same table stream and
 * turns it into events with the relay's own code, publishes each event 1–3 times in shuffled order, "crashes" the
 * publisher mid-batch (a batch is re-published from its start), and runs the analytics consumer's own code on them
 * with crashes after the DynamoDB write and before the message delete (redelivery after the visibility timeout).
 * Both consumers share the rollups. At the end, every rollup must equal a recount from the transactions: 0
 * mismatches, to the minor unit.
 */
let u: TestUser;
let env: Record<string, string>;

beforeAll(async () => {
  env = inject('cloud').env;
  Object.assign(process.env, env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
  u = await newUser('Chaos');
});

const OPS = Number(process.env.CHAOS_OPS ?? 2000);
const t0 = Date.now();
const phase = (name: string) => console.log(`chaos: ${name} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
/** A seeded generator, so a failing run can be replayed. */
const rand = seededRand(20241122);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

/** Runs the random operations; returns how many writes succeeded (concurrent edits of one transaction may get 412). */
async function randomOps(): Promise<number> {
  const live = new Map<string, number>();
  const currencies = ['EUR', 'EUR', 'USD', 'JPY', 'GBP', 'CHF', 'ARS'];
  const categories = ['food.groceries', 'food.restaurants', 'transport.fuel', 'housing.rent', null];
  const date = () => `2024-0${1 + Math.floor(rand() * 6)}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const draft = () => {
    const currency = pick(currencies);
    const amount = 1 + Math.floor(rand() * (currency === 'JPY' ? 50000 : 200000));
    const type = rand() < 0.2 ? 'income' : 'expense';
    const split = type === 'expense' && rand() < 0.15 && amount > 2;
    return {
      type,
      amount,
      currency,
      date: date(),
      description: pick(['REWE 123', 'Shell Station', 'Landlord', 'Salary ACME', 'Uber *Trip', 'Amazon Mktp']),
      ...(split ? { splits: [{ categoryId: 'food.groceries', amount: amount - 1 }, { categoryId: 'shopping.household', amount: 1 }] } : { categoryId: type === 'income' ? 'income.salary' : pick(categories) }),
    };
  };
  let done = 0;
  let writes = 0;
  const worker = async () => {
    while (done < OPS) {
      done++;
      const r = rand();
      const ids = [...live.keys()];
      if (ids.length < 20 || r < 0.55) {
        const res = await call('POST', '/transactions', { token: u.accessToken, body: draft() });
        if (res.status === 201) {
          live.set(res.body.id, res.body.version);
          writes++;
        }
      } else if (r < 0.85) {
        const id = pick(ids);
        const change = pick([{ date: date() }, { amount: 1 + Math.floor(rand() * 90000) }, { currency: pick(['EUR', 'USD', 'GBP']) }, { categoryId: pick(['food.coffee', 'transport.taxi']) }]);
        const res = await call('PATCH', `/transactions/${id}`, { token: u.accessToken, body: change, headers: { 'if-match': String(live.get(id)) } });
        if (res.status === 200) {
          live.set(id, res.body.version);
          writes++;
        }
      } else {
        const id = pick(ids);
        const res = await call('DELETE', `/transactions/${id}`, { token: u.accessToken, headers: { 'if-match': String(live.get(id)) } });
        if (res.status === 204) {
          live.delete(id);
          writes++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return writes;
}


describe('analytics under at-least-once chaos', () => {
  it('ends with every rollup equal to a recount: 0 mismatches', { timeout: 600_000 }, async () => {
    const { applyLedgerEvents } = await import('../../shared/use-cases/analytics-apply');
    const { repairUser } = await import('../../shared/use-cases/analytics-repair');

    const writes = await randomOps();
    phase(`${OPS} operations done, ${writes} writes`);

    // The user's ledger events, derived from the stream by the relay's own code.
    const events = await userLedgerEvents(env, u.userId);
    // Every acknowledged write is in the stream (a write whose answer the client lost may add one more).
    expect(events.length).toBeGreaterThanOrEqual(writes);
    phase(`${events.length} events read from the stream`);

    // Publisher: each event 1–3 times, shuffled; a crash mid-batch re-publishes the batch.
    const queue = await chaosQueue('chaos');
    const publisherCrashes = await publishWithCrashes(queue, events, rand);
    phase('published');
    // Consumers: the real handler logic; 25 % of batches crash after their DynamoDB writes and before the delete, so
    // their messages come back after the visibility timeout.
    const { deliveries, consumerCrashes } = await consumeWithCrashes(queue, (records) => applyLedgerEvents(records), rand);
    phase(`consumed ${deliveries} deliveries`);
    expect(deliveries).toBeGreaterThan(events.length * 1.5);
    expect(consumerCrashes).toBeGreaterThan(0);
    expect(publisherCrashes).toBeGreaterThan(0);

    // Once the cloud's own queues drained too, every rollup equals the recount.
    const report = await eventually(async () => {
      const r = await repairUser(u.userId, { fix: false });
      return r.drifts.length === 0 ? r : undefined;
    }, 60_000, 'rollups to equal the recount').catch(async () => repairUser(u.userId, { fix: false }));
    expect(report.drifts).toEqual([]);
    expect(report.rollups).toBeGreaterThan(5);
    // The daily rollups too (the repair above compares them; here read as budgets read them, with dailyRange): each
    // day of each base currency equals a recount of that day from the transactions, and there is no other day.
    expect(report.days).toBeGreaterThan(100);
    const { recountExact, parseRollupKey } = await import('../../shared/domain/analytics');
    const { transactionsByDate } = await import('../../shared/adapters/ledger');
    const { dailyRange } = await import('../../shared/adapters/rollups');
    const txs = [];
    for await (const page of transactionsByDate(u.userId)) txs.push(...page.items);
    const wantDays = new Map<string, Record<string, string>>();
    for (const [key, fields] of recountExact(txs)) {
      const k = parseRollupKey(key);
      if (k.day) wantDays.set(`${k.baseCurrency}#${k.day}`, Object.fromEntries(Object.entries(fields).map(([n, v]) => [n, String(v)])));
    }
    const haveDays = new Map<string, Record<string, string>>();
    for (const base of new Set(txs.map((t) => t.baseCurrency))) {
      for (const d of await dailyRange(u.userId, base, '1900-01-01', '2999-12-31')) haveDays.set(`${base}#${d.day}`, Object.fromEntries(Object.entries(d.fields).sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, v]) => [n, String(v)])));
    }
    const mismatches = [...new Set([...wantDays.keys(), ...haveDays.keys()])].filter((k) => JSON.stringify(wantDays.get(k)) !== JSON.stringify(haveDays.get(k)));
    expect(mismatches).toEqual([]);
    expect(haveDays.size).toBe(report.days);
  });
});
