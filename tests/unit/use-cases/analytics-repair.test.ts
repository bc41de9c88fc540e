import { beforeEach, describe, expect, it, vi } from 'vitest';

// Unit tests of the rollup repair at sums past 2^53: the ledger (tests/support/memory/ledger.ts) and the rollup store
// are in memory (a month of 1,000 amounts near the ceiling is too slow to write through the API in a unit test).
const state = vi.hoisted(() => ({
  stored: [] as { base: string; month: string; fields: Record<string, number | bigint>; updatedAt: string }[],
  replaced: [] as { base: string; month: string; fields: Record<string, unknown> }[],
  days: [] as { base: string; day: string; fields: Record<string, number | bigint>; updatedAt: string }[],
  replacedDays: [] as { day: string; fields: Record<string, unknown> }[],
}));

vi.mock('../../../shared/adapters/ledger', () => import('../../support/memory/ledger'));
vi.mock('../../../shared/adapters/rollups', () => ({
  allRollups: async () => state.stored,
  replaceRollup: async (_u: string, base: string, month: string, fields: Record<string, unknown>) => {
    state.replaced.push({ base, month, fields });
    return true;
  },
  allDaily: async () => state.days,
  replaceDaily: async (_u: string, _base: string, day: string, fields: Record<string, unknown>) => {
    state.replacedDays.push({ day, fields });
    return true;
  },
}));

import type { TransactionRecord } from '../../../shared/adapters/ledger';
import { repairUser } from '../../../shared/use-cases/analytics-repair';
import { memory } from '../../support/memory/ledger';

const NEAR_CEILING = 9_999_999_999_999;
const ROWS = 1000;
const TOTAL = BigInt(NEAR_CEILING) * BigInt(ROWS); // 9,999,999,999,999,000 > 2^53 − 1
const now = new Date('2024-06-01T00:00:00Z');
const longAgo = '2024-04-01T00:00:00.000Z';

function income(i: number): TransactionRecord {
  return {
    id: `t${i}`, userId: 'u1', type: 'income', amount: NEAR_CEILING, currency: 'EUR', date: `2024-03-${String((i % 28) + 1).padStart(2, '0')}`,
    description: 'Payout', categoryId: 'salary', accountId: 'acc1', toAccountId: null, tags: [], notes: null, splits: null,
    baseAmount: NEAR_CEILING, baseCurrency: 'EUR', fxRate: '1', fxDate: '2024-03-01', fxStatus: 'converted', appliedRules: [], manualFields: [],
    importId: null, bankId: null, version: 1, createdAt: longAgo, updatedAt: longAgo,
  };
}

/** The exact rollup of the month, as storage returns it: bigints past 2^53, numbers below. */
const exactRollup = (): Record<string, number | bigint> => ({ inc: TOTAL, n: ROWS, 'a:acc1': TOTAL, 'ci:salary': TOTAL, 'cur:EUR': TOTAL, 'curn:EUR': ROWS });

/** The exact daily rollups of the month: day d holds every row i with i % 28 + 1 = d. */
const exactDays = () =>
  Array.from({ length: 28 }, (_, d) => {
    const rows = BigInt(Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 28 === d).length);
    const total = BigInt(NEAR_CEILING) * rows;
    return { base: 'EUR', day: `2024-03-${String(d + 1).padStart(2, '0')}`, fields: { inc: total, 'ci:salary': total } as Record<string, number | bigint>, updatedAt: longAgo };
  });

beforeEach(() => {
  memory.reset(Array.from({ length: ROWS }, (_, i) => income(i)));
  state.stored = [];
  state.replaced = [];
  state.days = exactDays();
  state.replacedDays = [];
});

describe('repairUser with a month past 2^53', () => {
  it('recounts exactly and finds no drift when the stored rollup is exact', async () => {
    state.stored = [{ base: 'EUR', month: '2024-03', fields: exactRollup(), updatedAt: longAgo }];
    const r = await repairUser('u1', { fix: true, now });
    expect(r).toEqual({ rollups: 1, days: 28, drifts: [] });
    expect(state.replaced).toEqual([]);
    expect(state.replacedDays).toEqual([]);
  });

  it('reports an exact difference of one unit and replaces the rollup with the exact recount', async () => {
    state.stored = [{ base: 'EUR', month: '2024-03', fields: { ...exactRollup(), inc: TOTAL - 1n, n: ROWS + 1 }, updatedAt: longAgo }];
    const r = await repairUser('u1', { fix: true, now });
    expect(r.drifts).toEqual([{ base: 'EUR', month: '2024-03', difference: { inc: 1, n: -1 }, fixed: true }]);
    expect(state.replaced).toEqual([{ base: 'EUR', month: '2024-03', fields: exactRollup() }]);
    expect(JSON.stringify(r)).toContain('"inc":1');
  });

  it('writes a missing rollup from the recount, its difference in exact digits (JSON-safe)', async () => {
    const r = await repairUser('u1', { fix: true, now });
    expect(r.drifts).toHaveLength(1);
    expect(r.drifts[0]?.difference).toEqual({ 'a:acc1': '9999999999999000', 'ci:salary': '9999999999999000', 'cur:EUR': '9999999999999000', 'curn:EUR': 1000, inc: '9999999999999000', n: 1000 });
    expect(r.drifts[0]?.fixed).toBe(true);
    expect(state.replaced[0]?.fields).toEqual(exactRollup());
    expect(() => JSON.stringify(r)).not.toThrow();
  });

  it('leaves a rollup changed in the last 10 minutes alone', async () => {
    state.stored = [{ base: 'EUR', month: '2024-03', fields: { inc: 5 }, updatedAt: new Date(now.getTime() - 60_000).toISOString() }];
    const r = await repairUser('u1', { fix: true, now });
    expect(r.drifts[0]?.fixed).toBe(false);
    expect(r.drifts[0]?.skipped).toMatch(/10 minutes/);
    expect(state.replaced).toEqual([]);
  });
});
