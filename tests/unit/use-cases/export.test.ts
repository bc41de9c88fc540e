import { describe, expect, it, vi } from 'vitest';

// The export reads the ledger page by page; here the pages come from memory: one page of transactions whose CSV would
// pass the 5 MB cap.
vi.mock('../../../shared/adapters/categories', () => ({ listCategories: async () => [] }));
vi.mock('../../../shared/adapters/ledger', () => ({
  async *transactionsByDate() {
    const description = 'x'.repeat(200);
    const items = Array.from({ length: 30_000 }, (_, i) => ({ id: `t${i}`, type: 'expense', amount: 100, currency: 'EUR', date: '2024-01-01', description, notes: null, categoryId: null, accountId: null, toAccountId: null, bankId: null }));
    yield { items, cursor: undefined };
  },
}));

describe('export past its cap', () => {
  it('is a domain TooLargeError (kind too-large), which the problem table answers with 413', async () => {
    const { exportCsv } = await import('../../../shared/use-cases/export');
    const errors = await import('../../../shared/domain/errors');
    const { toProblem } = await import('../../../shared/http/problem');
    const error = await exportCsv('u1', {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(errors.TooLargeError);
    expect(toProblem(error, '/transactions/export')).toMatchObject({ status: 413, type: '/docs#problem-too-large', detail: expect.stringMatching(/5 MB/) });
    // No HTTP-named error class is left in the domain: the request body's size limit is HTTP's own (shared/http/errors.ts).
    expect(Object.keys(errors).filter((name) => /payload/i.test(name))).toEqual([]);
  });
});
