import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransactionRecord } from '../../../shared/adapters/ledger';

// Unit tests of the background FX conversion when one pending transaction's conversion passes the amount ceiling:
// the ledger, profiles and rates are in memory (an amount that converts past the ceiling needs a rate no real
// publication has, and the API refuses such a transaction when its rate is already known).
const state = vi.hoisted(() => ({
  warnings: [] as { message: string; extra: Record<string, unknown> }[],
}));

vi.mock('../../../shared/adapters/ledger', () => import('../../support/memory/ledger'));
vi.mock('../../../shared/adapters/profiles', () => ({ getProfile: async () => ({ userId: 'u1', baseCurrency: 'EUR' }) }));
vi.mock('../../../shared/adapters/queue', () => ({ publish: async () => undefined }));
// Units per EUR: one US cent is worth 10,000 euro cents, so 10^10 cents convert to 10^14 (past the ceiling of 10^13).
vi.mock('../../../shared/adapters/fx-rates', () => ({
  ratesWindow: async (base: string) => (base === 'EUR' ? [{ base: 'EUR', date: '2024-03-01', rates: { USD: '0.0001', GBP: '0.8' } }] : []),
}));
vi.mock('../../../shared/observability', async (importOriginal) => {
  const real = await importOriginal<Record<string, unknown>>();
  return {
    ...real,
    logger: {
      warn: (message: string, extra: Record<string, unknown>) => state.warnings.push({ message, extra }),
      error: () => undefined,
      info: () => undefined,
      debug: () => undefined,
    },
  };
});

import { convertPendingOf, rebasePage } from '../../../shared/use-cases/revalue';
import { memory } from '../../support/memory/ledger';

function pending(id: string, amount: number, currency = 'USD', over: Partial<TransactionRecord> = {}): TransactionRecord {
  return {
    id, userId: 'u1', type: 'expense', amount, currency, date: '2024-03-02', description: `Purchase ${id}`, categoryId: null, accountId: 'acc1',
    toAccountId: null, tags: [], notes: null, splits: null, baseAmount: null, baseCurrency: 'EUR', fxRate: null, fxDate: null, fxStatus: 'pending',
    appliedRules: [], manualFields: [], importId: null, bankId: null, version: 1, createdAt: '2024-03-02T00:00:00.000Z', updatedAt: '2024-03-02T00:00:00.000Z',
    ...over,
  };
}

const now = new Date('2024-03-03T00:00:00Z');

beforeEach(() => {
  memory.reset();
  state.warnings = [];
});

describe('convertPendingOf when one conversion passes the ceiling', () => {
  it('converts the others, leaves that one pending and logs why', async () => {
    // Prepare: two convertible transactions around one whose conversion is 10^14 euro cents
    memory.reset([pending('a', 100), pending('huge', 10_000_000_000), pending('b', 800, 'GBP')]);

    // Act
    const result = await convertPendingOf('u1', ['a', 'huge', 'b'], now);

    // Assess
    expect(result).toEqual({ converted: 2, stillPending: 0, unconvertible: 1 });
    expect(memory.writes.map((w) => [w.id, w.fxStatus, w.baseAmount])).toEqual([
      ['a', 'converted', 1_000_000],
      ['b', 'converted', 1000],
    ]);
    expect(state.warnings).toHaveLength(1);
    expect(state.warnings[0]?.extra).toMatchObject({ userId: 'u1', transactionId: 'huge', currency: 'USD', baseCurrency: 'EUR' });
    expect(String(state.warnings[0]?.extra.reason)).toMatch(/10000000000000|10,000,000,000,000/);
  });
});

describe('rebasePage when one conversion passes the ceiling', () => {
  it('marks that transaction pending in the new base and re-values the rest', async () => {
    // Prepare: a page of two transactions converted in GBP, the user's base now EUR
    memory.reset([
      pending('huge', 10_000_000_000, 'USD', { date: '2024-03-01', baseCurrency: 'GBP', fxStatus: 'converted', baseAmount: 5, fxRate: '1', fxDate: '2024-03-01' }),
      pending('b', 800, 'GBP', { baseCurrency: 'GBP', fxStatus: 'converted', baseAmount: 800, fxRate: '1', fxDate: '2024-03-02' }),
    ]);

    // Act
    const result = await rebasePage({ userId: 'u1', from: 'GBP', to: 'EUR' }, now);

    // Assess: neither stays in the old base; the huge one waits as pending (never a 1:1 guess)
    expect(result).toEqual({ changed: 1, done: true, unconvertible: 1 });
    expect(memory.writes.map((w) => [w.id, w.fxStatus, w.baseCurrency, w.baseAmount])).toEqual([
      ['huge', 'pending', 'EUR', null],
      ['b', 'converted', 'EUR', 1000],
    ]);
    expect(state.warnings.map((w) => w.extra.transactionId)).toEqual(['huge']);
  });
});
