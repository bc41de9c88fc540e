import { describe, expect, it } from 'vitest';
import { defaultPreferences, type AlertDraft } from '../../../shared/domain/alerts/alert';
import { ValidationError } from '../../../shared/domain/errors';
import { checkHealthDrop, healthReport, type HealthDeps } from '../../../shared/use-cases/health';

const NOW = new Date('2025-06-15T12:00:00Z');

/** Fakes over a ledger of monthly figures: month → [income, expenses, flow of account acc-1]. */
function deps(months: Record<string, [number, number, number]>, extra: Partial<HealthDeps> = {}) {
  const alerts: AlertDraft[] = [];
  const d: HealthDeps = {
    profile: async () => ({ baseCurrency: 'EUR', timezone: 'Europe/Berlin' }),
    rollupRange: async (_u, _b, from, to) =>
      Object.entries(months)
        .filter(([m]) => m >= from && m <= to)
        .sort()
        .map(([month, [inc, exp, flow]]) => ({ month, fields: { inc, exp, 'a:acc-1': flow } })),
    accounts: async () => [{ id: 'acc-1', type: 'checking', currency: 'EUR', openingBalance: 0, balances: { EUR: 600_000 }, archived: false }],
    budgetStatuses: async () => [],
    goalStatuses: async () => [],
    recurringItems: async () => [],
    openAdvice: async () => [],
    // 1 EUR = 1.25 USD: 5,000 USD cents → 4,000 EUR cents
    rates: async () => ({ USD: '1.25' }),
    alertPreferences: async () => defaultPreferences(),
    putAlertOnce: async (_u, a) => {
      if (!alerts.some((x) => x.id === a.id)) alerts.push(a);
    },
    ...extra,
  };
  return { d, alerts };
}

const steady: Record<string, [number, number, number]> = {
  '2024-12': [300_000, 200_000, 100_000],
  '2025-01': [300_000, 200_000, 100_000],
  '2025-02': [300_000, 200_000, 100_000],
  '2025-03': [300_000, 200_000, 100_000],
  '2025-04': [300_000, 200_000, 100_000],
  '2025-05': [300_000, 200_000, 100_000],
};

