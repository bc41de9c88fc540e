import type * as Adapter from '../adapters/recurring';
import type { Detection, Direction, Series } from '../domain/recurring';

/** What the user said of a recurring payment: `ignored` stays ignored however often it is detected again. */
export type RecurringStatus = 'detected' | 'confirmed' | 'ignored';

/** A user's series for one merchant as stored, with its revision (0 when none is stored yet). */
export interface StoredSeries {
  series: Series;
  rev: number;
  /** Whether the series' last write left a detected recurring item. */
  detected: boolean;
}

/** One series to store (see {@link RecurringPort.saveSeriesBatch}). */
export interface SeriesWrite {
  id: string;
  series: Series;
  /** The revision the series was read at (0: none stored). */
  expectedRev: number;
  detection: Detection | undefined;
  /** Whether the series' last write left a detected recurring item (to mark inactive when `detection` is undefined). */
  hadDetection: boolean;
}

/** A stored recurring item: the latest detection of its series, the user's status and a version for If-Match. */
export interface RecurringRecord extends Detection {
  id: string;
  direction: Direction;
  merchant: string;
  /** False once the series no longer looks recurring (kept for its status; not listed). */
  active: boolean;
  status: RecurringStatus;
  version: number;
  updatedAt: string;
}

/**
 * Recurring payments' storage in domain terms. Implemented by shared/adapters/recurring.ts (DynamoDB) and
 * tests/support/memory/recurring.ts.
 */
export interface RecurringPort {
  /** One series (by {@link seriesId}), or undefined when none is stored. */
  getSeries(userId: string, id: string): Promise<StoredSeries | undefined>;
  /**
   * Stores the series at revision `expectedRev + 1` and, all or nothing with it, its recurring item: the detection
   * (status kept, `detected` for a new item; version + 1) or, when `detection` is undefined and the series had
   * one, the item marked inactive. 'conflict' when the series is no longer at `expectedRev`, 'erased' when the
   * account is erased.
   */
  saveSeries(userId: string, id: string, series: Series, expectedRev: number, detection: Detection | undefined, hadDetection: boolean, now: Date): Promise<'saved' | 'conflict' | 'erased'>;
  /**
   * Stores several series of one user as `saveSeries` does, after one check that the account is not erased: the ids of
   * the series not stored (each refused by its own revision that moved, the others stored: read them again), or
   * `erased`.
   */
  saveSeriesBatch(userId: string, writes: SeriesWrite[], now: Date): Promise<{ erased: boolean; unsaved: string[] }>;
  /** Every recurring item of the user, active or not (bounded by the user's merchants; one Query). */
  listRecurring(userId: string): Promise<RecurringRecord[]>;
  getRecurring(userId: string, id: string): Promise<RecurringRecord | undefined>;
  /** Sets the status at `expectedVersion` (version + 1): the new record, or undefined when missing or at another version. */
  setRecurringStatus(userId: string, id: string, status: RecurringStatus, expectedVersion: number, now: Date): Promise<RecurringRecord | undefined>;
}

/** Compile-time proof that the DynamoDB adapter implements the port. */
export const recurringAdapterImplementsPort: typeof Adapter extends RecurringPort ? true : never = true;
