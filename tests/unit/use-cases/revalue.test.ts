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
vi.mock('../../../shared/adapters/queue', () => import('../../support/memory/queue'));
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
      getCorrelationId: () => undefined,
    },
  };
});

import { convertPendingOf, queuePendingConversions, rebasePage } from '../../../shared/use-cases/revalue';
import { memory as queue } from '../../support/memory/queue';
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
  queue.reset();
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

describe('queuePendingConversions', () => {
  it('queues one message per user and 100 transactions, only for the currencies that arrived and the 7 days they cover', async () => {
    // Prepare: u1 has 250 USD transactions pending, u2 one in JPY (no rate arrived), u3 one USD dated past the window
    memory.reset([
      ...Array.from({ length: 250 }, (_, i) => pending(`t${String(i).padStart(3, '0')}`, 100)),
      pending('jpy', 100, 'JPY', { userId: 'u2' }),
      pending('late', 100, 'USD', { userId: 'u3', date: '2024-03-20' }),
    ]);

    // Act
    const r = await queuePendingConversions({ date: '2024-03-01', currencies: ['USD', 'USD'] }, Number.POSITIVE_INFINITY, now);

    // Assess
    expect(r).toEqual({ users: 1, transactions: 250, continued: false });
    const messages = queue.published.map((p) => p.event.data as { userId: string; transactionIds: string[] });
    expect(messages.map((m) => [m.userId, m.transactionIds.length])).toEqual([['u1', 100], ['u1', 100], ['u1', 50]]);
    expect(new Set(messages.flatMap((m) => m.transactionIds)).size).toBe(250);
  });

  it('past its deadline goes on in a continuation from where it stopped, so every transaction is queued once', async () => {
    // Prepare: 3 pages of pending transactions
    memory.reset(Array.from({ length: 12 }, (_, i) => pending(`t${String(i).padStart(2, '0')}`, 100)));
    memory.pendingPageSize = 5;

    // Act: a deadline already passed stops after the first page; the continuation's cursor resumes
    const first = await queuePendingConversions({ date: '2024-03-01', currencies: ['USD'] }, 0, now);
    const next = queue.published.at(-1)?.event;
    const rest = await queuePendingConversions(next?.data as { date: string; currencies: string[]; cursor: string }, Number.POSITIVE_INFINITY, now);

    // Assess
    expect(first).toEqual({ users: 1, transactions: 5, continued: true });
    expect(next?.type).toBe('PendingConversionSweepContinued');
    expect(rest).toEqual({ users: 1, transactions: 7, continued: false });
    const ids = queue.published.filter((p) => p.event.type === 'PendingConversionRequested').flatMap((p) => (p.event.data as { transactionIds: string[] }).transactionIds);
    expect(ids.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `t${String(i).padStart(2, '0')}`));
  });
});
