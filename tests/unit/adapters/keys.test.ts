import { describe, expect, it } from 'vitest';
import * as keys from '../../../shared/adapters/keys';
import { transactionItem, type TransactionRecord } from '../../../shared/adapters/ledger';
import { indexKeyAttributes, TABLE } from '../../../infra/table';

describe('transaction keys', () => {
  it('names the owner and id of a transaction item, and nothing for another kind of item', () => {
    expect(keys.transactionOf(keys.transaction('u1', '01ABC'))).toEqual({ userId: 'u1', id: '01ABC' });
    expect(keys.transactionOf(keys.account('u1', 'a1'))).toBeUndefined();
    expect(keys.transactionOf({ pk: 'USER#u1#TX', sk: 'TX#01ABC' })).toBeUndefined();
    expect(keys.transactionOf({ sk: 'TX#01ABC' })).toBeUndefined();
  });

  it('queries the by-category index (gsi6) on the item\'s own pk and categoryId, by date, with every placeholder given', () => {
    expect(keys.byCategoryIndex).toBe('gsi6');
    const bounded = keys.byCategoryValues('u1', 'food', { from: '2026-11-01', to: '2026-11-30' }, { '#t': 'type' });
    expect(keys.byCategoryCondition(true)).toBe('pk = :pk AND categoryId = :cat AND #date BETWEEN :from AND :to');
    expect(bounded).toEqual({
      ExpressionAttributeNames: { '#date': 'date', '#t': 'type' },
      ExpressionAttributeValues: { ':pk': 'USER#u1', ':cat': 'food', ':from': '2026-11-01', ':to': '2026-11-30' },
    });
    // Unbounded (category deletion): no name it does not use, which DynamoDB would refuse.
    expect(keys.byCategoryCondition(false)).toBe('pk = :pk AND categoryId = :cat');
    expect(keys.byCategoryValues('u1', 'food')).toEqual({ ExpressionAttributeValues: { ':pk': 'USER#u1', ':cat': 'food' } });
  });

  it('writes a categorised transaction with no by-category keys of its own: gsi6 indexes its pk, categoryId and date', () => {
    const t: TransactionRecord = {
      id: 't1', userId: 'u1', type: 'expense', amount: -4250, currency: 'EUR', date: '2026-11-20', description: 'REWE', categoryId: 'food',
      accountId: 'a1', toAccountId: null, tags: [], notes: null, splits: null, baseAmount: -4250, baseCurrency: 'EUR', fxRate: null, fxDate: null,
      fxStatus: 'converted', appliedRules: [], manualFields: [], categorySource: 'user', categoryConfidence: null, importId: null, bankId: null,
      version: 1, createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z',
    };
    const item = transactionItem(t);
    expect(item).toMatchObject({ pk: 'USER#u1', sk: 'TX#t1', categoryId: 'food', date: '2026-11-20' });
    for (const stale of ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi4pk', 'gsi4sk']) expect(item).not.toHaveProperty(stale);
    const gsi6 = TABLE.globalSecondaryIndexes.find((g) => g.indexName === keys.byCategoryIndex);
    expect(gsi6 && indexKeyAttributes(gsi6)).toEqual(['pk', 'categoryId', 'date']);
  });
});
