import type { Envelope } from '../../events/envelope';
import type * as Adapter from '../adapters/profiles';
import type { ProfileRecord } from '../domain/profile';

/**
 * A user's profile and the erasure of everything stored under the user, in domain terms (no partition key leaves
 * the adapter). Each erase call works until `deadline` (epoch ms) and says whether nothing is left. Implemented by
 * shared/adapters/profiles.ts (DynamoDB) and tests/support/memory/profiles.ts (unit tests).
 */
export interface UserDataPort {
  getProfile(userId: string): Promise<ProfileRecord | undefined>;
  /** Marks the account erased (late events are then dropped) with `events`, in one write. */
  markErased(userId: string, now: Date, events: Envelope[]): Promise<void>;
  eraseUserPartition(userId: string, deadline?: number): Promise<boolean>;
  eraseImportRows(userId: string, importId: string, deadline?: number): Promise<boolean>;
}

/** Compile-time proof that the DynamoDB adapter implements the port. */
export const userDataAdapterImplementsPort: typeof Adapter extends UserDataPort ? true : never = true;
