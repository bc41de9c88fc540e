import { ConflictError, NotFoundError, PreconditionFailedError } from '../domain/errors';
import { sumExact, toExactMinor } from '../domain/money/exact';
import * as store from '../adapters/accounts';
import { newId } from '../adapters/ids';
import { assertCurrency } from './currency';
import { detachGoalsFollowing, goalsFollowingAccount } from './goals';

/**
 * The API view: balance = opening balance + the transactions in the account's own currency. Sums are added in
 * BigInt and answered exactly (a number while safe, else a string of digits), so no stored balance makes a read fail.
 */
export function accountView(a: store.AccountRecord) {
  const { [a.currency]: own = 0, ...others } = a.balances;
  return {
    id: a.id,
    name: a.name,
    type: a.type,
    currency: a.currency,
    openingBalance: a.openingBalance,
    balance: toExactMinor(sumExact([a.openingBalance, own])),
    otherCurrencies: Object.entries(others)
      .filter(([, amount]) => BigInt(amount) !== 0n)
      .map(([currency, amount]) => ({ currency, amount: toExactMinor(BigInt(amount)) }))
      .sort((x, y) => x.currency.localeCompare(y.currency)),
    archived: a.archived,
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export async function createAccount(userId: string, input: { name: string; type: store.AccountRecord['type']; currency: string; openingBalance: number }, now = new Date()) {
  assertCurrency(input.currency, 'body.currency');
  const at = now.toISOString();
  const account: store.AccountRecord = { id: newId(now.getTime()), ...input, balances: {}, txCount: 0, archived: false, version: 1, createdAt: at, updatedAt: at };
  await store.createAccount(userId, account);
  return accountView(account);
}

/** `GET /accounts` of records already read: open accounts first, then by name. */
export function accountsPage(records: readonly store.AccountRecord[]) {
  return { items: [...records].sort((a, b) => Number(a.archived) - Number(b.archived) || a.name.localeCompare(b.name)).map(accountView) };
}

export async function listAccounts(userId: string) {
  return accountsPage(await store.listAccounts(userId));
}

export async function getAccount(userId: string, id: string) {
  const a = await store.getAccount(userId, id);
  if (!a) throw new NotFoundError(`No account ${id}.`);
  return accountView(a);
}

/** Why a write conditional on `expected` failed: the account is gone (404) or at another version (412). */
async function refusal(userId: string, id: string, expected: number): Promise<never> {
  const current = await store.getAccount(userId, id);
  if (!current) throw new NotFoundError(`No account ${id}.`);
  throw new PreconditionFailedError(`The account is at version ${current.version}, not ${expected}; read it again.`, current.version);
}

/** Changes an account at the version the caller read: the update is conditional on it, so a stale one gets 412. */
export async function updateAccount(userId: string, id: string, changes: Parameters<typeof store.updateAccount>[2], expected: number, now = new Date()) {
  const a = await store.updateAccount(userId, id, changes, now.toISOString(), expected);
  return a ? accountView(a) : refusal(userId, id, expected);
}

/**
 * Deletes an account at the version the caller read, while no transaction refers to it and no savings goal follows
 * it (409 naming the goals: delete them or detach them with `PATCH /goals/{id} {"accountId": null}` first).
 */
export async function deleteAccount(userId: string, id: string, expected: number): Promise<void> {
  const goals = await goalsFollowingAccount(userId, id);
  if (goals.length > 0) {
    const current = await store.getAccount(userId, id);
    if (!current) throw new NotFoundError(`No account ${id}.`);
    if (current.version !== expected) await refusal(userId, id, expected);
    const names = goals.map((g) => `"${g.name}" (${g.id})`).join(', ');
    throw new ConflictError(`Savings goals follow this account: ${names}. Delete them or detach them (PATCH /goals/{id} {"accountId": null}) first.`, { goals });
  }
  const result = await store.deleteAccount(userId, id, expected);
  if (result === 'missing') throw new NotFoundError(`No account ${id}.`);
  if (result === 'stale') await refusal(userId, id, expected);
  if (result === 'in-use') {
    throw new ConflictError('This account has transactions; delete or move them first, or archive the account (PATCH {"archived": true}).');
  }
  // A goal created for this account between the check above and the delete is detached now (goal creation re-checks
  // the account after its own write, so one of the two sides always sees the other).
  await detachGoalsFollowing(userId, id);
}
