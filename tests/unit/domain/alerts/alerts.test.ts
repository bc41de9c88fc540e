import { describe, expect, it } from 'vitest';
import { alertId, goalAlerts, mergePreferences, paceAlert, thresholdAlerts, unusualAmount, type BudgetStatusView } from '../../../../shared/domain/alerts';

const status = (spent: number, over = 0, overrides: Partial<BudgetStatusView> = {}): BudgetStatusView => ({
  budgetId: 'b1',
  name: 'Food',
  period: { from: '2024-03-01', to: '2024-03-31' },
  thresholds: [50, 80, 100],
  available: 10000,
  spent,
  projected: spent + over,
  projectedOverspend: over,
  expectedByNow: 0,
  asOf: '2024-03-10',
  ...overrides,
});
const trigger = { transactionId: 't1', date: '2024-03-10' };

describe('alert ids', () => {
  it('are the same for the same facts and differ when any fact differs', () => {
    expect(alertId('budget.threshold', 'b1', '2024-03-01', '80')).toBe(alertId('budget.threshold', 'b1', '2024-03-01', '80'));
    const ids = new Set([alertId('budget.threshold', 'b1', '2024-03-01', '80'), alertId('budget.threshold', 'b1', '2024-03-01', '50'), alertId('budget.threshold', 'b1', '2024-04-01', '80'), alertId('budget.pace', 'b1', '2024-03-01', '80'), alertId('budget.threshold', 'b2', '2024-03-01', '80')]);
    expect(ids.size).toBe(5);
    // No ambiguity from concatenation: ("a#b", "") and ("a", "b#") differ.
    expect(alertId('goal.reached', 'a#b', '')).not.toBe(alertId('goal.reached', 'a', 'b#'));
  });
});

describe('budget.threshold (level-based)', () => {
  it('raises every threshold at or below the spending, exactly at the edge, none below', () => {
    expect(thresholdAlerts(status(4999), trigger, 'EUR')).toEqual([]);
    expect(thresholdAlerts(status(5000), trigger, 'EUR').map((a) => a.evidence.threshold)).toEqual([50]);
    expect(thresholdAlerts(status(8000), trigger, 'EUR').map((a) => a.evidence.threshold)).toEqual([50, 80]);
    const all = thresholdAlerts(status(12000), trigger, 'EUR');
    expect(all.map((a) => [a.evidence.threshold, a.severity])).toEqual([[50, 'info'], [80, 'warning'], [100, 'critical']]);
    expect(all[2]).toMatchObject({ budgetId: 'b1', transactionId: 't1', evidence: { spent: 12000, available: 10000, percentUsed: 120, transactionId: 't1' } });
    expect(all[2]?.message).toContain('100.00 EUR');
  });
  it('treats spending with nothing available as past every threshold', () => {
    expect(thresholdAlerts(status(1, 0, { available: 0 }), trigger, 'EUR')).toHaveLength(3);
    expect(thresholdAlerts(status(0, 0, { available: 0 }), trigger, 'EUR')).toHaveLength(0);
  });
});

describe('budget.pace', () => {
  it('is raised while under budget with a projected overspend, not otherwise', () => {
    expect(paceAlert(status(6000, 2000), trigger, 'EUR')).toMatchObject({ kind: 'budget.pace', evidence: { projectedOverspend: 2000 } });
    expect(paceAlert(status(6000, 0), trigger, 'EUR')).toBeUndefined();
    expect(paceAlert(status(10000, 2000), trigger, 'EUR')).toBeUndefined();
    expect(paceAlert(status(6000, 2000), trigger, 'EUR')?.id).toBe(paceAlert(status(7000, 500), { transactionId: 't2', date: '2024-03-12' }, 'EUR')?.id);
  });
});

describe('unusual amounts (modified z-score)', () => {
  const history = [1000, 1100, 950, 1200, 1050, 990, 1010, 1300];
  it('needs 8 earlier expenses', () => {
    expect(unusualAmount(100000, history.slice(0, 7)).unusual).toBe(false);
    expect(unusualAmount(100000, history).unusual).toBe(true);
  });
  it('matches 0.6745·(x − median)/MAD against 3.5', () => {
    const v = unusualAmount(1500, history);
    // median 1030; deviations 20 20 30 40 70 80 170 270 → MAD 55; 0.6745·470/55 = 5.764
    expect(v.median).toBe(1030);
    expect(v.mad).toBe(55);
    expect(v.score).toBeCloseTo(5.7640, 3);
    expect(v.unusual).toBe(true);
    expect(unusualAmount(1250, history).unusual).toBe(false); // 0.6745·220/55 = 2.70
    expect(unusualAmount(10, history).unusual).toBe(false); // unusually small is not an alert
  });
  it('falls back when MAD is 0', () => {
    const flat = [500, 500, 500, 500, 500, 500, 500, 500, 900];
    expect(unusualAmount(700, flat).method).toContain('meanAD');
    expect(unusualAmount(600, Array(8).fill(500)).unusual).toBe(false);
    expect(unusualAmount(1000, Array(8).fill(500)).unusual).toBe(true);
  });
});

describe('goal alerts', () => {
  const g = { goalId: 'g1', name: 'Bike', saved: 50000, targetAmount: 50000, currency: 'EUR', targetDate: '2024-12-31' };
  it('reached once per goal; off track once per goal and month', () => {
    expect(goalAlerts({ ...g, status: 'reached' }, '2024-03-10', { transactionId: 't1' }).map((a) => a.kind)).toEqual(['goal.reached']);
    const m1 = goalAlerts({ ...g, status: 'off_track' }, '2024-03-10', { transactionId: null });
    const m1b = goalAlerts({ ...g, status: 'off_track' }, '2024-03-28', { transactionId: null });
    const m2 = goalAlerts({ ...g, status: 'off_track' }, '2024-04-02', { transactionId: null });
    expect(m1[0]?.id).toBe(m1b[0]?.id);
    expect(m1[0]?.id).not.toBe(m2[0]?.id);
    expect(goalAlerts({ ...g, status: 'on_track' }, '2024-03-10', { transactionId: null })).toEqual([]);
  });
});

describe('preferences', () => {
  it('default every kind on, email off, and keep stored choices', () => {
    const p = mergePreferences({ 'budget.pace': { email: 'immediate' } });
    expect(p['budget.pace']).toEqual({ enabled: true, email: 'immediate' });
    expect(p['goal.reached']).toEqual({ enabled: true, email: 'off' });
  });
});
