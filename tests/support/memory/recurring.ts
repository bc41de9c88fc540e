import type { Detection, Series } from '../../../shared/domain/recurring';
import type { RecurringPort, RecurringRecord, RecurringStatus, SeriesWrite, StoredSeries } from '../../../shared/ports/recurring';

/**
 * In-memory recurring storage with the DynamoDB adapter's observable behaviour: each series written conditionally on
 * its own revision together with its recurring item (status kept, version one up), erased users refused.
 * `vi.mock('…/shared/adapters/recurring', () => import('…/memory/recurring'))`.
 */
export const memory = {
  series: new Map<string, StoredSeries>(),
  recurring: new Map<string, RecurringRecord>(),
  erased: new Set<string>(),
  /** Batch writes (each with one erasure check): one per `saveSeriesBatch` call that has series to write. */
  batches: 0,
  /** Users whose writes throw (a failure of one user's group). */
  failing: new Set<string>(),
  /** Called before each batch write (a test moves a revision there, as a concurrent writer would). */
  beforeWrite: undefined as ((userId: string) => void) | undefined,
  reset(): void {
    this.series = new Map();
    this.recurring = new Map();
    this.erased = new Set();
    this.batches = 0;
    this.failing = new Set();
    this.beforeWrite = undefined;
  },
};

const k = (userId: string, id: string) => `${userId}/${id}`;

export async function getSeries(userId: string, id: string): Promise<StoredSeries | undefined> {
  const s = memory.series.get(k(userId, id));
  return s && structuredClone(s);
}

/** Each series on its own, as the adapter writes them: a series whose revision moved is refused alone. */
export async function saveSeriesBatch(userId: string, writes: SeriesWrite[], now: Date): Promise<{ erased: boolean; unsaved: string[] }> {
  if (writes.length === 0) return { erased: false, unsaved: [] };
  memory.beforeWrite?.(userId);
  if (memory.failing.has(userId)) throw new Error(`write of ${userId} failed`);
  memory.batches++;
  if (memory.erased.has(userId)) return { erased: true, unsaved: [] };
  const unsaved: string[] = [];
  for (const w of writes) {
    if ((memory.series.get(k(userId, w.id))?.rev ?? 0) === w.expectedRev) store(userId, w, now);
    else unsaved.push(w.id);
  }
  return { erased: false, unsaved };
}

export async function saveSeries(userId: string, id: string, series: Series, expectedRev: number, detection: Detection | undefined, hadDetection: boolean, now: Date): Promise<'saved' | 'conflict' | 'erased'> {
  const r = await saveSeriesBatch(userId, [{ id, series, expectedRev, detection, hadDetection }], now);
  return r.erased ? 'erased' : r.unsaved.length > 0 ? 'conflict' : 'saved';
}

function store(userId: string, { id, series, expectedRev, detection, hadDetection }: SeriesWrite, now: Date): void {
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
export const recurringMemoryImplementsPort: RecurringPort = { getSeries, saveSeries, saveSeriesBatch, listRecurring, getRecurring, setRecurringStatus };
