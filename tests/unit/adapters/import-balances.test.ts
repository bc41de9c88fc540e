import { beforeEach, describe, expect, it, vi } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import type * as Dynamo from '../../../shared/adapters/dynamo';
import type * as Ledger from '../../../shared/adapters/ledger';

// Unit tests of the fold of an import's balance deltas at the amount ceiling: the table is replaced by an in-memory
// list of delta items and the transaction by a recorder; tests/integration/import-exact-balance.test.ts runs the
// same import against the local cloud.
const state = vi.hoisted(() => ({ items: [] as Record<string, unknown>[], writes: [] as Record<string, unknown>[][] }));

vi.mock('../../../shared/adapters/dynamo', async (importOriginal) => ({
  ...(await importOriginal<typeof Dynamo>()),
  tableName: () => 't',
  queryAll: async () => state.items.splice(0),
}));
vi.mock('../../../shared/adapters/ledger', async (importOriginal) => ({
  ...(await importOriginal<typeof Ledger>()),
  transact: async (items: Record<string, unknown>[]) => {
    state.writes.push(items);
  },
}));

import { balanceDeltas, addBalanceDeltas, type ExactBalanceDeltas } from '../../../shared/domain/balances';
import { foldImportDeltas, importDeltaPut } from '../../../shared/adapters/import-balances';

const NEAR_CEILING = 9_999_999_999_999;
const ROWS_PER_GROUP = 90;
const now = new Date('2024-05-01T00:00:00Z');

/** The delta item of one group of `rows` incomes of `amount` into `accountId`, as the import's writers put it. */
function groupItem(key: string, accountId: string, amount: number, rows = ROWS_PER_GROUP): Record<string, unknown> {
  const deltas: ExactBalanceDeltas = new Map();
  for (let i = 0; i < rows; i++) addBalanceDeltas(deltas, balanceDeltas(undefined, { type: 'income', amount, currency: 'EUR', accountId, toAccountId: null }));
  const put = importDeltaPut('u1', 'imp1', key, deltas, now) as { Put: { Item: Record<string, unknown> } };
  return put.Put.Item;
}

type Update = { Update: { ExpressionAttributeValues: Record<string, unknown>; UpdateExpression: string } };

beforeEach(() => {
  state.items = [];
  state.writes = [];
});

describe('exact balance deltas', () => {
  it('adds deltas of any size in BigInt', () => {
    const sum: ExactBalanceDeltas = new Map();
    for (let i = 0; i < 1000; i++) addBalanceDeltas(sum, new Map([['a', { currencies: new Map([['EUR', NEAR_CEILING]]), count: 1 }]]));
    addBalanceDeltas(sum, new Map([['a', { currencies: new Map<string, number | bigint>([['EUR', -1n], ['USD', 5]]), count: 0 }]]));
    expect(sum.get('a')).toEqual({ currencies: new Map([['EUR', 9_999_999_999_998_999n], ['USD', 5n]]), count: 1000 });
  });

  it('stores a group delta past 2^53 as exact digits', () => {
    const deltas: ExactBalanceDeltas = new Map([['a', { currencies: new Map([['EUR', 2n ** 60n + 1n]]), count: 3 }]]);
    const item = importDeltaPut('u1', 'imp1', 'g', deltas, now);
    expect(JSON.parse(String(item.Put?.Item?.deltas))).toEqual([['a', [['EUR', '1152921504606846977']], 3]]);
  });
});

describe('foldImportDeltas at the ceiling', () => {
  it('folds 11 groups of 90 rows of 9,999,999,999,999 into one exact, storable update past 2^53', async () => {
    // Prepare: 990 rows in 11 delta items, as an import of ~1,000 rows near the ceiling leaves them
    state.items = Array.from({ length: 11 }, (_, i) => groupItem(`g${i}`, 'acc1', NEAR_CEILING));

    // Act
    const folded = await foldImportDeltas('u1', 'imp1', now);

    // Assess: one transaction, whose account update adds the exact sum and can be marshalled for DynamoDB
    expect(folded).toBe(11);
    expect(state.writes).toHaveLength(1);
    const update = state.writes[0]?.[0] as Update;
    const expected = BigInt(NEAR_CEILING) * 990n;
    expect(expected > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(update.Update.ExpressionAttributeValues[':d0']).toBe(expected);
    expect(update.Update.ExpressionAttributeValues[':n']).toBe(990);
    expect(() => marshall(update.Update.ExpressionAttributeValues)).not.toThrow();
    expect(marshall(update.Update.ExpressionAttributeValues)[':d0']).toEqual({ N: '9899999999999010' });
  });

  it('reads delta items written before deltas were exact (plain JSON numbers)', async () => {
    state.items = [
      { pk: 'p', sk: 'DELTA#a', deltas: JSON.stringify([['acc1', [['EUR', 8_000_000_000_000_000]], 1]]) },
      { pk: 'p', sk: 'DELTA#b', deltas: JSON.stringify([['acc1', [['EUR', 8_000_000_000_000_001]], 1], ['acc2', [['USD', -7]], 1]]) },
    ];
    await foldImportDeltas('u1', 'imp1', now);
    const [first, second] = (state.writes[0] ?? []) as Update[];
    expect(first?.Update.ExpressionAttributeValues[':d0']).toBe(16_000_000_000_000_001n);
    expect(second?.Update.ExpressionAttributeValues[':d0']).toBe(-7n);
  });

  it('refuses a malformed delta rather than counting it wrong', async () => {
    state.items = [{ pk: 'p', sk: 'DELTA#a', deltas: JSON.stringify([['acc1', [['EUR', 1.5]], 1]]) }];
    await expect(foldImportDeltas('u1', 'imp1', now)).rejects.toThrow(/not an integer/);
    expect(state.writes).toEqual([]);
  });
});
