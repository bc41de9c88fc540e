import type * as Adapter from '../adapters/rollups';
import type { StoredRollup } from '../adapters/rollups';
import type { RollupDelta, StoredFields } from '../domain/analytics';

/**
 * Monthly and daily rollups as the analytics use cases see them: apply deltas once per event (dedup and increment
 * together, monthly and daily items in the same write; an erased account's events are dropped), read them, and
 * replace one after a recount. Implemented by
 * shared/adapters/rollups.ts (DynamoDB) and tests/support/memory/rollups.ts (unit tests).
 */
export interface RollupsPort {
  applyOnce(userId: string, eventIds: string[], deltas: RollupDelta[], now: Date): Promise<'applied' | 'duplicate' | 'erased'>;
  getRollups(userId: string, base: string, months: string[]): Promise<Map<string, StoredRollup>>;
  rollupRange(userId: string, base: string, from: string, to: string): Promise<StoredRollup[]>;
  allRollups(userId: string): Promise<{ base: string; month: string; fields: StoredFields; updatedAt: string }[]>;
  /** False when the rollup changed since `expectedUpdatedAt` (or exists, when undefined). */
  replaceRollup(userId: string, base: string, month: string, fields: StoredFields, expectedUpdatedAt: string | undefined, now: Date): Promise<boolean>;
  /**
   * Daily rollups of `fromDay`..`toDay` (inclusive, YYYY-MM-DD) in base currency `base`, ascending, only days that
   * have an item with a non-zero counter (zeros left out). Fields: `exp`, `inc`, `ce:<cat>`, `ci:<cat>`, `pn`, `pce:<CUR>:<cat>`, `pcen:<CUR>:<cat>`
   * (shared/domain/analytics/fields.ts).
   */
  dailyRange(userId: string, base: string, fromDay: string, toDay: string): Promise<{ day: string; fields: StoredFields }[]>;
  /** Every daily rollup of a user, any base currency (repair). */
  allDaily(userId: string): Promise<{ base: string; day: string; fields: StoredFields; updatedAt: string }[]>;
  /** Like `replaceRollup` for a daily rollup; empty `fields` remove it. False when it changed meanwhile. */
  replaceDaily(userId: string, base: string, day: string, fields: StoredFields, expectedUpdatedAt: string | undefined, now: Date): Promise<boolean>;
}

/** Compile-time proof that the DynamoDB adapter implements the port. */
export const rollupsAdapterImplementsPort: typeof Adapter extends RollupsPort ? true : never = true;
