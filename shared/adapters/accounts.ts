import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createCounted, deleteCounted } from './collection-limits';
import { db, isConditionFailure, queryAll, tableName, updateExpression } from './dynamo';
import * as keys from './keys';
import { readInt, toStoredInt, type StoredInt } from '../domain/money/exact';

export interface AccountRecord {
  id: string;
  name: string;
  type: 'checking' | 'savings' | 'credit' | 'cash' | 'investment' | 'loan';
  currency: string;
  openingBalance: number;
  /**
   * Sum of transactions per currency, minor units (maintained in the same transaction as each change). Exact at any
   * size: a number while it is a safe integer, else a bigint (a sum of many amounts near the ceiling).
   */
  balances: Record<string, StoredInt>;
  txCount: number;
  archived: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The stored per-currency sums, exact (never a lossy number); malformed entries are left out, not thrown on. */
function readBalances(raw: unknown): Record<string, StoredInt> {
  const out: Record<string, StoredInt> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [currency, value] of Object.entries(raw)) {
    const big = readInt(value);
    if (big !== undefined) out[currency] = toStoredInt(big);
  }
  return out;
}

function toAccount(item: Record<string, unknown>): AccountRecord {
  return {
    id: String(item.id),
    name: String(item.name),
    type: item.type as AccountRecord['type'],
    currency: String(item.currency),
    openingBalance: Number(item.openingBalance ?? 0),
    balances: readBalances(item.balances),
    txCount: Number(item.txCount ?? 0),
    archived: item.archived === true,
    version: Number(item.version ?? 1),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
  };
}

/**
 * Creates an account, counted against the user's cap of accounts in the same transaction.
 * @throws LimitExceededError at the cap (shared/domain/limits.ts).
 */
export async function createAccount(userId: string, a: AccountRecord): Promise<void> {
  const created = await createCounted(userId, 'accounts', { Put: { TableName: tableName(), Item: { ...keys.account(userId, a.id), ...a }, ConditionExpression: 'attribute_not_exists(pk)' } });
  if (!created) throw new Error(`account id ${a.id} collided`);
}

export async function getAccount(userId: string, id: string): Promise<AccountRecord | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.account(userId, id), ConsistentRead: true }));
  return out.Item ? toAccount(out.Item) : undefined;
}

export async function listAccounts(userId: string): Promise<AccountRecord[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)', ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':s': 'ACCOUNT#' } });
  return items.map(toAccount);
}

export async function updateAccount(
  userId: string,
  id: string,
  changes: Partial<Pick<AccountRecord, 'name' | 'type' | 'openingBalance' | 'archived'>>,
  now: string,
  expectedVersion: number,
): Promise<AccountRecord | undefined> {
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.account(userId, id),
        ...updateExpression(changes, { set: ['updatedAt = :now'], add: ['version :one'], values: { ':now': now, ':one': 1, ':expected': expectedVersion } }),
        ConditionExpression: 'attribute_exists(pk) AND version = :expected',
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ? toAccount(out.Attributes) : undefined;
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}

/** Deletes an account at the expected version only while no transaction refers to it; why not otherwise. */
export async function deleteAccount(userId: string, id: string, expectedVersion: number): Promise<'deleted' | 'missing' | 'stale' | 'in-use'> {
  const deleted = await deleteCounted(userId, 'accounts', {
    Delete: {
      TableName: tableName(),
      Key: keys.account(userId, id),
      ConditionExpression: 'attribute_exists(pk) AND version = :expected AND (attribute_not_exists(txCount) OR txCount = :zero)',
      ExpressionAttributeValues: { ':zero': 0, ':expected': expectedVersion },
    },
  });
  if (deleted) return 'deleted';
  const current = await getAccount(userId, id);
  return !current ? 'missing' : current.version !== expectedVersion ? 'stale' : 'in-use';
}
