import { describe, expect, it } from 'vitest';
import { createAccount, createCategory, listTransactions, TransactionInput } from '../../../shared/contracts/ledger';
import { createRule, previewRule } from '../../../shared/contracts/rules';
import { capSentence, COLLECTION_LIMITS, limitOf, MAX_AMOUNT, PAGE_LIMITS } from '../../../shared/domain/limits';
import { MAX_AMOUNT as MONEY_MAX } from '../../../shared/domain/money';

describe('limits table', () => {
  it('is the one place the caps come from', () => {
    expect(MONEY_MAX).toBe(MAX_AMOUNT);
    expect(limitOf('rules')).toBe(COLLECTION_LIMITS.rules);
    for (const [name, cap] of Object.entries(COLLECTION_LIMITS)) expect(Number.isSafeInteger(cap) && cap > 0, name).toBe(true);
    expect(Object.isFrozen(COLLECTION_LIMITS)).toBe(true);
  });

  it('leaves room for custom categories above the ~110 defaults', async () => {
    const { defaultCategories } = await import('../../../shared/domain/ledger/categories');
    expect(COLLECTION_LIMITS.categories - defaultCategories().length).toBeGreaterThanOrEqual(100);
  });

  it('puts each cap in the create route description', () => {
    expect(createRule.description).toContain(capSentence('rules', 'rules'));
    expect(createAccount.description).toContain(`at most ${COLLECTION_LIMITS.accounts} accounts`);
    expect(createCategory.description).toContain(`at most ${COLLECTION_LIMITS.categories} categories`);
  });

  it('caps every list page size with a message saying the largest page', () => {
    const over = listTransactions.query?.safeParse({ limit: String(PAGE_LIMITS.transactions.max + 1) });
    expect(over?.success).toBe(false);
    expect(over?.error?.issues[0]?.message).toContain(`at most ${PAGE_LIMITS.transactions.max}`);
    expect(listTransactions.query?.safeParse({}).data).toMatchObject({ limit: PAGE_LIMITS.transactions.default });
    expect(previewRule.query?.safeParse({ limit: String(PAGE_LIMITS.rulePreview.max + 1) }).success).toBe(false);
    expect(previewRule.query?.safeParse({ limit: String(PAGE_LIMITS.rulePreview.max) }).success).toBe(true);
  });

  it('refuses amounts past the ceiling in the request contracts, naming it', () => {
    const body = { type: 'income', amount: MAX_AMOUNT + 1, currency: 'EUR', date: '2024-01-01', description: 'x' };
    const res = TransactionInput.safeParse(body);
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.message).toContain('10,000,000,000,000');
    expect(TransactionInput.safeParse({ ...body, amount: MAX_AMOUNT }).success).toBe(true);
    expect(createAccount.body?.safeParse({ name: 'a', type: 'cash', currency: 'EUR', openingBalance: -MAX_AMOUNT - 1 }).success).toBe(false);
    expect(createRule.body?.safeParse({ name: 'r', conditions: { amountMax: MAX_AMOUNT + 1 }, actions: {} }).success).toBe(false);
  });
});
