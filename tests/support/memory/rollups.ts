import type { StoredRollup } from '../../../shared/adapters/rollups';
import type { RollupDelta, StoredFields } from '../../../shared/domain/analytics';
import type { RollupsPort } from '../../../shared/ports/rollups';

/**
 * In-memory rollups implementing {@link RollupsPort} as DynamoDB does: `applyOnce` is all or nothing (an erased
 * account or an event already applied changes nothing), counters are exact (BigInt inside, numbers while safe
 * outside, as the document client reads them). Use as the rollups adapter in unit tests:
 * `vi.mock('…/shared/adapters/rollups', () => import('…/memory/rollups'))`.
 */
export const memory = {
  /** `userId/base/month` → counters and last update. */
  rollups: new Map<string, { fields: Map<string, bigint>; updatedAt: string }>(),
  /** `userId/base/day` → daily counters and last update. */
  daily: new Map<string, { fields: Map<string, bigint>; updatedAt: string }>(),
  applied: new Set<string>(),
  erased: new Set<string>(),
  /** Calls of applyOnce, in order, with what they answered. */
  calls: [] as { userId: string; eventIds: string[]; outcome: string }[],
  reset(): void {
    this.rollups = new Map();
    this.daily = new Map();
    this.applied = new Set();
    this.erased = new Set();
    this.calls = [];
  },
  /** A rollup's counters as plain numbers (test assertions), zeros left out as DynamoDB ADD would keep them: kept. */
  fieldsOf(userId: string, base: string, month: string): Record<string, number> | undefined {
    const r = this.rollups.get(`${userId}/${base}/${month}`);
    return r && Object.fromEntries([...r.fields].map(([k, v]) => [k, Number(v)]));
  },
  /** A daily rollup's counters as plain numbers (zeros kept, as DynamoDB ADD keeps them). */
  dayFieldsOf(userId: string, base: string, day: string): Record<string, number> | undefined {
    const r = this.daily.get(`${userId}/${base}/${day}`);
    return r && Object.fromEntries([...r.fields].map(([k, v]) => [k, Number(v)]));
  },
  /** Erases a user as account deletion does: its rollups (monthly and daily) go, its late events are dropped. */
  erase(userId: string): void {
    for (const store of [this.rollups, this.daily]) for (const k of [...store.keys()]) if (k.startsWith(`${userId}/`)) store.delete(k);
    this.erased.add(userId);
  },
};

const out = (v: bigint): number | bigint => (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v);
const stored = (fields: Map<string, bigint>): StoredFields => Object.fromEntries([...fields].map(([k, v]) => [k, out(v)]));

export async function applyOnce(userId: string, eventIds: string[], deltas: RollupDelta[], now: Date): Promise<'applied' | 'duplicate' | 'erased'> {
  const outcome = memory.erased.has(userId) ? 'erased' : eventIds.some((id) => memory.applied.has(id)) || new Set(eventIds).size < eventIds.length ? 'duplicate' : 'applied';
  memory.calls.push({ userId, eventIds, outcome });
  if (outcome !== 'applied') return outcome;
  for (const id of eventIds) memory.applied.add(id);
  for (const d of deltas) {
    const store = d.key.day === undefined ? memory.rollups : memory.daily;
    const key = `${userId}/${d.key.baseCurrency}/${d.key.day ?? d.key.month}`;
    const r = store.get(key) ?? { fields: new Map<string, bigint>(), updatedAt: '' };
    for (const [name, value] of Object.entries(d.fields)) r.fields.set(name, (r.fields.get(name) ?? 0n) + BigInt(value));
    r.updatedAt = now.toISOString();
    store.set(key, r);
  }
  return 'applied';
}

function listOf(userId: string): { base: string; month: string; fields: StoredFields; updatedAt: string }[] {
  return [...memory.rollups]
    .filter(([k]) => k.startsWith(`${userId}/`))
    .map(([k, r]) => {
      const [, base = '', month = ''] = k.split('/');
      return { base, month, fields: stored(r.fields), updatedAt: r.updatedAt };
    })
    .sort((a, b) => (`${a.base}#${a.month}` < `${b.base}#${b.month}` ? -1 : 1));
}

export async function getRollups(userId: string, base: string, months: string[]): Promise<Map<string, StoredRollup>> {
  return new Map(listOf(userId).filter((r) => r.base === base && months.includes(r.month)).map((r) => [r.month, { month: r.month, fields: r.fields, updatedAt: r.updatedAt }]));
}

export async function rollupRange(userId: string, base: string, from: string, to: string): Promise<StoredRollup[]> {
  return listOf(userId).filter((r) => r.base === base && r.month >= from && r.month <= to).map((r) => ({ month: r.month, fields: r.fields, updatedAt: r.updatedAt }));
}

export async function allRollups(userId: string): Promise<{ base: string; month: string; fields: StoredFields; updatedAt: string }[]> {
  return listOf(userId);
}

export async function replaceRollup(userId: string, base: string, month: string, fields: StoredFields, expectedUpdatedAt: string | undefined, now: Date): Promise<boolean> {
  const key = `${userId}/${base}/${month}`;
  const current = memory.rollups.get(key);
  if (expectedUpdatedAt ? current?.updatedAt !== expectedUpdatedAt : current) return false;
  memory.rollups.set(key, { fields: new Map(Object.entries(fields).map(([k, v]) => [k, BigInt(v)])), updatedAt: now.toISOString() });
  return true;
}

function daysOf(userId: string): { base: string; day: string; fields: StoredFields; updatedAt: string }[] {
  return [...memory.daily]
    .filter(([k]) => k.startsWith(`${userId}/`))
    .map(([k, r]) => {
      const [, base = '', day = ''] = k.split('/');
      return { base, day, fields: stored(r.fields), updatedAt: r.updatedAt };
    })
    .sort((a, b) => (`${a.base}#${a.day}` < `${b.base}#${b.day}` ? -1 : 1));
}

export async function dailyRange(userId: string, base: string, fromDay: string, toDay: string): Promise<{ day: string; fields: StoredFields }[]> {
  // As the DynamoDB adapter returns them: non-zero counters only, days left with none left out.
  return daysOf(userId)
    .filter((r) => r.base === base && r.day >= fromDay && r.day <= toDay)
    .map((r) => ({ day: r.day, fields: Object.fromEntries(Object.entries(r.fields).filter(([, v]) => BigInt(v) !== 0n)) }))
    .filter((d) => Object.keys(d.fields).length > 0);
}

export async function allDaily(userId: string): Promise<{ base: string; day: string; fields: StoredFields; updatedAt: string }[]> {
  return daysOf(userId);
}

export async function replaceDaily(userId: string, base: string, day: string, fields: StoredFields, expectedUpdatedAt: string | undefined, now: Date): Promise<boolean> {
  const key = `${userId}/${base}/${day}`;
  const current = memory.daily.get(key);
  if (Object.keys(fields).length === 0 && !expectedUpdatedAt) return true;
  if (expectedUpdatedAt ? current?.updatedAt !== expectedUpdatedAt : current) return false;
  if (Object.keys(fields).length === 0) memory.daily.delete(key);
  else memory.daily.set(key, { fields: new Map(Object.entries(fields).map(([k, v]) => [k, BigInt(v)])), updatedAt: now.toISOString() });
  return true;
}

export const rollupsMemoryImplementsPort: RollupsPort = { applyOnce, getRollups, rollupRange, allRollups, replaceRollup, dailyRange, allDaily, replaceDaily };
