import { describe, expect, it } from 'vitest';
import {
  budgetAdherence,
  emergencyFund,
  goalProgress,
  healthDropAlert,
  healthScore,
  monthlyEquivalent,
  piecewise,
  pointsAt,
  recurringBurden,
  SCALES,
  savingsRate,
  scoreChange,
  spendingStability,
  type ComponentKey,
} from '../../../../shared/domain/health';

const EPS = 1e-6;

/** [figure, expected points] exactly at each boundary, and just below and above it. */
const CASES: Record<ComponentKey, [number, number][]> = {
  // max 25: 0 → 0, 0.10 → 15, 0.20 → 25
  savings_rate: [
    [-0.5, 0], [0 - EPS, 0], [0, 0], [0 + EPS, 25 * 0.6 * (EPS / 0.1)],
    [0.05, 7.5], [0.1 - EPS, 15 - 150 * EPS], [0.1, 15], [0.1 + EPS, 15 + 100 * EPS],
    [0.15, 20], [0.2 - EPS, 25 - 100 * EPS], [0.2, 25], [0.2 + EPS, 25], [1, 25],
  ],
  // max 20: 0 → 0, 1 month → 20/3, 3 months → 20
  emergency_fund: [
    [0, 0], [0 + EPS, (20 / 3) * EPS], [0.5, 10 / 3], [1 - EPS, 20 / 3 - (20 / 3) * EPS], [1, 20 / 3], [1 + EPS, 20 / 3 + (20 / 3) * EPS / 1],
    [2, 40 / 3], [3 - EPS, 20 - (20 / 3) * EPS], [3, 20], [3 + EPS, 20], [12, 20],
  ],
  // max 15: 0.5 → 0, 0.8 → 7.5, 1 → 15
  budget_adherence: [
    [0, 0], [0.5 - EPS, 0], [0.5, 0], [0.5 + EPS, 25 * EPS], [0.65, 3.75], [0.8 - EPS, 7.5 - 25 * EPS], [0.8, 7.5], [0.8 + EPS, 7.5 + 37.5 * EPS], [0.9, 11.25], [1 - EPS, 15 - 37.5 * EPS], [1, 15],
  ],
  // max 10, lower is better: 0.1 → 10, 0.25 → 5, 0.5 → 0
  spending_stability: [
    [0, 10], [0.1 - EPS, 10], [0.1, 10], [0.1 + EPS, 10 - (5 / 0.15) * EPS], [0.25 - EPS, 5 + (5 / 0.15) * EPS], [0.25, 5], [0.25 + EPS, 5 - 20 * EPS], [0.5 - EPS, 20 * EPS], [0.5, 0], [0.5 + EPS, 0], [2, 0],
  ],
  // max 15, lower is better: 0.25 → 15, 0.4 → 7.5, 0.6 → 0
  recurring_burden: [
    [0, 15], [0.25 - EPS, 15], [0.25, 15], [0.25 + EPS, 15 - 50 * EPS], [0.4 - EPS, 7.5 + 50 * EPS], [0.4, 7.5], [0.4 + EPS, 7.5 - 37.5 * EPS], [0.5, 3.75], [0.6 - EPS, 37.5 * EPS], [0.6, 0], [0.6 + EPS, 0], [1.5, 0],
  ],
  // max 15: 0 → 0, 0.5 → 6, 1 → 15
  goal_progress: [
    [0, 0], [0 + EPS, 12 * EPS], [0.25, 3], [0.5 - EPS, 6 - 12 * EPS], [0.5, 6], [0.5 + EPS, 6 + 18 * EPS], [0.75, 10.5], [1 - EPS, 15 - 18 * EPS], [1, 15],
  ],
};

describe('piecewise', () => {
  it('is each boundary share exactly at its figure, linear between, flat outside', () => {
    const b = [{ x: 0, share: 0 }, { x: 0.1, share: 0.6 }, { x: 0.2, share: 1 }];
    expect(piecewise(b, 0)).toBe(0);
    expect(piecewise(b, 0.1)).toBe(0.6);
    expect(piecewise(b, 0.2)).toBe(1);
    expect(piecewise(b, -3)).toBe(0);
    expect(piecewise(b, 3)).toBe(1);
    expect(piecewise(b, 0.05)).toBeCloseTo(0.3, 12);
    expect(piecewise([], 1)).toBe(0);
  });
});

