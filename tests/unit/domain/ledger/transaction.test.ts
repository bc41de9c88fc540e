import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors';
import { normaliseTag, normaliseTags, signedAmount, transactionProblems, validateTransaction, type TransactionDraft } from '../../../../shared/domain/ledger';
import { allocate, CURRENCY_CODES, formatAmount } from '../../../../shared/domain/money';

const base: TransactionDraft = { type: 'expense', amount: 1250, currency: 'EUR', date: '2024-01-31', description: 'REWE Markt' };

function problemsOf(draft: Partial<TransactionDraft>): { path: string; message: string }[] {
  return transactionProblems({ ...base, ...draft } as TransactionDraft);
}

describe('validateTransaction', () => {
  it('accepts and normalises a valid expense', () => {
    // Act
    const tx = validateTransaction({ ...base, description: '  REWE   Markt\tBerlin ', tags: ['Food', ' #Weekly  Shop ', 'food'], notes: '  paid cash \n ', categoryId: 'food.groceries', accountId: 'acc-1' });
    // Assess
    expect(tx).toEqual({
      type: 'expense',
      amount: 1250,
      currency: 'EUR',
      date: '2024-01-31',
      description: 'REWE Markt Berlin',
      categoryId: 'food.groceries',
      accountId: 'acc-1',
      tags: ['food', 'weekly shop'],
      notes: 'paid cash',
    });
  });

  it('drops null optional fields', () => {
    const tx = validateTransaction({ ...base, categoryId: null, accountId: null, toAccountId: null, notes: null, tags: null, splits: null });
    expect(tx).toEqual({ ...base, tags: [] });
  });

  it.each<[string, Partial<TransactionDraft>, string]>([
    ['type', { type: 'refund' }, 'must be one of expense, income, transfer'],
    ['amount', { amount: 0 }, 'positive'],
    ['amount', { amount: -5 }, 'positive'],
    ['amount', { amount: 12.5 }, 'positive'],
    ['amount', { amount: 2 ** 53 }, 'positive'],
    ['amount', { amount: Number.NaN }, 'positive'],
    ['currency', { currency: 'eur' }, 'ISO 4217'],
    ['currency', { currency: 'XYZ' }, 'ISO 4217'],
    ['date', { date: '2023-02-29' }, 'real calendar date'],
    ['date', { date: '31/01/2024' }, 'real calendar date'],
    ['description', { description: '   ' }, 'must not be blank'],
    ['description', { description: 'x'.repeat(501) }, 'at most 500'],
    ['description', { description: 'bad\u0007bell' }, 'control characters'],
    ['notes', { notes: 'n'.repeat(2001) }, 'at most 2000'],
    ['categoryId', { categoryId: 'has space' }, 'must be an id'],
    ['accountId', { accountId: '' }, 'must be an id'],
    ['toAccountId', { toAccountId: 'acc-2' }, 'only for transfers'],
    ['tags[1]', { tags: ['ok', '  '] }, 'must not be blank'],
    ['tags[0]', { tags: ['x'.repeat(41)] }, 'at most 40'],
    ['tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'at most 20 distinct tags (got 21)'],
  ])('names %s when it is wrong', (path, draft, message) => {
    // Act
    const problems = problemsOf(draft);
    // Assess
    expect(problems).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(() => validateTransaction({ ...base, ...draft } as TransactionDraft)).toThrow(ValidationError);
  });

  it('lists every problem at once, and says how many', () => {
    // Act
    let error: ValidationError | undefined;
    try {
      validateTransaction({ type: 'gift', amount: -1, currency: 'EURO', date: '2024-02-30', description: '' });
    } catch (e) {
      error = e as ValidationError;
    }
    // Assess
    expect(error?.errors.map((e) => e.path)).toEqual(['type', 'currency', 'amount', 'date', 'description']);
    expect(error?.message).toBe('The transaction is invalid: type must be one of expense, income, transfer (and 4 more)');
  });

  it('allows 20 tags that de-duplicate from more', () => {
    const tags = [...Array.from({ length: 20 }, (_, i) => `t${i}`), 'T1', ' t2 '];
    expect(validateTransaction({ ...base, tags }).tags).toHaveLength(20);
  });

  describe('transfers', () => {
    const transfer: TransactionDraft = { ...base, type: 'transfer', accountId: 'checking', toAccountId: 'savings' };

    it('accepts two distinct accounts', () => {
      expect(validateTransaction(transfer)).toMatchObject({ type: 'transfer', accountId: 'checking', toAccountId: 'savings' });
    });

    it.each<[Partial<TransactionDraft>, string, string]>([
      [{ accountId: undefined }, 'accountId', 'required for a transfer'],
      [{ toAccountId: undefined }, 'toAccountId', 'required for a transfer'],
      [{ toAccountId: 'checking' }, 'toAccountId', 'must differ from accountId'],
      [{ categoryId: 'food' }, 'categoryId', 'must be absent on a transfer'],
      [{ splits: [{ categoryId: 'food', amount: 1250 }] }, 'splits', 'must be absent on a transfer'],
    ])('refuses %j', (draft, path, message) => {
      expect(transactionProblems({ ...transfer, ...draft })).toContainEqual({ path, message: expect.stringContaining(message) });
    });
  });

  describe('splits', () => {
    it('accepts splits that add up exactly, negative parts included', () => {
      const tx = validateTransaction({ ...base, amount: 10000, splits: [{ categoryId: 'food.groceries', amount: 8000 }, { categoryId: 'shopping.household', amount: 2500 }, { categoryId: 'income.refunds', amount: -500 }] });
      expect(tx.splits).toHaveLength(3);
      expect(tx.categoryId).toBeUndefined();
    });

    it('names the difference when they fall short', () => {
      // Act
      const problems = problemsOf({ amount: 1250, splits: [{ categoryId: 'food', amount: 1000 }, { categoryId: 'other', amount: 230 }] });
      // Assess
      expect(problems).toEqual([{ path: 'splits', message: 'must add up to the amount 12.50 EUR but add up to 12.30 EUR: 0.20 EUR short' }]);
    });

    it('names the difference when they go over, in the currency’s exponent', () => {
      const problems = problemsOf({ currency: 'JPY', amount: 1000, splits: [{ categoryId: 'food', amount: 700 }, { categoryId: 'other', amount: 400 }] });
      expect(problems).toEqual([{ path: 'splits', message: 'must add up to the amount 1000 JPY but add up to 1100 JPY: 100 JPY over' }]);
    });

    it.each<[unknown, string, string]>([
      [[], 'splits', 'from 1 to 100 parts'],
      [Array.from({ length: 101 }, () => ({ categoryId: 'food', amount: 1 })), 'splits', 'from 1 to 100 parts'],
      [[{ categoryId: 'food', amount: 0 }, { categoryId: 'food', amount: 1250 }], 'splits[0].amount', 'non-zero'],
      [[{ categoryId: 'food', amount: 1.5 }], 'splits[0].amount', 'non-zero'],
      [[{ amount: 1250 }], 'splits[0].categoryId', 'is required'],
      [[{ categoryId: 'bad id', amount: 1250 }], 'splits[0].categoryId', 'must be an id'],
      ['food', 'splits', 'must be a list'],
    ])('refuses splits %j', (splits, path, message) => {
      expect(problemsOf({ splits: splits as TransactionDraft['splits'] })).toContainEqual({ path, message: expect.stringContaining(message) });
    });

    it('refuses a category next to splits', () => {
      expect(problemsOf({ categoryId: 'food', splits: [{ categoryId: 'food', amount: 1250 }] })).toContainEqual({ path: 'categoryId', message: expect.stringContaining('absent when there are splits') });
    });

    it('accepts any allocation of the amount and names the exact difference of any perturbed one (10,000 runs)', () => {
      const currency = fc.constantFrom(...CURRENCY_CODES);
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 1_000_000_000_000 }),
          currency,
          fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }),
          fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((d) => d !== 0),
          (amount, code, weights, delta) => {
            const parts = allocate(amount, weights).filter((p) => p !== 0);
            const splits = parts.map((p, i) => ({ categoryId: `c${i}`, amount: p }));
            const ok = transactionProblems({ ...base, currency: code, amount, splits }).length === 0;
            const last = splits[splits.length - 1];
            if (!last || last.amount + delta === 0) return ok;
            const broken = [...splits.slice(0, -1), { ...last, amount: last.amount + delta }];
            const problems = transactionProblems({ ...base, currency: code, amount, splits: broken });
            const expected = `${formatAmount(Math.abs(delta), code)} ${code} ${delta < 0 ? 'short' : 'over'}`;
            return ok && problems.length === 1 && problems[0]?.path === 'splits' && (problems[0]?.message.endsWith(expected) ?? false);
          },
        ),
        { numRuns: 10_000 },
      );
    }, 120_000);
  });
});

describe('tags', () => {
  it.each([
    ['Food', 'food'],
    ['  #Business  Trip ', 'business trip'],
    ['ÜBER', 'über'],
    ['ﬁnance', 'finance'],
    ['##', ''],
  ])('normalises %j to %j', (raw, expected) => {
    expect(normaliseTag(raw)).toBe(expected);
  });

  it('de-duplicates in first-seen order', () => {
    expect(normaliseTags(['B', 'a', 'b', '#A']).tags).toEqual(['b', 'a']);
  });
});

describe('signedAmount', () => {
  it('gives money out a minus sign from the account’s point of view', () => {
    expect(signedAmount({ type: 'expense', amount: 500 })).toBe(-500);
    expect(signedAmount({ type: 'income', amount: 500 })).toBe(500);
    const transfer = { type: 'transfer' as const, amount: 500, accountId: 'a', toAccountId: 'b' };
    expect(signedAmount(transfer, 'a')).toBe(-500);
    expect(signedAmount(transfer, 'b')).toBe(500);
    expect(signedAmount(transfer)).toBe(-500);
  });
});
