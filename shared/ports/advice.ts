import type * as Adapter from '../adapters/advice';
import type { AdviceRecord } from '../domain/advice/store';

/**
 * A user's advice and its recompute debounce. Implemented by shared/adapters/advice.ts (DynamoDB) and
 * tests/support/memory/advice.ts (unit tests).
 */
export interface AdvicePort {
  listAdvice(userId: string): Promise<AdviceRecord[]>;
  getAdvice(userId: string, id: string): Promise<AdviceRecord | undefined>;
  /** Writes an open advice unless the stored one is dismissed or applied; false when it did not write. */
  putOpenAdvice(userId: string, record: AdviceRecord): Promise<boolean>;
  deleteOpenAdvice(userId: string, id: string): Promise<void>;
  deleteAdvice(userId: string, id: string): Promise<void>;
  updateAdvice(userId: string, id: string, changes: { useful?: boolean; status?: 'dismissed' | 'applied'; appliedBudgetIds?: string[] }, now: Date): Promise<AdviceRecord | undefined>;
  /** Arms the user's debounced recompute (noting `eventId` as the latest ledger event, if given); true when this call armed it. */
  armRecompute(userId: string, eventId: string | undefined, now: Date, dueAt: Date): Promise<boolean>;
  lastNotedEvent(userId: string): Promise<string | undefined>;
  /** The debounce marker as stored (one strongly consistent read): when the armed recompute is due, the event it waits for. */
  recomputeMark(userId: string): Promise<{ dueAt: string; lastEventId?: string } | undefined>;
  /**
   * Notes `eventId` as the latest ledger event while a recompute is armed and not yet due (one conditional write);
   * false when none is (the caller arms one).
   */
  noteEvent(userId: string, eventId: string, now: Date): Promise<boolean>;
  /** Whether the analytics consumer has counted that ledger event. */
  eventApplied(eventId: string): Promise<boolean>;
  /** Latest expense ids of a category in a date range (one bounded Query of the by-category index). */
  categoryTransactionIds(userId: string, categoryId: string, from: string, to: string, limit: number): Promise<string[]>;
}

/** Compile-time proof that the DynamoDB adapter implements the port. */
export const adviceAdapterImplementsPort: typeof Adapter extends AdvicePort ? true : never = true;
