import type * as Adapter from '../../../shared/adapters/advice';
import type { AdviceRecord } from '../../../shared/domain/advice/store';
import type { AdvicePort } from '../../../shared/ports/advice';

/** In-memory advice store with the adapter's conditions (a dismissed or applied advice is never overwritten). */
export const memory = {
  advice: new Map<string, AdviceRecord>(),
  marks: new Map<string, { dueAt: string; lastEventId?: string }>(),
  applied: new Set<string>(),
  categoryTx: new Map<string, string[]>(),
  erased: new Set<string>(),
  /** Users whose arming throws (a failure of one user's group). */
  failing: new Set<string>(),
  /** Transactional arming attempts (a refused one is billed as well), marker reads, conditional notes. */
  armAttempts: 0,
  reads: 0,
  writes: 0,
  reset(): void {
    this.erased = new Set();
    this.failing = new Set();
    this.armAttempts = 0;
    this.reads = 0;
    this.writes = 0;
    this.categoryTx = new Map();
    this.advice = new Map();
    this.marks = new Map();
    this.applied = new Set();
  },
};

const k = (userId: string, id: string) => `${userId}/${id}`;

export async function listAdvice(userId: string): Promise<AdviceRecord[]> {
  return [...memory.advice].filter(([key]) => key.startsWith(`${userId}/`)).map(([, r]) => structuredClone(r));
}
export async function getAdvice(userId: string, id: string): Promise<AdviceRecord | undefined> {
  const r = memory.advice.get(k(userId, id));
  return r && structuredClone(r);
}
export async function putOpenAdvice(userId: string, record: AdviceRecord): Promise<boolean> {
  const current = memory.advice.get(k(userId, record.id));
  if (current && current.status !== 'open') return false;
  memory.advice.set(k(userId, record.id), structuredClone(record));
  return true;
}
export async function deleteOpenAdvice(userId: string, id: string): Promise<void> {
  if (memory.advice.get(k(userId, id))?.status === 'open') memory.advice.delete(k(userId, id));
}
export async function deleteAdvice(userId: string, id: string): Promise<void> {
  memory.advice.delete(k(userId, id));
}
export async function updateAdvice(userId: string, id: string, changes: { useful?: boolean; status?: 'dismissed' | 'applied'; appliedBudgetIds?: string[] }, now: Date): Promise<AdviceRecord | undefined> {
  const r = memory.advice.get(k(userId, id));
  if (!r) return undefined;
  const at = now.toISOString();
  const next: AdviceRecord = { ...r, updatedAt: at, ...(changes.useful !== undefined ? { useful: changes.useful, feedbackAt: at } : {}), ...(changes.status ? { status: changes.status } : {}), ...(changes.appliedBudgetIds ? { appliedBudgetIds: changes.appliedBudgetIds } : {}) };
  memory.advice.set(k(userId, id), next);
  return structuredClone(next);
}
export async function armRecompute(userId: string, eventId: string | undefined, now: Date, dueAt: Date): Promise<boolean> {
  if (memory.failing.has(userId)) throw new Error(`arming the recompute of ${userId} failed`);
  memory.armAttempts++;
  if (memory.erased.has(userId)) return false;
  const mark = memory.marks.get(userId);
  if (mark && mark.dueAt >= now.toISOString()) {
    if (eventId !== undefined) mark.lastEventId = eventId;
    return false;
  }
  const last = eventId ?? mark?.lastEventId;
  memory.marks.set(userId, { dueAt: dueAt.toISOString(), ...(last !== undefined ? { lastEventId: last } : {}) });
  return true;
}
export async function recomputeMark(userId: string): Promise<{ dueAt: string; lastEventId?: string } | undefined> {
  memory.reads++;
  const mark = memory.marks.get(userId);
  return mark && { ...mark };
}
export async function noteEvent(userId: string, eventId: string, now: Date): Promise<boolean> {
  const mark = memory.marks.get(userId);
  if (!mark || mark.dueAt < now.toISOString()) return false;
  memory.writes++;
  mark.lastEventId = eventId;
  return true;
}
export async function lastNotedEvent(userId: string): Promise<string | undefined> {
  return memory.marks.get(userId)?.lastEventId;
}
export async function eventApplied(eventId: string): Promise<boolean> {
  return memory.applied.has(eventId);
}

/** `memory.categoryTx` holds `userId/categoryId` → ids, newest first. */
export async function categoryTransactionIds(userId: string, categoryId: string, _from: string, _to: string, limit: number): Promise<string[]> {
  return (memory.categoryTx.get(`${userId}/${categoryId}`) ?? []).slice(0, limit);
}

export const adviceMemoryImplementsPort: AdvicePort = { listAdvice, getAdvice, putOpenAdvice, deleteOpenAdvice, deleteAdvice, updateAdvice, armRecompute, recomputeMark, noteEvent, lastNotedEvent, eventApplied, categoryTransactionIds };
/** Compile-time proof that the in-memory store matches the adapter's signatures. */
export const adviceMemoryMatchesAdapter: Omit<typeof Adapter, 'ADVICE_TTL_SECONDS' | 'MARK_TTL_SECONDS' | 'requestAdviceRefresh'> = adviceMemoryImplementsPort;
