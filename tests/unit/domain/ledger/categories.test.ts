import { describe, expect, it } from 'vitest';
import { CATEGORY_SLUG, defaultCategories, defaultCategory, defaultChildren } from '../../../../shared/domain/ledger';

const DEFAULT_CATEGORIES = defaultCategories();

describe('default categories', () => {
  const parents = DEFAULT_CATEGORIES.filter((c) => c.parentId === undefined);
  const children = DEFAULT_CATEGORIES.filter((c) => c.parentId !== undefined);

  it('have unique slug ids, two levels deep', () => {
    const ids = DEFAULT_CATEGORIES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !CATEGORY_SLUG.test(id))).toEqual([]);
    expect(ids.every((id) => id.split('.').length <= 2)).toBe(true);
  });

  it('nest each child under an existing parent of the same kind, its id prefixed by the parent’s', () => {
    for (const child of children) {
      const parent = defaultCategory(child.parentId ?? '');
      expect(parent, child.id).toBeDefined();
      expect(parent?.parentId).toBeUndefined();
      expect(child.id.startsWith(`${child.parentId}.`)).toBe(true);
      expect(child.kind).toBe(parent?.kind);
    }
  });

  it('give every parent children, and cover expenses and income', () => {
    expect(parents.every((p) => defaultChildren(p.id).length > 0)).toBe(true);
    expect(parents.filter((p) => p.kind === 'expense').length).toBeGreaterThanOrEqual(15);
    expect(defaultChildren('income').length).toBeGreaterThanOrEqual(8);
    expect(children.length).toBeGreaterThanOrEqual(80);
  });

  it.each([
    ['food', 'Food & drink', 'expense'],
    ['food.groceries', 'Groceries', 'expense'],
    ['food.restaurants', 'Restaurants', 'expense'],
    ['housing.rent', 'Rent', 'expense'],
    ['transport.fuel', 'Fuel', 'expense'],
    ['utilities.electricity', 'Electricity', 'expense'],
    ['entertainment.streaming', 'Streaming & subscriptions', 'expense'],
    ['fees.bank', 'Bank fees', 'expense'],
    ['income', 'Income', 'income'],
    ['income.salary', 'Salary & wages', 'income'],
    ['income.refunds', 'Refunds & reimbursements', 'income'],
  ])('include %s (%s)', (id, name, kind) => {
    expect(defaultCategory(id)).toMatchObject({ id, name, kind });
  });

  it('have non-blank, distinct names among siblings', () => {
    for (const parent of parents) {
      const names = defaultChildren(parent.id).map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
      expect(names.every((n) => n.trim() !== '')).toBe(true);
    }
  });

  it('are frozen so no caller can change them', () => {
    expect(Object.isFrozen(DEFAULT_CATEGORIES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CATEGORIES[0])).toBe(true);
  });
});
