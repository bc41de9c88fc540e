import type { Detection, Series } from '../../../shared/domain/recurring';
import type { RecurringPort, RecurringRecord, RecurringStatus, StoredSeries } from '../../../shared/ports/recurring';

/**
 * In-memory recurring storage with the DynamoDB adapter's observable behaviour: the series written conditionally on
 * its revision together with its recurring item (status kept, version one up), erased users refused.
 * `vi.mock('…/shared/adapters/recurring', () => import('…/memory/recurring'))`.
 */
export const memory = {
  series: new Map<string, StoredSeries>(),
  recurring: new Map<string, RecurringRecord>(),
  erased: new Set<string>(),
  reset(): void {
    this.series = new Map();
    this.recurring = new Map();
    this.erased = new Set();
  },
};

const k = (userId: string, id: string) => `${userId}/${id}`;

export async function getSeries(userId: string, id: string): Promise<StoredSeries | undefined> {
  const s = memory.series.get(k(userId, id));
  return s && structuredClone(s);
}

export async function saveSeries(userId: string, id: string, series: Series, expectedRev: number, detection: Detection | undefined, hadDetection: boolean, now: Date): Promise<'saved' | 'conflict' | 'erased'> {
  if (memory.erased.has(userId)) return 'erased';
  if ((memory.series.get(k(userId, id))?.rev ?? 0) !== expectedRev) return 'conflict';
  memory.series.set(k(userId, id), structuredClone({ series, rev: expectedRev + 1, detected: detection !== undefined }));
  const current = memory.recurring.get(k(userId, id));
  if (detection) {
    const { priceChange: _drop, ...rest } = detection;
    memory.recurring.set(k(userId, id), {
      ...structuredClone(rest),
      ...(detection.priceChange ? { priceChange: { ...detection.priceChange } } : {}),
      id,
      direction: series.direction,
      merchant: series.merchant,
      active: true,
      status: current?.status ?? 'detected',
      version: (current?.version ?? 0) + 1,
      updatedAt: now.toISOString(),
    });
  } else if (hadDetection && current) {
    memory.recurring.set(k(userId, id), { ...current, active: false, version: current.version + 1, updatedAt: now.toISOString() });
  }
  return 'saved';
}

export async function listRecurring(userId: string): Promise<RecurringRecord[]> {
  return [...memory.recurring.entries()].filter(([key]) => key.startsWith(`${userId}/`)).map(([, r]) => structuredClone(r));
}

export async function getRecurring(userId: string, id: string): Promise<RecurringRecord | undefined> {
  const r = memory.recurring.get(k(userId, id));
  return r && structuredClone(r);
}

export async function setRecurringStatus(userId: string, id: string, status: RecurringStatus, expectedVersion: number, now: Date): Promise<RecurringRecord | undefined> {
  const r = memory.recurring.get(k(userId, id));
  if (!r || r.version !== expectedVersion) return undefined;
  const next = { ...r, status, version: r.version + 1, updatedAt: now.toISOString() };
  memory.recurring.set(k(userId, id), next);
  return structuredClone(next);
}

/** Compile-time proof that this memory store implements the port. */
export const recurringMemoryImplementsPort: RecurringPort = { getSeries, saveSeries, listRecurring, getRecurring, setRecurringStatus };
