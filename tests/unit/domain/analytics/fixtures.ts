import type { AnalyticsCategory, AnalyticsTransaction } from '../../../../shared/domain/analytics';

/** A converted EUR expense in March 2024, with whatever `over` changes. */
export function tx(over: Partial<AnalyticsTransaction> = {}): AnalyticsTransaction {
  return {
    type: 'expense',
    amount: 4250,
    currency: 'EUR',
    date: '2024-03-14',
    description: 'CARD PURCHASE 03/14 STARBUCKS #1234 SEATTLE WA',
    categoryId: 'food.coffee',
    accountId: 'acc-checking',
    toAccountId: null,
    splits: null,
    baseAmount: 4250,
    baseCurrency: 'EUR',
    fxStatus: 'converted',
    ...over,
  };
}

/** A slice of the default tree plus one custom category. */
export const CATEGORIES: AnalyticsCategory[] = [
  { id: 'food', name: 'Food & drink', kind: 'expense' },
  { id: 'food.groceries', name: 'Groceries', kind: 'expense', parentId: 'food' },
  { id: 'food.restaurants', name: 'Restaurants', kind: 'expense', parentId: 'food' },
  { id: 'food.coffee', name: 'Coffee shops', kind: 'expense', parentId: 'food' },
  { id: 'housing', name: 'Housing', kind: 'expense' },
  { id: 'housing.rent', name: 'Rent', kind: 'expense', parentId: 'housing' },
  { id: 'shopping', name: 'Shopping', kind: 'expense' },
  { id: 'shopping.household', name: 'Household supplies', kind: 'expense', parentId: 'shopping' },
  { id: 'shopping.electronics', name: 'Electronics & software', kind: 'expense', parentId: 'shopping' },
  { id: 'income', name: 'Income', kind: 'income' },
  { id: 'income.salary', name: 'Salary & wages', kind: 'income', parentId: 'income' },
  { id: 'income.freelance', name: 'Freelance & business income', kind: 'income', parentId: 'income' },
  { id: 'side-hustle', name: 'Side hustle', kind: 'income', parentId: null },
];
