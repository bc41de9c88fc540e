import type { Envelope } from '../../../events/envelope';
import type { ProfileRecord } from '../../../shared/domain/profile';
import type { UserDataPort } from '../../../shared/ports/user-data';

/**
 * In-memory profiles and user data (the part of shared/adapters/profiles.ts erasure uses): profiles, the erased
 * markers with the events written beside them, and each user's partitions as item counts that erasing drains,
 * `perPass` items before a deadline that has passed (so a large ledger takes several passes, as on DynamoDB).
 * Use in unit tests: `vi.mock('…/shared/adapters/profiles', () => import('…/memory/profiles'))`.
 */
export const memory = {
  profiles: new Map<string, ProfileRecord>(),
  erased: new Map<string, { at: string; events: Envelope[] }>(),
  /** `userId` or `userId/importId` → items left. */
  partitions: new Map<string, number>(),
  /** Items one call deletes once its deadline has passed (it always deletes a first page). */
  perPass: 500,
  /** Every call finds its deadline passed (a slow store), whatever the clock says. */
  outOfTime: false,
  reset(): void {
    this.profiles = new Map();
    this.erased = new Map();
    this.partitions = new Map();
    this.perPass = 500;
    this.outOfTime = false;
  },
};

export async function getProfile(userId: string): Promise<ProfileRecord | undefined> {
  return memory.profiles.get(userId);
}

export async function markErased(userId: string, now: Date, events: Envelope[]): Promise<void> {
  memory.erased.set(userId, { at: now.toISOString(), events });
}

function drain(key: string, deadline: number): boolean {
  const left = memory.partitions.get(key) ?? 0;
  const after = memory.outOfTime || Date.now() > deadline ? Math.max(0, left - memory.perPass) : 0;
  if (after === 0) memory.partitions.delete(key);
  else memory.partitions.set(key, after);
  if (after === 0 && key === key.split('/')[0]) memory.profiles.delete(key);
  return after === 0;
}

export async function eraseUserPartition(userId: string, deadline = Number.POSITIVE_INFINITY): Promise<boolean> {
  return drain(userId, deadline);
}

export async function eraseImportRows(userId: string, importId: string, deadline = Number.POSITIVE_INFINITY): Promise<boolean> {
  return drain(`${userId}/${importId}`, deadline);
}

export const userDataMemoryImplementsPort: UserDataPort = { getProfile, markErased, eraseUserPartition, eraseImportRows };
