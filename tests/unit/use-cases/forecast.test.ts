import { describe, expect, it } from 'vitest';
import type { ForecastDeps } from '../../../shared/use-cases/forecast';
import { getForecast } from '../../../shared/use-cases/forecast';

/** The forecast use case over fake reads: what it counts, converts, leaves out and says so. */
const NOW = new Date('2025-03-31T12:00:00Z');

type Item = Awaited<ReturnType<ForecastDeps['recurringItems']>>[number];
const item = (over: Partial<Item>): Item => ({
  id: 'r',
  type: 'expense',
  period: 'monthly',
  averageAmount: 10_000,
  currency: 'EUR',
  lastDate: '2025-03-05',
  nextExpectedDate: '2025-04-05',
  confidence: 0.9,
  status: 'detected',
  transactionIds: ['a', 'b', 'c'],
  ...over,
});

function deps(over: Partial<ForecastDeps> = {}): ForecastDeps & { ratesRead: number } {
  const d: ForecastDeps & { ratesRead: number } = {
    ratesRead: 0,
    getProfile: async () => ({ baseCurrency: 'EUR', timezone: 'UTC' }),
    listAccounts: async (): ReturnType<ForecastDeps['listAccounts']> => [
      { id: 'eur', currency: 'EUR', openingBalance: 100_000, balances: { EUR: -20_000 } },
      { id: 'usd', currency: 'USD', openingBalance: 12_500, balances: {} },
      { id: 'gbp', currency: 'GBP', openingBalance: 5_000, balances: { EUR: 1_000 } },
    ],
    recurringItems: async () => [],
    rollupRange: async () => [],
    ratesPerEur: async () => {
      d.ratesRead++;
      return { USD: '1.25' };
    },
    ...over,
  };
  return d;
}

describe('getForecast', () => {
  it('sums the balances in the base currency: another currency at the latest rate, or left out and listed when it has none', async () => {
    const d = deps();
    const f = await getForecast('u1', 2, d, NOW);
    // 100,000 − 20,000 EUR + 125.00 USD = 100.00 EUR + 10.00 EUR booked on the GBP account; its 50.00 GBP has no rate.
    expect(f.startingBalance).toBe(80_000 + 10_000 + 1_000);
    expect(f.method.excluded).toEqual([{ kind: 'account', id: 'gbp', currency: 'GBP', reason: expect.stringMatching(/no exchange rate from GBP to EUR/) }]);
    expect(f.method.name).toBe('bootstrap');
    expect(f.months.map((m) => m.month)).toEqual(['2025-04', '2025-05']);
    expect(d.ratesRead).toBe(1);
  });

  it('counts confirmed and confident items, never ignored, weak or long-overdue ones, converting a foreign one', async () => {
    const f = await getForecast(
      'u1',
      1,
      deps({
        listAccounts: async () => [],
        recurringItems: async () => [
          item({ id: 'salary', type: 'income', averageAmount: 300_000, lastDate: '2025-03-25', nextExpectedDate: '2025-04-25' }),
          item({ id: 'rent', averageAmount: 100_000, status: 'confirmed', confidence: 0.3 }),
          item({ id: 'gym', averageAmount: 5_000, status: 'ignored' }),
          item({ id: 'weak', averageAmount: 7_000, confidence: 0.55 }),
          item({ id: 'gone', averageAmount: 9_000, lastDate: '2024-12-05', nextExpectedDate: '2025-01-05' }),
          item({ id: 'cloud', averageAmount: 1_250, currency: 'USD' }),
          item({ id: 'tea', averageAmount: 800, currency: 'GBP' }),
        ],
      }),
      NOW,
    );
    const april = f.months[0];
    expect(april?.recurringIncome).toBe(300_000);
    expect(april?.recurringExpenses).toBe(100_000 + 1_000);
    expect(f.method.recurringItems).toBe(3);
    expect(f.method.name).toBe('recurring-plus-bootstrap');
    expect(f.method.excluded.map((e) => e.id).sort()).toEqual(['gone', 'tea']);
    expect(april?.balance).toEqual({ p10: 199_000, p50: 199_000, p90: 199_000 });
  });

  it('reads the 24 months before the current one from the rollups and draws the residual from them', async () => {
    const asked: string[] = [];
    const f = await getForecast(
      'u1',
      3,
      deps({
        listAccounts: async () => [],
        rollupRange: async (_u, base, from, to) => {
          asked.push(base, from, to);
          return ['2024-12', '2025-01', '2025-02'].map((month, i) => ({ month, fields: { inc: 200_000, exp: 160_000 + i * 10_000 }, updatedAt: '' }));
        },
      }),
      NOW,
    );
    expect(asked).toEqual(['EUR', '2023-03', '2025-02']);
    expect(f.method.historyMonths).toBe(3);
    expect(f.months[0]?.net).toBe(30_000);
    expect(f.method.description).toMatch(/3 past months \(2024-12 to 2025-02\)/);
  });
});
