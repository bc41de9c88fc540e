import { describe, expect, it } from 'vitest';
import {
  amountBucket,
  emptyModel,
  featuresOf,
  learn,
  lexiconCategories,
  lexiconGuess,
  MAX_CELLS,
  MAX_FEATURES,
  MAX_MODEL_BYTES,
  modelSize,
  predictCategory,
  predictLearned,
  pruneModel,
  PRIOR_UNTIL_DOCS,
  type CategoryModel,
} from '../../../../shared/domain/categorise';
import { defaultCategory } from '../../../../shared/domain/ledger/categories';

const tx = (description: string, amount = 1234, type: 'expense' | 'income' | 'transfer' = 'expense') => ({ description, amount, type });

function train(m: CategoryModel, rows: [string, string, number?][]): void {
  for (const [d, c, a] of rows) learn(m, featuresOf(tx(d, a ?? 1234)), c, 1);
}

describe('features', () => {
  it('normalises words, adds the merchant, the amount magnitude and the type, without duplicates', () => {
    const f = featuresOf(tx('POS PURCHASE STARBUCKS STORE #12345 SEATTLE WA', 450));
    expect(f).toContain('w:starbucks');
    expect(f).toContain('m:starbucks');
    expect(f).toContain(`a:expense:${amountBucket(450)}`);
    expect(f).toContain('t:expense');
    expect(f.some((x) => x.includes('12345'))).toBe(false);
    expect(new Set(f).size).toBe(f.length);
  });
  it('puts a coffee and a rent in different amount buckets, nearby amounts in the same', () => {
    expect(amountBucket(450)).not.toBe(amountBucket(125_000));
    expect(amountBucket(450)).toBe(amountBucket(460));
  });
});

describe('learning and prediction', () => {
  it('predicts the category it learned for a merchant, with a confidence in 0..1', () => {
    const m = emptyModel();
    train(m, [
      ['Netflix.com', 'subs'],
      ['NETFLIX MONTHLY', 'subs'],
      ['Shell Station 12', 'fuel', 5000],
      ['SHELL OIL 778', 'fuel', 6000],
      ['Grocery Store', 'food', 8000],
    ]);
    const p = predictLearned(m, tx('NETFLIX.COM 866-579'));
    expect(p?.categoryId).toBe('subs');
    expect(p?.confidence).toBeGreaterThan(0.5);
    expect(p?.confidence).toBeLessThanOrEqual(1);
    expect(predictLearned(m, tx('Shell Garage', 5500))?.categoryId).toBe('fuel');
  });

  it('unlearning exactly reverses learning (a correction moves the counts)', () => {
    const m = emptyModel();
    train(m, [['Grocery Store', 'food']]);
    const before = JSON.stringify(m);
    const f = featuresOf(tx('Amazon', 2000));
    learn(m, f, 'shopping', 1);
    learn(m, f, 'shopping', -1);
    pruneModel(m);
    expect(JSON.stringify(m)).toBe(before);
  });

  it('never lets a count go below zero (removing what was never learned changes nothing)', () => {
    const m = emptyModel();
    train(m, [['Grocery Store', 'food']]);
    learn(m, featuresOf(tx('Grocery Store')), 'food', -1);
    learn(m, featuresOf(tx('Grocery Store')), 'food', -1);
    expect(m.docs.every((d) => d >= 0)).toBe(true);
    for (const cells of Object.values(m.feats)) for (let i = 1; i < cells.length; i += 2) expect(cells[i]).toBeGreaterThan(0);
    expect(modelSize(m)).toBe(0);
  });

  it('is deterministic: the same training gives the same model and the same answers', () => {
    const rows: [string, string][] = [['A shop', 'x'], ['B shop', 'y'], ['A market', 'x']];
    const a = emptyModel();
    const b = emptyModel();
    train(a, rows);
    train(b, rows);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(predictLearned(a, tx('A thing'))).toEqual(predictLearned(b, tx('A thing')));
  });

  it('stores integer counts only', () => {
    const m = emptyModel();
    train(m, [['Coffee', 'c'], ['Tea', 't']]);
    const numbers = [...m.docs, ...Object.values(m.feats).flat()];
    expect(numbers.every((n) => Number.isInteger(n))).toBe(true);
  });

  it('stays within its bounds and under 300 KB however much it learns', () => {
    const m = emptyModel();
    for (let i = 0; i < 2_000; i++) {
      const words = Array.from({ length: 12 }, (_, k) => `w${(i * 13 + k * 7919).toString(36)}x${'y'.repeat(20)}`).join(' ');
      learn(m, featuresOf(tx(`${words} merchant${i}${'z'.repeat(40)}`, 100 + i)), `category-${i % 300}-${'c'.repeat(40)}`, 1);
      if (i % 100 === 0) pruneModel(m);
    }
    pruneModel(m);
    const cells = Object.values(m.feats).reduce((n, c) => n + c.length / 2, 0);
    expect(Object.keys(m.feats).length).toBeLessThanOrEqual(MAX_FEATURES);
    expect(cells).toBeLessThanOrEqual(MAX_CELLS);
    expect(JSON.stringify(m).length).toBeLessThan(MAX_MODEL_BYTES);
  }, 60_000);
});

describe('the prior', () => {
  it('maps only to default categories', () => {
    for (const id of lexiconCategories()) expect(defaultCategory(id), id).toBeDefined();
  });
  it('answers before the model has learned anything, and not for transfers', () => {
    expect(lexiconGuess(tx('NETFLIX.COM'))?.categoryId).toBe('entertainment.streaming');
    expect(lexiconGuess(tx('ACME PAYROLL', 300000, 'income'))?.categoryId).toBe('income.salary');
    expect(lexiconGuess(tx('NETFLIX.COM', 100, 'transfer'))).toBeUndefined();
    expect(predictCategory(emptyModel(), tx('UBER TRIP HELP.UBER.COM'))).toMatchObject({ categoryId: 'transport.taxi', source: 'lexicon' });
    expect(predictCategory(emptyModel(), tx('Zxqv Unknown Thing'))).toBeUndefined();
  });
  it('gives way once the user has taught enough labels of their own', () => {
    const m = emptyModel();
    for (let i = 0; i < PRIOR_UNTIL_DOCS; i++) learn(m, featuresOf(tx(`Shop ${String.fromCharCode(97 + (i % 26))}lpha`)), 'mine', 1);
    expect(predictCategory(m, tx('NETFLIX.COM'))).toBeUndefined();
  });
  it('does not answer a category the caller cannot use', () => {
    expect(predictCategory(emptyModel(), tx('NETFLIX.COM'), { allowed: () => false })).toBeUndefined();
  });
});