describe('healthReport', () => {
  it('scores a steady month from its components, rescaled over those with data', async () => {
    const { d } = deps(steady);
    const r = await healthReport('u1', '2025-05', NOW, d);
    // savings 1/3 → 25; stability 0 → 10; emergency: 600,000 − June's flow (none) = 3 months of 200,000 → 20
    expect(r.components.map((c) => [c.key, c.points])).toEqual([['savings_rate', 25], ['emergency_fund', 20], ['spending_stability', 10]]);
    expect(r.score).toBe(100);
    // April ended with 500,000 (600,000 now − May's 100,000): 2.5 months → 16.67 of 20; (25 + 16.67 + 10) / 55 → 94
    expect(r.change).toEqual({ previousScore: 94, delta: 6 });
  });

  it('takes the balance at the month end back from the later months flows', async () => {
    const { d } = deps({ ...steady, '2025-06': [0, 0, 400_000] });
    const r = await healthReport('u1', '2025-05', NOW, d);
    // 600,000 − 400,000 (June) = 200,000 = 1 month → 20/3 points
    expect(r.components.find((c) => c.key === 'emergency_fund')).toMatchObject({ value: 1, points: 6.67 });
  });

  it('defaults to the current month in the user time zone and refuses future and pre-calendar months', async () => {
    const { d } = deps(steady);
    expect((await healthReport('u1', undefined, new Date('2025-06-30T22:30:00Z'), d)).month).toBe('2025-07');
    await expect(healthReport('u1', '2025-07', NOW, d)).rejects.toBeInstanceOf(ValidationError);
    await expect(healthReport('u1', '1899-12', NOW, d)).rejects.toBeInstanceOf(ValidationError);
    expect((await healthReport('u1', '1900-01', NOW, d)).change).toBeNull();
  });

  it('raises one health.drop alert at a drop of 10 points or more, none at a smaller one', async () => {
    const { d, alerts } = deps({ ...steady, '2025-05': [300_000, 400_000, -100_000] });
    const r = await healthReport('u1', '2025-05', NOW, d);
    expect(r.change?.delta).toBeLessThanOrEqual(-10);
    await healthReport('u1', '2025-05', NOW, d);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'health.drop', evidence: { month: '2025-05', score: r.score, delta: r.change?.delta } });
    const off = deps({ ...steady, '2025-05': [300_000, 400_000, -100_000] }, { alertPreferences: async () => ({ ...defaultPreferences(), 'health.drop': { enabled: false, email: 'off' } }) });
    await healthReport('u1', '2025-05', NOW, off.d);
    expect(off.alerts).toHaveLength(0);
    const same = deps(steady);
    await healthReport('u1', '2025-05', NOW, same.d);
    expect(same.alerts).toHaveLength(0);
  });

  it('counts budgets within limit, goals on track or reached, recurring expenses per month; lists advice for weak components first', async () => {
    const { d } = deps(steady, {
      budgetStatuses: async () => [{ status: 'on_track' }, { status: 'at_risk' }, { status: 'over' }, { status: 'on_track' }, { status: 'on_track' }],
      goalStatuses: async () => [{ status: 'reached' }, { status: 'off_track' }],
      recurringItems: async () => [
        { type: 'expense', period: 'monthly', averageAmount: 60_000, currency: 'EUR', status: 'confirmed' },
        { type: 'expense', period: 'yearly', averageAmount: 120_000, currency: 'EUR', status: 'detected' },
        { type: 'expense', period: 'monthly', averageAmount: 99_999, currency: 'EUR', status: 'ignored' },
        { type: 'expense', period: 'monthly', averageAmount: 5_000, currency: 'USD', status: 'detected' },
        { type: 'expense', period: 'monthly', averageAmount: 5_000, currency: 'JPY', status: 'detected' },
        { type: 'income', period: 'monthly', averageAmount: 300_000, currency: 'EUR', status: 'detected' },
      ],
      openAdvice: async () => [{ id: 'a-sav', kind: 'savings.rate' }, { id: 'a-goal', kind: 'goal.funding' }],
    });
    const r = await healthReport('u1', '2025-05', NOW, d);
    const byKey = Object.fromEntries(r.components.map((c) => [c.key, c]));
    expect(byKey.budget_adherence).toMatchObject({ value: 0.8, points: 7.5 });
    expect(byKey.goal_progress).toMatchObject({ value: 0.5, points: 6 });
    // (60,000 + 120,000 / 12 + 5,000 USD at 1.25 = 4,000) ÷ 300,000; the JPY one has no rate
    expect(byKey.recurring_burden?.value).toBeCloseTo(74_000 / 300_000, 4);
    expect(byKey.recurring_burden?.explanation).toContain('3 recurring payments (1 more without an exchange rate left out)');
    expect(r.adviceIds).toEqual(['a-goal', 'a-sav']);
  });

  it('reads one range of monthly rollups, from 6 months before the month to the current month, whatever the month', async () => {
    const ranges: [string, string][] = [];
    const { d } = deps(steady);
    const counting: HealthDeps = { ...d, rollupRange: (u, b, from, to) => (ranges.push([from, to]), d.rollupRange(u, b, from, to)) };
    await healthReport('u1', '2025-05', NOW, counting);
    await healthReport('u1', '2023-01', NOW, counting);
    expect(ranges).toEqual([['2024-11', '2025-06'], ['2022-07', '2025-06']]);
  });

  it('checks the last complete month for a drop without a request (a monthly job)', async () => {
    const { d, alerts } = deps({ ...steady, '2025-05': [300_000, 400_000, -100_000] });
    expect(await checkHealthDrop('u1', NOW, d)).toBeLessThanOrEqual(-10);
    expect(alerts.map((a) => a.evidence.month)).toEqual(['2025-05']);
  });
});