describe('component scales at and around every boundary', () => {
  for (const key of Object.keys(CASES) as ComponentKey[]) {
    it(`${key}: maxPoints ${SCALES[key].maxPoints}`, () => {
      for (const [x, points] of CASES[key]) expect(pointsAt(key, x), `${key} at ${x}`).toBeCloseTo(points, 9);
      // exactly at a boundary the points are exact, not approximately so
      for (const b of SCALES[key].boundaries) expect(pointsAt(key, b.x)).toBe(SCALES[key].maxPoints * b.share);
    });
  }
  it('weights sum to 100', () => {
    expect(Object.values(SCALES).reduce((a, s) => a + s.maxPoints, 0)).toBe(100);
  });
  it('every scale is monotonic between its boundaries (no jump at a boundary)', () => {
    for (const key of Object.keys(SCALES) as ComponentKey[]) {
      for (const b of SCALES[key].boundaries) {
        const at = pointsAt(key, b.x);
        expect(Math.abs(pointsAt(key, b.x - 1e-9) - at)).toBeLessThan(1e-6);
        expect(Math.abs(pointsAt(key, b.x + 1e-9) - at)).toBeLessThan(1e-6);
      }
    }
  });
});

describe('component figures from their inputs', () => {
  it('savings rate: exactly 0 %, 10 %, 20 % of income in minor units', () => {
    expect(savingsRate({ income: 100_000, expenses: 100_000, from: '2025-01', to: '2025-03' })).toMatchObject({ value: 0, points: 0, maxPoints: 25, target: 0.2 });
    expect(savingsRate({ income: 100_000, expenses: 90_000, from: '2025-01', to: '2025-03' })).toMatchObject({ value: 0.1, points: 15 });
    expect(savingsRate({ income: 100_000, expenses: 80_000, from: '2025-01', to: '2025-03' })).toMatchObject({ value: 0.2, points: 25 });
    expect(savingsRate({ income: 100_000, expenses: 80_100, from: '2025-01', to: '2025-03' })?.points).toBe(24.9);
    expect(savingsRate({ income: 100_000, expenses: 150_000, from: '2025-01', to: '2025-03' })).toMatchObject({ value: -0.5, points: 0 });
    expect(savingsRate({ income: 0, expenses: 5000, from: '2025-01', to: '2025-03' })).toBeNull();
  });
  it('emergency fund: months of median expenses; none without a liquid account or expenses', () => {
    expect(emergencyFund({ liquidBalance: 300_000, medianMonthlyExpenses: 100_000, months: 6 })).toMatchObject({ value: 3, points: 20, maxPoints: 20 });
    expect(emergencyFund({ liquidBalance: 299_999, medianMonthlyExpenses: 100_000, months: 6 })?.points).toBe(20);
    expect(emergencyFund({ liquidBalance: 299_000, medianMonthlyExpenses: 100_000, months: 6 })?.points).toBe(19.93);
    expect(emergencyFund({ liquidBalance: 100_000, medianMonthlyExpenses: 100_000, months: 6 })).toMatchObject({ value: 1, points: 6.67 });
    expect(emergencyFund({ liquidBalance: -5000, medianMonthlyExpenses: 100_000, months: 6 })).toMatchObject({ value: 0, points: 0 });
    expect(emergencyFund({ liquidBalance: null, medianMonthlyExpenses: 100_000, months: 6 })).toBeNull();
    expect(emergencyFund({ liquidBalance: 1000, medianMonthlyExpenses: 0, months: 6 })).toBeNull();
  });
  it('budget adherence: share within limit at 50 %, 80 %, 100 %', () => {
    expect(budgetAdherence({ budgets: 10, within: 5, asOf: '2025-03-31' })).toMatchObject({ value: 0.5, points: 0 });
    expect(budgetAdherence({ budgets: 10, within: 8, asOf: '2025-03-31' })).toMatchObject({ value: 0.8, points: 7.5 });
    expect(budgetAdherence({ budgets: 10, within: 10, asOf: '2025-03-31' })).toMatchObject({ value: 1, points: 15 });
    expect(budgetAdherence({ budgets: 10, within: 9, asOf: '2025-03-31' })).toMatchObject({ value: 0.9, points: 11.25 });
    expect(budgetAdherence({ budgets: 0, within: 0, asOf: '2025-03-31' })).toBeNull();
  });
  it('spending stability: coefficient of variation; none under 3 months or without spending', () => {
    expect(spendingStability({ expenses: [1000, 1000, 1000], from: 'a', to: 'b' })).toMatchObject({ value: 0, points: 10 });
    // mean 1000, population sd 100 → exactly 10 %
    expect(spendingStability({ expenses: [900, 1100, 900, 1100], from: 'a', to: 'b' })).toMatchObject({ value: 0.1, points: 10 });
    // sd 250 → 25 %
    expect(spendingStability({ expenses: [750, 1250, 750, 1250], from: 'a', to: 'b' })).toMatchObject({ value: 0.25, points: 5 });
    // sd 500 → 50 %
    expect(spendingStability({ expenses: [500, 1500, 500, 1500], from: 'a', to: 'b' })).toMatchObject({ value: 0.5, points: 0 });
    expect(spendingStability({ expenses: [1000, 1000], from: 'a', to: 'b' })).toBeNull();
    expect(spendingStability({ expenses: [0, 0, 0], from: 'a', to: 'b' })).toBeNull();
  });
  it('recurring burden: monthly equivalents ÷ income at 25 %, 40 %, 60 %', () => {
    expect(monthlyEquivalent(1200, 'yearly')).toBe(100);
    expect(monthlyEquivalent(300, 'quarterly')).toBe(100);
    expect(monthlyEquivalent(100, 'monthly')).toBe(100);
    expect(monthlyEquivalent(1200, 'weekly')).toBeCloseTo(5200, 9);
    expect(monthlyEquivalent(1200, 'fortnightly')).toBeCloseTo(2600, 9);
    expect(recurringBurden({ monthlyRecurring: 25_000, items: 3, monthlyIncome: 100_000 })).toMatchObject({ value: 0.25, points: 15 });
    expect(recurringBurden({ monthlyRecurring: 40_000, items: 3, monthlyIncome: 100_000 })).toMatchObject({ value: 0.4, points: 7.5 });
    expect(recurringBurden({ monthlyRecurring: 60_000, items: 3, monthlyIncome: 100_000 })).toMatchObject({ value: 0.6, points: 0 });
    expect(recurringBurden({ monthlyRecurring: 0, items: 0, monthlyIncome: 100_000 })).toBeNull();
    expect(recurringBurden({ monthlyRecurring: 5000, items: 1, monthlyIncome: 0 })).toBeNull();
  });
  it('goal progress: share on track or reached at 0, 50 %, 100 %', () => {
    expect(goalProgress({ goals: 4, onTrack: 0, asOf: 'x' })).toMatchObject({ value: 0, points: 0 });
    expect(goalProgress({ goals: 4, onTrack: 2, asOf: 'x' })).toMatchObject({ value: 0.5, points: 6 });
    expect(goalProgress({ goals: 4, onTrack: 4, asOf: 'x' })).toMatchObject({ value: 1, points: 15 });
    expect(goalProgress({ goals: 0, onTrack: 0, asOf: 'x' })).toBeNull();
  });
});

