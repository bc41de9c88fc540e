import { userShard } from '../../../shared/adapters/keys';

/**
 * An in-memory dirty-users store (shared/adapters/dirty-users.ts): the users marked per UTC day.
 * Use in unit tests: `vi.mock('…/shared/adapters/dirty-users', () => import('…/memory/dirty-users'))`.
 */
export const memory = {
  days: new Map<string, Set<string>>(),
  reset(): void {
    this.days.clear();
  },
};

export async function markDirty(userId: string, now: Date): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  memory.days.set(day, (memory.days.get(day) ?? new Set()).add(userId));
}

/** The adapter's paging, over `days` in order, positions as `{ day, at }`. */
export async function dirtyPage(days: string[], shard: number, start: Record<string, unknown> | undefined, size: number): Promise<{ profiles: { userId: string }[]; next?: Record<string, unknown> }> {
  const all = days.flatMap((d) => [...(memory.days.get(d) ?? [])].filter((u) => userShard(u) === shard).sort());
  const from = Number(start?.at ?? 0);
  return { profiles: all.slice(from, from + size).map((userId) => ({ userId })), ...(from + size < all.length ? { next: { at: from + size } } : {}) };
}
