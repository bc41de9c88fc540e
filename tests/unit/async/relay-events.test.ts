import type { DynamoDBRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { storedFields, toTransaction } from '../../../shared/adapters/transaction-fields';
import type { TransactionRecord } from '../../../shared/adapters/ledger';
import { eventsOf } from '../../../shared/async/relay';

const tx: TransactionRecord = {
  id: 't1', userId: 'u1', type: 'expense', amount: -4250, currency: 'EUR', date: '2026-11-20', description: 'REWE', categoryId: null,
  accountId: 'a1', toAccountId: null, tags: [], notes: null, splits: null, baseAmount: -4250, baseCurrency: 'EUR', fxRate: null, fxDate: null,
  fxStatus: 'converted', appliedRules: [], manualFields: [], categorySource: null, categoryConfidence: null, importId: null, bankId: null,
  version: 1, createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z',
};
const item = (t: TransactionRecord, extra: Record<string, unknown> = {}) => ({ pk: `USER#${t.userId}`, sk: `TX#${t.id}`, ...storedFields(t), ...extra });

function modify(oldItem: Record<string, unknown> | undefined, newItem: Record<string, unknown> | undefined): DynamoDBRecord {
  return {
    eventName: oldItem && newItem ? 'MODIFY' : newItem ? 'INSERT' : 'REMOVE',
    dynamodb: {
      SequenceNumber: '1',
      ...(oldItem ? { OldImage: marshall(oldItem, { removeUndefinedValues: true }) as never } : {}),
      ...(newItem ? { NewImage: marshall(newItem, { removeUndefinedValues: true }) as never } : {}),
    },
  };
}

describe('transaction items as stored, and the events the relay reads from them', () => {
  it('leaves nulls and empty lists out, and reads them back as they were', () => {
    const stored = storedFields(tx);
    for (const absent of ['categoryId', 'toAccountId', 'notes', 'splits', 'tags', 'appliedRules', 'manualFields', 'importId', 'bankId', 'fxRate']) expect(stored).not.toHaveProperty(absent);
    expect(toTransaction(item(tx))).toEqual(tx);
    const full = { ...tx, tags: ['food'], splits: [{ categoryId: 'c1', amount: -4250 }], notes: 'x', categoryId: 'c1' };
    expect(toTransaction(item(full))).toEqual(full);
  });

  it('leaves out what the keys name (id, owner) and an updatedAt equal to createdAt, and reads them back from the keys', () => {
    const stored = storedFields(tx);
    for (const absent of ['id', 'userId', 'updatedAt']) expect(stored).not.toHaveProperty(absent);
    const edited = { ...tx, version: 2, updatedAt: '2026-11-21T08:00:00.000Z' };
    expect(storedFields(edited)).toMatchObject({ createdAt: tx.createdAt, updatedAt: edited.updatedAt });
    expect(toTransaction(item(edited))).toEqual(edited);
    // An item stored before these were left out carries them, and reads the same.
    expect(toTransaction(item(tx, { id: tx.id, userId: tx.userId, updatedAt: tx.updatedAt, search: 'x', merchantKey: 'x' }))).toEqual(tx);
    // Without transaction keys nothing is made up.
    expect(toTransaction({ pk: 'USER#u1#TX', sk: `TX#${tx.id}`, ...stored })).toMatchObject({ id: null, userId: null });
  });

  it('builds the snapshot of a compact item with its nulls and lists', () => {
    const [event] = eventsOf(modify(undefined, item(tx)));
    expect(event?.type).toBe('TransactionRecorded');
    expect((event?.data as { after: Record<string, unknown> }).after).toMatchObject({ categoryId: null, toAccountId: null, splits: null, tags: [], accountId: 'a1' });
  });

  it('reads no ledger change from a write that changes only keys outside the snapshot, and one from a real change', () => {
    // npm run migrate-index-keys removes stale index keys (gsi1, gsi2 and gsi4 forms) and nothing else.
    const before = item(tx, { gsi1pk: 'USER#u1#TX', gsi1sk: '2026-11-20#t1', gsi2pk: 'USER#u1#CAT#c1', gsi2sk: '2026-11-20#t1', gsi4pk: 'USER#u1#CAT#c1', gsi4sk: '2026-11-20' });
    const stripped = item(tx);
    expect(eventsOf(modify(before, stripped))).toEqual([]);
    const changed = item({ ...tx, amount: -100, version: 2 });
    expect(eventsOf(modify(before, changed)).map((e) => e.type)).toEqual(['TransactionUpdated']);
  });
});
