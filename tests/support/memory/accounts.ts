import type { AccountRecord } from '../../../shared/adapters/accounts';
import type * as Adapter from '../../../shared/adapters/accounts';

/**
 * In-memory accounts with the DynamoDB adapter's observable behaviour: version-conditional update and delete, and a
 * delete refused while transactions refer to the account. `vi.mock('…/shared/adapters/accounts', () => import('…/memory/accounts'))`.
 */
export const memory = {
  accounts: new Map<string, AccountRecord>(),
  reset(userId = 'u1', records: AccountRecord[] = []): void {
    this.accounts = new Map(records.map((a) => [`${userId}/${a.id}`, structuredClone(a)]));
  },
};

export async function createAccount(userId: string, a: AccountRecord): Promise<void> {
  memory.accounts.set(`${userId}/${a.id}`, structuredClone(a));
}

export async function getAccount(userId: string, id: string): Promise<AccountRecord | undefined> {
  const a = memory.accounts.get(`${userId}/${id}`);
  return a && structuredClone(a);
}

export async function listAccounts(userId: string): Promise<AccountRecord[]> {
  return [...memory.accounts.entries()].filter(([k]) => k.startsWith(`${userId}/`)).map(([, a]) => structuredClone(a));
}

export async function updateAccount(userId: string, id: string, changes: Parameters<typeof Adapter.updateAccount>[2], now: string, expectedVersion: number): Promise<AccountRecord | undefined> {
  const a = memory.accounts.get(`${userId}/${id}`);
  if (!a || a.version !== expectedVersion) return undefined;
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const next = { ...a, ...defined, version: a.version + 1, updatedAt: now };
  memory.accounts.set(`${userId}/${id}`, next);
  return structuredClone(next);
}

export async function deleteAccount(userId: string, id: string, expectedVersion: number): Promise<'deleted' | 'missing' | 'stale' | 'in-use'> {
  const a = memory.accounts.get(`${userId}/${id}`);
  if (!a) return 'missing';
  if (a.version !== expectedVersion) return 'stale';
  if (a.txCount > 0) return 'in-use';
  memory.accounts.delete(`${userId}/${id}`);
  return 'deleted';
}

/** Compile-time proof that the in-memory accounts match the adapter's signatures. */
export const accountsMemoryMatchesAdapter: Pick<typeof Adapter, 'createAccount' | 'getAccount' | 'listAccounts' | 'updateAccount' | 'deleteAccount'> = { createAccount, getAccount, listAccounts, updateAccount, deleteAccount };
