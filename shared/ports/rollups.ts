import type * as Adapter from '../adapters/rollups';
import type { StoredRollup } from '../adapters/rollups';
import type { RollupDelta, StoredFields } from '../domain/analytics';

/**
 * Monthly rollups as the analytics use cases see them: apply deltas once per event (dedup and increment together;
 * an erased account's events are dropped), read them, and replace one after a recount. Implemented by
 * shared/adapters/rollups.ts (DynamoDB) and tests/support/memory/rollups.ts (unit tests).
 */
export interface RollupsPort {
  applyOnce(userId: string, eventIds: string[], deltas: RollupDelta[], now: Date): Promise<'applied' | 'duplicate' | 'erased'>;
  getRollups(userId: string, base: string, months: string[]): Promise<Map<string, StoredRollup>>;
  rollupRange(userId: string, base: string, from: string, to: string): Promise<StoredRollup[]>;
  allRollups(userId: string): Promise<{ base: string; month: string; fields: StoredFields; updatedAt: string }[]>;
  /** False when the rollup changed since `expectedUpdatedAt` (or exists, when undefined). */
  replaceRollup(userId: string, base: string, month: string, fields: StoredFields, expectedUpdatedAt: string | undefined, now: Date): Promise<boolean>;
}

/** Compile-time proof that the DynamoDB adapter implements the port. */
export const rollupsAdapterImplementsPort: typeof Adapter extends RollupsPort ? true : never = true;
