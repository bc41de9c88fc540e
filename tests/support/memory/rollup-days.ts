import type { StoredFields } from '../../../shared/domain/analytics/fields';
import type { BudgetDeps } from '../../../shared/use-cases/budgets';

/** Reads counted by kind, for tests that check how often the rollups are read. */
export interface RollupReads {
  daily: number;
  monthly: number;
  pending: number;
}

/**
 * The rollup reads of the budget use cases over in-memory daily rollups (`days()`: fields by YYYY-MM-DD); the
 * monthly rollups are their sums. `reads`, when given, counts each call.
 */
export function rollupDays(days: () => ReadonlyMap<string, Record<string, number>>, reads?: RollupReads): Pick<BudgetDeps, 'dailyRange' | 'pendingDays' | 'rollupRange'> {
  const inRange = (from: string, to: string, keep: (f: Record<string, number>) => boolean = () => true) =>
    [...days()].filter(([d, f]) => d >= from && d <= to && keep(f)).sort().map(([day, fields]) => ({ day, fields: fields as StoredFields }));
  return {
    dailyRange: async (_u, _b, from, to) => (reads && reads.daily++, inRange(from, to)),
    pendingDays: async (_u, _b, from, to) => (reads && reads.pending++, inRange(from, to, (f) => (f.pn ?? 0) !== 0)),
    rollupRange: async (_u, _b, from, to) => {
      if (reads) reads.monthly++;
      const months = new Map<string, Record<string, number>>();
      for (const [d, f] of days()) {
        const m = d.slice(0, 7);
        if (m < from || m > to) continue;
        const acc = months.get(m) ?? {};
        for (const [k, v] of Object.entries(f)) acc[k] = (acc[k] ?? 0) + v;
        months.set(m, acc);
      }
      return [...months].sort().map(([m, fields]) => ({ month: m, fields, updatedAt: `${m}-28T00:00:00.000Z` }));
    },
  };
}
