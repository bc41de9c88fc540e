import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  byPrefix,
  compactFields,
  delta,
  field,
  mergeDeltas,
  parseRollupKey,
  recount,
  rollupKeyString,
  type AnalyticsTransaction,
  type RollupDelta,
  type RollupFields,
} from '../../../../shared/domain/analytics';

const CURRENCIES = ['EUR', 'USD', 'JPY', 'BHD', 'GBP'] as const;
const BASES = ['EUR', 'EUR', 'EUR', 'USD'] as const;
const MONTHS = ['2023-11', '2023-12', '2024-01', '2024-02'] as const;
const CATEGORIES = ['food', 'food.groceries', 'food.restaurants', 'housing.rent', 'income.salary', 'income.other'] as const;
const ACCOUNTS = ['acc-1', 'acc-2', 'acc-3'] as const;
const DESCRIPTIONS = [
  'CARD PURCHASE 01/15 STARBUCKS #1234 SEATTLE WA CARD 4821',
  'POS PURCHASE STARBUCKS STORE #12345 SEATTLE WA',
  'Kartenzahlung girocard REWE Markt GmbH Berlin 2024-01-31T12:34',
  'AMZN Mktp US*2K4L12345',
  'ローソン 渋谷店',
  'ACME GMBH GEHALT 01/2024',
  '',
  '#12345',
] as const;

const day = fc.integer({ min: 1, max: 28 }).map((d) => String(d).padStart(2, '0'));
const date = fc.tuple(fc.constantFrom(...MONTHS), day).map(([m, d]) => `${m}-${d}`);
const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });

/** A stored transaction as the ledger could hold it: any type, currency, month, split, pending or converted. */
const transaction: fc.Arbitrary<AnalyticsTransaction> = fc
  .record({
    type: fc.constantFrom('expense', 'expense', 'income', 'transfer'),
    amount: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 5_000_000_000 })),
    currency: fc.constantFrom(...CURRENCIES),
    baseCurrency: fc.constantFrom(...BASES),
    date,
    description: fc.constantFrom(...DESCRIPTIONS),
    categoryId: maybe(fc.constantFrom(...CATEGORIES)),
    accountId: maybe(fc.constantFrom(...ACCOUNTS)),
    toAccountId: maybe(fc.constantFrom(...ACCOUNTS)),
    splits: fc.option(
      fc.array(
        fc.record({
          categoryId: fc.constantFrom(...CATEGORIES),
          amount: fc.integer({ min: -500_000, max: 5_000_000 }).filter((a) => a !== 0),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      { nil: null, freq: 2 },
    ),
    pending: fc.boolean(),
    base: fc.integer({ min: 0, max: 9_000_000_000 }),
  })
  .map(({ pending, base, ...t }): AnalyticsTransaction => {
    let splits = t.type === 'transfer' ? null : t.splits;
    let amount = t.amount;
    if (splits) {
      const sum = splits.reduce((s, p) => s + p.amount, 0);
      // A valid split adds up to a positive amount.
      if (sum <= 0) splits = [...splits, { categoryId: 'food', amount: 1 - sum + 99 }];
      amount = splits.reduce((s, p) => s + p.amount, 0);
    }
    return {
      ...t,
      amount,
      splits,
      categoryId: splits || t.type === 'transfer' ? null : t.categoryId,
      toAccountId: t.type === 'transfer' ? t.toAccountId : null,
      fxStatus: pending ? 'pending' : 'converted',
      baseAmount: pending ? null : t.currency === t.baseCurrency ? amount : base,
    };
  });

type Op =
  | { kind: 'put'; slot: number; tx: AnalyticsTransaction }
  | { kind: 'delete'; slot: number }
  | { kind: 'touch'; slot: number }
  | { kind: 'convert'; slot: number; base: number }
  | { kind: 'pend'; slot: number }
  | { kind: 'recategorise'; slot: number; categoryId: string | null }
  | { kind: 'redate'; slot: number; date: string };

const slot = fc.integer({ min: 0, max: 5 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('put' as const), slot, tx: transaction }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), slot }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('touch' as const), slot }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('convert' as const), slot, base: fc.integer({ min: 0, max: 9_000_000 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('pend' as const), slot }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('recategorise' as const), slot, categoryId: maybe(fc.constantFrom(...CATEGORIES)) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('redate' as const), slot, date }), weight: 2 },
);

