import { addMonths, cashflow, categoryTotals, monthlySummary, monthsBetween, trends, type AnalyticsCategory } from '../domain/analytics';
import { ValidationError } from '../domain/errors';
import { listCategories } from '../adapters/categories';
import { getProfile } from '../adapters/profiles';
import { getRollups, rollupRange, type StoredRollup } from '../adapters/rollups';

// Read models over the monthly rollups: each reads the rollups of the months it shows (one BatchGet or one Query) and
// the user's categories, never the transactions.

/** What the summary and the trend read: the adapters, or the reads a dashboard request shares among its sections. */
export interface AnalyticsReadDeps {
  getProfile: (userId: string) => Promise<{ baseCurrency: string } | undefined>;
  listCategories: typeof listCategories;
  /** The rollups of some months (by default one BatchGet of exactly those). */
  getRollups: (userId: string, base: string, months: string[]) => Promise<Map<string, StoredRollup>>;
  rollupRange: typeof rollupRange;
}

const READS: AnalyticsReadDeps = { getProfile, listCategories, getRollups, rollupRange };

async function context(userId: string, deps: AnalyticsReadDeps): Promise<{ base: string; categories: AnalyticsCategory[] }> {
  const [profile, categories] = await Promise.all([deps.getProfile(userId), deps.listCategories(userId)]);
  return { base: profile?.baseCurrency ?? 'EUR', categories: categories.map((c) => ({ id: c.id, name: c.name, parentId: c.parentId, kind: c.kind })) };
}

const currentMonth = (now: Date) => now.toISOString().slice(0, 7);

export async function summary(userId: string, month: string | undefined, now = new Date(), deps: AnalyticsReadDeps = READS) {
  const m = month ?? currentMonth(now);
  const prev = addMonths(m, -1);
  const { base, categories } = await context(userId, deps);
  const rollups = await deps.getRollups(userId, base, [m, prev]);
  const current = rollups.get(m);
  return { ...monthlySummary(m, base, current?.fields, rollups.get(prev)?.fields, categories, current?.updatedAt ?? ''), asOf: current?.updatedAt ?? null };
}

function range(from: string, to: string): string[] {
  if (from > to) throw new ValidationError('from is after to.', [{ path: 'query.from', message: 'after to' }]);
  return monthsBetween(from, to);
}

export async function trendSeries(userId: string, from: string, to: string, deps: AnalyticsReadDeps = READS) {
  const months = range(from, to);
  const { base, categories } = await context(userId, deps);
  const stored = new Map((await deps.rollupRange(userId, base, from, to)).map((r) => [r.month, r.fields]));
  return { baseCurrency: base, ...trends(months.map((month) => ({ month, fields: stored.get(month) })), categories) };
}

export async function categoryRange(userId: string, from: string, to: string) {
  range(from, to);
  const { base, categories } = await context(userId, READS);
  const stored = await rollupRange(userId, base, from, to);
  return { baseCurrency: base, from, to, ...categoryTotals(stored.map((r) => r.fields), categories) };
}

export async function cashflowSeries(userId: string, monthsBack: number, now = new Date()) {
  const to = currentMonth(now);
  const from = addMonths(to, -(monthsBack - 1));
  const profile = await getProfile(userId);
  const base = profile?.baseCurrency ?? 'EUR';
  const stored = new Map((await rollupRange(userId, base, from, to)).map((r) => [r.month, r.fields]));
  return { baseCurrency: base, items: cashflow(monthsBetween(from, to).map((month) => ({ month, fields: stored.get(month) }))) };
}
