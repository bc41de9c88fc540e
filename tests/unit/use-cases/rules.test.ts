import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountRecord } from '../../../shared/adapters/accounts';
import type { CategoryRecord } from '../../../shared/adapters/categories';
import type { TransactionRecord } from '../../../shared/adapters/ledger';

// Rules over in-memory ports: the references a rule names are checked as a transaction's are, versions are
// compared, and the preview reads the ledger newest first through the port.
vi.mock('../../../shared/adapters/accounts', () => import('../../support/memory/accounts'));
vi.mock('../../../shared/adapters/categories', () => import('../../support/memory/categories'));
vi.mock('../../../shared/adapters/rules', () => import('../../support/memory/rules'));
vi.mock('../../../shared/adapters/ledger', () => import('../../support/memory/ledger'));

import { PreconditionFailedError, ValidationError } from '../../../shared/domain/errors';
import { createRule, previewRule, updateRule } from '../../../shared/use-cases/rules';
import { memory as accounts } from '../../support/memory/accounts';
import { memory as categories } from '../../support/memory/categories';
import { memory as ledger } from '../../support/memory/ledger';
import { memory as rules } from '../../support/memory/rules';

const at = '2024-01-01T00:00:00.000Z';
const account: AccountRecord = { id: 'acc1', name: 'Main', type: 'checking', currency: 'EUR', openingBalance: 0, balances: {}, txCount: 0, archived: false, version: 1, createdAt: at, updatedAt: at };
const category = (id: string): CategoryRecord => ({ id, name: id, kind: 'expense', parentId: null, version: 1, createdAt: at, updatedAt: at });
const tx = (id: string, date: string, description: string): TransactionRecord => ({
  id, userId: 'u1', type: 'expense', amount: 100, currency: 'EUR', date, description, categoryId: null, accountId: 'acc1', toAccountId: null, tags: [], notes: null,
  splits: null, baseAmount: 100, baseCurrency: 'EUR', fxRate: null, fxDate: null, fxStatus: 'converted', appliedRules: [], manualFields: [], importId: null, bankId: null,
  version: 1, createdAt: at, updatedAt: at,
});
const input = { name: 'Coffee', priority: 1, enabled: true, conditions: { descriptionContains: 'coffee' }, actions: { categoryId: 'cafes' } };

beforeEach(() => {
  accounts.reset('u1', [account]);
  categories.reset('u1', [category('cafes'), category('food')]);
  rules.reset();
  ledger.reset();
});

describe('createRule', () => {
  it('stores a rule whose account and category exist', async () => {
    const rule = await createRule('u1', { ...input, conditions: { ...input.conditions, accountId: 'acc1' } });
    expect(rule).toMatchObject({ name: 'Coffee', version: 1, actions: { categoryId: 'cafes' } });
    expect(rules.rules.size).toBe(1);
  });

  it("refuses another user's account and an unknown category, naming both paths, and stores nothing", async () => {
    accounts.reset('u2', [account]);
    const refused = await createRule('u1', { ...input, conditions: { ...input.conditions, accountId: 'acc1' }, actions: { categoryId: 'nope' } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).errors.map((e) => e.path)).toEqual(['body.conditions.accountId', 'body.actions.categoryId']);
    expect(rules.rules.size).toBe(0);
  });
});

describe('updateRule', () => {
  it('checks a changed category, refuses a stale version, and keeps a reference that did not change', async () => {
    const rule = await createRule('u1', input);
    await expect(updateRule('u1', rule.id, { actions: { categoryId: 'gone' } }, 1)).rejects.toBeInstanceOf(ValidationError);
    const moved = await updateRule('u1', rule.id, { actions: { categoryId: 'food' } }, 1);
    expect(moved).toMatchObject({ version: 2, actions: { categoryId: 'food' } });
    await expect(updateRule('u1', rule.id, { name: 'Stale' }, 1)).rejects.toBeInstanceOf(PreconditionFailedError);
    // The category it names is deleted meanwhile: renaming the rule still works.
    categories.categories.delete('u1/food');
    expect(await updateRule('u1', rule.id, { name: 'Renamed' }, 2)).toMatchObject({ name: 'Renamed', version: 3 });
  });
});

describe('previewRule', () => {
  it('lists the transactions the rule would change, newest first, without writing', async () => {
    const rule = await createRule('u1', input);
    ledger.reset([tx('a', '2024-01-01', 'coffee shop'), tx('b', '2024-02-01', 'bakery'), tx('c', '2024-03-01', 'Coffee beans')]);
    const preview = await previewRule('u1', rule.id, 10);
    expect(preview).toMatchObject({ examined: 3, truncated: false });
    expect(preview.matches.map((m) => m.transactionId)).toEqual(['c', 'a']);
    expect(ledger.writes).toEqual([]);
  });
});