interface ChangeEvent {
  before: AnalyticsTransaction | null;
  after: AnalyticsTransaction | null;
}

/** Runs the operations against a ledger; returns the change events (what the stream would carry) and the end state. */
function run(ops: readonly Op[]): { events: ChangeEvent[]; final: AnalyticsTransaction[] } {
  const ledger = new Map<number, AnalyticsTransaction>();
  const events: ChangeEvent[] = [];
  for (const o of ops) {
    const before = ledger.get(o.slot) ?? null;
    let after: AnalyticsTransaction | null;
    switch (o.kind) {
      case 'put':
        after = o.tx;
        break;
      case 'delete':
        after = null;
        break;
      case 'touch':
        after = before && { ...before };
        break;
      case 'convert':
        after = before && { ...before, fxStatus: 'converted', baseAmount: before.currency === before.baseCurrency ? before.amount : o.base };
        break;
      case 'pend':
        after = before && { ...before, fxStatus: 'pending', baseAmount: null };
        break;
      case 'recategorise':
        after = before && (before.type === 'transfer' ? before : { ...before, splits: null, categoryId: o.categoryId });
        break;
      case 'redate':
        after = before && { ...before, date: o.date };
        break;
    }
    if (before === null && after === null) continue;
    if (after) ledger.set(o.slot, after);
    else ledger.delete(o.slot);
    events.push({ before, after });
  }
  return { events, final: [...ledger.values()] };
}

/** A rollup table that behaves like DynamoDB `ADD`: a counter that returns to 0 stays, at 0. */
class RollupTable {
  readonly items = new Map<string, Record<string, number>>();
  add(d: RollupDelta): void {
    const id = rollupKeyString(d.key);
    const item = this.items.get(id) ?? {};
    for (const [name, value] of Object.entries(d.fields)) item[name] = (item[name] ?? 0) + value;
    this.items.set(id, item);
  }
  /** What the rollups mean: zeros dropped, empty rollups dropped. */
  meaning(): Map<string, RollupFields> {
    const out = new Map<string, RollupFields>();
    for (const id of [...this.items.keys()].sort()) {
      const fields = compactFields(this.items.get(id));
      if (Object.keys(fields).length > 0) out.set(id, fields);
    }
    return out;
  }
}

const MAX_OPS = 24;
const scenario = fc.record({
  ops: fc.array(op, { minLength: 0, maxLength: MAX_OPS }),
  order: fc.array(fc.nat(), { minLength: MAX_OPS, maxLength: MAX_OPS }),
  cuts: fc.array(fc.boolean(), { minLength: MAX_OPS, maxLength: MAX_OPS }),
});

function sum(map: ReadonlyMap<string, number>): number {
  let s = 0;
  for (const v of map.values()) s += v;
  return s;
}