describe('score', () => {
  it('is 100 with every component at its target, 0 with every one at its worst', () => {
    const best = healthScore([
      savingsRate({ income: 100, expenses: 80, from: 'a', to: 'b' }),
      emergencyFund({ liquidBalance: 300, medianMonthlyExpenses: 100, months: 6 }),
      budgetAdherence({ budgets: 1, within: 1, asOf: 'x' }),
      spendingStability({ expenses: [1, 1, 1], from: 'a', to: 'b' }),
      recurringBurden({ monthlyRecurring: 1, items: 1, monthlyIncome: 100 }),
      goalProgress({ goals: 1, onTrack: 1, asOf: 'x' }),
    ]);
    expect(best).toMatchObject({ score: 100, missing: [] });
    expect(best.components.map((c) => c.key)).toEqual(['savings_rate', 'emergency_fund', 'budget_adherence', 'spending_stability', 'recurring_burden', 'goal_progress']);
    expect(best.components[0]).not.toHaveProperty('exactPoints');
    const worst = healthScore([savingsRate({ income: 100, expenses: 200, from: 'a', to: 'b' }), goalProgress({ goals: 2, onTrack: 0, asOf: 'x' })]);
    expect(worst.score).toBe(0);
  });
  it('leaves out components without data and rescales over the rest, saying so', () => {
    // savings 10 % → 15 of 25; budgets 80 % → 7.5 of 15: 22.5 / 40 = 56.25 → 56
    const s = healthScore([savingsRate({ income: 100, expenses: 90, from: 'a', to: 'b' }), null, budgetAdherence({ budgets: 5, within: 4, asOf: 'x' }), null, null, null]);
    expect(s.score).toBe(56);
    expect(s.missing).toEqual(['emergency_fund', 'spending_stability', 'recurring_burden', 'goal_progress']);
    for (const c of s.components) expect(c.explanation).toContain('rescaled over 40 points');
  });
  it('rounds half up: 50.5 → 51', () => {
    // savings 10.1 %: 25·(0.6 + 0.4·0.1) = 16 of 25; goals 1 of 2: 6 of 15 → 22/40 = 55 — use two exact halves instead
    const s = healthScore([budgetAdherence({ budgets: 200, within: 170, asOf: 'x' }), goalProgress({ goals: 1, onTrack: 0, asOf: 'x' })]);
    // budgets 85 %: 7.5 + 7.5·0.25 = 9.375 of 15; goals 0 of 15 → 9.375/30 = 31.25 → 31
    expect(s.score).toBe(31);
    const half = healthScore([goalProgress({ goals: 1, onTrack: 1, asOf: 'x' }), budgetAdherence({ budgets: 10, within: 8, asOf: 'x' }), savingsRate({ income: 100, expenses: 100, from: 'a', to: 'b' }), emergencyFund({ liquidBalance: 0, medianMonthlyExpenses: 1, months: 3 }), spendingStability({ expenses: [1, 1, 1], from: 'a', to: 'b' }), recurringBurden({ monthlyRecurring: 100, items: 1, monthlyIncome: 100 })]);
    // 15 + 7.5 + 0 + 0 + 10 + 0 = 32.5 of 100 → 33
    expect(half.score).toBe(33);
  });
  it('is null with no component', () => {
    expect(healthScore([null, null])).toMatchObject({ score: null, components: [] });
  });
});

describe('drop alert', () => {
  it('fires at a drop of exactly 10 points, not at 9, with one id per month', () => {
    expect(scoreChange(70, 80)).toEqual({ previousScore: 80, delta: -10 });
    expect(scoreChange(null, 80)).toBeNull();
    expect(scoreChange(70, null)).toBeNull();
    const at10 = healthDropAlert('2025-03', 70, scoreChange(70, 80), []);
    expect(at10).toMatchObject({ kind: 'health.drop', severity: 'warning', evidence: { month: '2025-03', score: 70, previousScore: 80, delta: -10 } });
    expect(healthDropAlert('2025-03', 71, scoreChange(71, 80), [])).toBeNull();
    expect(healthDropAlert('2025-03', 90, scoreChange(90, 80), [])).toBeNull();
    expect(healthDropAlert('2025-03', 40, scoreChange(40, 80), [])?.id).toBe(at10?.id);
    expect(healthDropAlert('2025-04', 40, scoreChange(40, 80), [])?.id).not.toBe(at10?.id);
  });
});
