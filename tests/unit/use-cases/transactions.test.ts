import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountRecord } from '../../../shared/adapters/accounts';
import type { CategoryRecord } from '../../../shared/adapters/categories';
import type { RuleRecord } from '../../../shared/adapters/rules';

// Transactions over in-memory ports: rules and category checks on create, the version an update or a delete is
// conditional on, balances moved in the same all-or-nothing write, and a repeated Idempotency-Key.
vi.mock('../../../shared/adapters/accounts', () => import('../../support/memory/accounts'));
vi.mock('../../../shared/adapters/categories', () => import('../../support/memory/categories'));
vi.mock('../../../shared/adapters/rules', () => import('../../support/memory/rules'));
vi.mock('../../../shared/adapters/ledger', () => import('../../support/memory/ledger'));
vi.mock('../../../shared/adapters/category-model', () => import('../../support/memory/category-model'));
vi.mock('../../../shared/adapters/idempotency', () => import('../../support/memory/idempotency'));
vi.mock('../../../shared/adapters/profiles', () => ({ getProfile: async () => ({ userId: 'u1', baseCurrency: 'EUR' }) }));
vi.mock('../../../shared/adapters/fx-rates', () => ({ ratesWindow: async () => [], publishRateSet: async () => undefined }));

import { PreconditionFailedError, UnprocessableError, ValidationError } from '../../../shared/domain/errors';
import { createTransaction, deleteTransaction, updateTransaction } from '../../../shared/use-cases/transactions';
import { memory as accounts } from '../../support/memory/accounts';
import { memory as categories } from '../../support/memory/categories';
import { memory as idempotency } from '../../support/memory/idempotency';
import { memory as ledger, memoryWrites } from '../../support/memory/ledger';
import { memory as rules } from '../../support/memory/rules';

const at = '2024-01-01T00:00:00.000Z';
const account: AccountRecord = { id: 'acc1', name: 'Main', type: 'checking', currency: 'EUR', openingBalance: 0, balances: {}, txCount: 0, archived: false, version: 1, createdAt: at, updatedAt: at };
const category = (id: string): CategoryRecord => ({ id, name: id, kind: 'expense', parentId: null, version: 1, createdAt: at, updatedAt: at });
const rule = (id: string, categoryId: string): RuleRecord => ({
  id, name: `rule ${id}`, priority: 1, enabled: true, conditions: { descriptionContains: 'coffee' }, actions: { categoryId, tags: ['caffeine'] }, version: 1, createdAt: at, updatedAt: at,
});
const coffee = { type: 'expense' as const, amount: 350, currency: 'EUR', date: '2024-03-01', description: 'Coffee', accountId: 'acc1' };
const balanceOf = () => accounts.accounts.get('u1/acc1');

beforeEach(() => {
  accounts.reset('u1', [account]);
  memoryWrites.accounts = accounts.accounts;
  categories.reset('u1', [category('cafes'), category('food')]);
  rules.reset();
  ledger.reset();
  idempotency.reset();
});

describe('createTransaction', () => {
  it('applies the rules, checks the category they set, and moves the balance in the same write', async () => {
    rules.reset('u1', [rule('r1', 'cafes')]);
    const { transaction } = await createTransaction('u1', coffee);
    expect(transaction).toMatchObject({ categoryId: 'cafes', tags: ['caffeine'], appliedRules: ['r1'], version: 1 });
    expect(ledger.txs.size).toBe(1);
    expect(balanceOf()).toMatchObject({ txCount: 1, balances: { EUR: -350 } });
  });

  it('refuses a category the user does not have, even when a rule sets it, and writes nothing', async () => {
    await expect(createTransaction('u1', { ...coffee, categoryId: 'nope' })).rejects.toBeInstanceOf(ValidationError);
    rules.reset('u1', [rule('r1', 'deleted-since')]);
    await expect(createTransaction('u1', coffee)).rejects.toThrow(/deleted-since/);
    expect(ledger.txs.size).toBe(0);
    expect(balanceOf()?.txCount).toBe(0);
  });

  it('refuses an unknown account with the account path, and writes nothing', async () => {
    const refused = await createTransaction('u1', { ...coffee, accountId: 'other' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).errors).toEqual([{ path: 'body.accountId', message: 'no account other' }]);
    expect(ledger.txs.size).toBe(0);
  });

  it('answers a repeated Idempotency-Key with the stored reply, and refuses it with another body', async () => {
    const first = await createTransaction('u1', coffee, { key: 'k1', hash: 'h1', status: 201 });
    const again = await createTransaction('u1', coffee, { key: 'k1', hash: 'h1', status: 201 });
    expect(again.replay).toEqual({ status: 201, body: first.transaction });
    expect(ledger.txs.size).toBe(1);
    await expect(createTransaction('u1', coffee, { key: 'k1', hash: 'h2', status: 201 })).rejects.toBeInstanceOf(UnprocessableError);
  });
});

describe('updateTransaction and deleteTransaction', () => {
  it('updates at the current version, refuses a stale one with 412 and leaves the stored one as it was', async () => {
    const { transaction } = await createTransaction('u1', coffee);
    const id = transaction?.id ?? '';
    const updated = await updateTransaction('u1', id, { amount: 500, categoryId: 'food' }, 1);
    expect(updated).toMatchObject({ amount: 500, categoryId: 'food', version: 2, manualFields: ['categoryId'] });
    expect(balanceOf()?.balances).toEqual({ EUR: -500 });
    await expect(updateTransaction('u1', id, { amount: 900 }, 1)).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(ledger.txs.get(`u1/${id}`)).toMatchObject({ amount: 500, version: 2 });
  });

  it('deletes at the current version and takes it off the balance; a stale version is refused', async () => {
    const { transaction } = await createTransaction('u1', coffee);
    const id = transaction?.id ?? '';
    await expect(deleteTransaction('u1', id, 2)).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(ledger.txs.size).toBe(1);
    await deleteTransaction('u1', id, 1);
    expect(ledger.txs.size).toBe(0);
    expect(balanceOf()).toMatchObject({ txCount: 0, balances: { EUR: 0 } });
  });
});