describe('incremental rollups', () => {
  it('applying every delta in a random order and random merged batches equals a recount of the final state', () => {
    let runs = 0;
    let events = 0;
    fc.assert(
      fc.property(scenario, ({ ops, order, cuts }) => {
        // Prepare
        const { events: changes, final } = run(ops);
        events += changes.length;
        const deltas = changes.map((e) => delta(e.before, e.after));
        const permutation = deltas.map((_, i) => i).sort((a, b) => (order[a] ?? 0) - (order[b] ?? 0) || a - b);

        // Act: deliver in that order, merged in batches cut where `cuts` says.
        const table = new RollupTable();
        let batch: RollupDelta[] = [];
        permutation.forEach((i, position) => {
          batch.push(...(deltas[i] ?? []));
          if (cuts[position] || position === permutation.length - 1) {
            for (const merged of mergeDeltas(batch)) table.add(merged);
            batch = [];
          }
        });
        const inOrder = new RollupTable();
        for (const list of deltas) for (const d of list) inOrder.add(d);

        // Assess
        const expected = recount(final);
        runs++;
        expect(table.meaning()).toEqual(expected);
        expect(inOrder.meaning()).toEqual(expected);
        for (const list of deltas) for (const d of list) expect(Object.values(d.fields)).not.toContain(0);
      }),
      { numRuns: 10_000 },
    );
    expect(runs).toBe(10_000);
    expect(events).toBeGreaterThan(10_000);
  }, 120_000);

  it('keeps the invariants of every recounted rollup exactly, monthly and daily', () => {
    fc.assert(
      fc.property(fc.array(transaction, { maxLength: 30 }), (rows) => {
        const all = [...recount(rows)];
        const monthly = all.filter(([k]) => !parseRollupKey(k).day);
        const daily = all.filter(([k]) => parseRollupKey(k).day);
        for (const [, f] of monthly) {
          const exp = field(f, 'exp');
          const inc = field(f, 'inc');
          expect(sum(byPrefix(f, 'ce:'))).toBe(exp);
          expect(sum(byPrefix(f, 'ci:'))).toBe(inc);
          expect(sum(byPrefix(f, 'm:'))).toBe(exp);
          expect(sum(byPrefix(f, 'a:'))).toBe(inc - exp);
          expect(sum(byPrefix(f, 'curn:'))).toBe(field(f, 'n'));
          expect(sum(byPrefix(f, 'pcn:'))).toBe(field(f, 'pn'));
        }
        // A day holds the daily subset only; its categories add up to its totals.
        const daySums = new Map<string, Map<string, number>>();
        for (const [k, f] of daily) {
          expect(Object.keys(f).every((name) => /^(exp|inc|pn|ce:.+|ci:.+|pce:[A-Z]{3}:.+|pcen:[A-Z]{3}:.+)$/.test(name))).toBe(true);
          expect(sum(byPrefix(f, 'ce:'))).toBe(field(f, 'exp'));
          expect(sum(byPrefix(f, 'ci:'))).toBe(field(f, 'inc'));
          const { baseCurrency, month } = parseRollupKey(k);
          const acc = daySums.get(`${baseCurrency}#${month}`) ?? new Map<string, number>();
          for (const [name, value] of Object.entries(f)) if (!name.startsWith('pce')) acc.set(name, (acc.get(name) ?? 0) + value);
          daySums.set(`${baseCurrency}#${month}`, acc);
        }
        // The days of a month add up to the month's exp, inc, ce:, ci: and pn.
        for (const [k, f] of monthly) {
          const want = Object.fromEntries(Object.entries(f).filter(([name]) => /^(exp|inc|pn|ce:.+|ci:.+)$/.test(name)));
          expect(compactFields(Object.fromEntries(daySums.get(k) ?? []))).toEqual(compactFields(want));
        }
        // Pending expenses: their native parts per currency, in days, equal what the month keeps as p: (sign aside).
        const native = new Map<string, number>();
        for (const r of rows) if (r.type === 'expense' && !(r.fxStatus === 'converted' && r.baseAmount !== null)) native.set(r.currency, (native.get(r.currency) ?? 0) + r.amount);
        const pce = new Map<string, number>();
        for (const [, f] of daily) for (const [id, v] of byPrefix(f, 'pce:')) pce.set(id.slice(0, 3), (pce.get(id.slice(0, 3)) ?? 0) + v);
        expect(compactFields(Object.fromEntries(pce))).toEqual(compactFields(Object.fromEntries(native)));
        expect(monthly.reduce((s, [, f]) => s + field(f, 'n') + field(f, 'tn') + field(f, 'pn'), 0)).toBe(rows.length);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('composes: delta(a, b) merged with delta(b, c) is delta(a, c)', () => {
    fc.assert(
      fc.property(fc.option(transaction, { nil: null }), fc.option(transaction, { nil: null }), fc.option(transaction, { nil: null }), (a, b, c) => {
        expect(mergeDeltas([...delta(a, b), ...delta(b, c)])).toEqual(delta(a, c));
        expect(delta(a, a)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);
});
