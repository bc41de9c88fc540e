import { piecewise, round2, type Boundary } from './piecewise';

/** The components of the financial-health score, in the order the report lists them. */
export const COMPONENT_KEYS = ['savings_rate', 'emergency_fund', 'budget_adherence', 'spending_stability', 'recurring_burden', 'goal_progress'] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];

/** One component of the report: its figure, the figure that earns every point, and the points it earned. */
export interface HealthComponent {
  key: ComponentKey;
  /** The component's figure (a ratio, or months for the emergency fund), rounded to 4 decimals. */
  value: number;
  /** The figure that earns `maxPoints` (at or above it; at or below it for stability and recurring burden). */
  target: number;
  /** Points earned, 0..maxPoints, rounded to 2 decimals. */
  points: number;
  maxPoints: number;
  explanation: string;
}

/**
 * Each component's weight (they sum to 100) and its piecewise-linear scale: the share of the points at each
 * boundary, linear between boundaries, flat outside them. Every boundary is unit-tested at, just below and just
 * above its figure (tests/unit/domain/health).
 */
export const SCALES = Object.freeze({
  /** Savings rate: nothing at 0 % or less, 60 % of the points at 10 %, all at 20 % or more. */
  savings_rate: { maxPoints: 25, target: 0.2, boundaries: [{ x: 0, share: 0 }, { x: 0.1, share: 0.6 }, { x: 0.2, share: 1 }] },
  /** Emergency fund in months of expenses: nothing at 0, a third at 1 month, all at 3 months or more. */
  emergency_fund: { maxPoints: 20, target: 3, boundaries: [{ x: 0, share: 0 }, { x: 1, share: 1 / 3 }, { x: 3, share: 1 }] },
  /** Share of budgets within their limit: nothing at half or less, half the points at 80 %, all at 100 %. */
  budget_adherence: { maxPoints: 15, target: 1, boundaries: [{ x: 0.5, share: 0 }, { x: 0.8, share: 0.5 }, { x: 1, share: 1 }] },
  /** Coefficient of variation of monthly expenses: all at 10 % or less, half at 25 %, nothing at 50 % or more. */
  spending_stability: { maxPoints: 10, target: 0.1, boundaries: [{ x: 0.1, share: 1 }, { x: 0.25, share: 0.5 }, { x: 0.5, share: 0 }] },
  /** Recurring payments ÷ income: all at 25 % or less, half at 40 %, nothing at 60 % or more. */
  recurring_burden: { maxPoints: 15, target: 0.25, boundaries: [{ x: 0.25, share: 1 }, { x: 0.4, share: 0.5 }, { x: 0.6, share: 0 }] },
  /** Share of goals on track or reached: nothing at 0, 40 % of the points at half, all when every goal is. */
  goal_progress: { maxPoints: 15, target: 1, boundaries: [{ x: 0, share: 0 }, { x: 0.5, share: 0.4 }, { x: 1, share: 1 }] },
} satisfies Record<ComponentKey, { maxPoints: number; target: number; boundaries: readonly Boundary[] }>);

/** Unrounded points of a component at figure `x` (what the score sums). */
export function pointsAt(key: ComponentKey, x: number): number {
  const s = SCALES[key];
  return s.maxPoints * piecewise(s.boundaries, x);
}

const pct = (x: number) => `${round2(x * 100)} %`;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function component(key: ComponentKey, value: number, explanation: string): HealthComponent & { exactPoints: number } {
  const s = SCALES[key];
  const exactPoints = pointsAt(key, value);
  return { key, value: round4(value), target: s.target, points: round2(exactPoints), maxPoints: s.maxPoints, explanation, exactPoints };
}

/** A component with its unrounded points, which the score sums (the report drops `exactPoints`). */
export type ScoredComponent = ReturnType<typeof component>;

/**
 * Savings rate: (income − expenses) ÷ income over the months given (the report passes a trailing window), base
 * minor units. Left out (null) without income in the window.
 */
export function savingsRate(input: { income: number; expenses: number; from: string; to: string }): ScoredComponent | null {
  if (!(input.income > 0)) return null;
  const rate = (input.income - input.expenses) / input.income;
  return component('savings_rate', rate, `(income − expenses) ÷ income over ${input.from}..${input.to}: you kept ${pct(rate)} of ${input.income} (minor units); 20 % or more earns every point, 10 % 60 % of them, 0 % or less none.`);
}

/**
 * Emergency fund: liquid balances ÷ the median monthly expenses, in months. Left out (null) without a liquid
 * account or without expenses to measure against.
 */
export function emergencyFund(input: { liquidBalance: number | null; medianMonthlyExpenses: number; months: number }): ScoredComponent | null {
  if (input.liquidBalance === null || !(input.medianMonthlyExpenses > 0)) return null;
  const months = Math.max(0, input.liquidBalance) / input.medianMonthlyExpenses;
  return component('emergency_fund', months, `Checking, savings and cash accounts in the base currency hold ${input.liquidBalance} (minor units), ${round2(months)} months of the median monthly expenses (${input.medianMonthlyExpenses}) of ${input.months} months; 3 months or more earns every point, 1 month a third.`);
}

/** Budget adherence: the share of budgets whose spending is within their limit. Left out (null) without budgets. */
export function budgetAdherence(input: { budgets: number; within: number; asOf: string }): ScoredComponent | null {
  if (input.budgets <= 0) return null;
  const share = input.within / input.budgets;
  return component('budget_adherence', share, `${input.within} of ${input.budgets} budgets within their limit as of ${input.asOf} (the period containing that day); all earns every point, 80 % half, 50 % or fewer none.`);
}

/** Fewest months with expenses the stability figure is computed from. */
export const STABILITY_MIN_MONTHS = 3;

/**
 * Spending stability: the coefficient of variation (population standard deviation ÷ mean) of monthly expenses.
 * Left out (null) with fewer than {@link STABILITY_MIN_MONTHS} months or no spending.
 */
export function spendingStability(input: { expenses: readonly number[]; from: string; to: string }): ScoredComponent | null {
  const xs = input.expenses;
  if (xs.length < STABILITY_MIN_MONTHS) return null;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (!(mean > 0)) return null;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length;
  const cv = Math.sqrt(variance) / mean;
  return component('spending_stability', cv, `Coefficient of variation of monthly expenses over ${xs.length} months ${input.from}..${input.to}: ${pct(cv)}; 10 % or less earns every point, 25 % half, 50 % or more none.`);
}

/** Months in a recurring period (what a payment of that period costs per month: amount ÷ this). */
export const MONTHS_PER_PERIOD: Readonly<Record<string, number>> = Object.freeze({ weekly: 12 / 52, fortnightly: 12 / 26, monthly: 1, quarterly: 3, yearly: 12 });

/** The monthly cost of a recurring payment of `amount` each `period`. */
export function monthlyEquivalent(amount: number, period: string): number {
  const months = MONTHS_PER_PERIOD[period];
  return months === undefined ? 0 : amount / months;
}

/**
 * Recurring burden: recurring expenses per month ÷ monthly income. Left out (null) without recurring payments or
 * without income.
 */
export function recurringBurden(input: { monthlyRecurring: number; items: number; monthlyIncome: number; left?: number }): ScoredComponent | null {
  if (input.items <= 0 || !(input.monthlyIncome > 0)) return null;
  const burden = input.monthlyRecurring / input.monthlyIncome;
  const left = input.left ? ` (${input.left} more without an exchange rate left out)` : '';
  return component('recurring_burden', burden, `${input.items} recurring payments${left} cost ${Math.round(input.monthlyRecurring)} a month (minor units), ${pct(burden)} of the monthly income ${Math.round(input.monthlyIncome)}; 25 % or less earns every point, 40 % half, 60 % or more none.`);
}

/** Goal progress: the share of goals on track or reached. Left out (null) without goals. */
export function goalProgress(input: { goals: number; onTrack: number; asOf: string }): ScoredComponent | null {
  if (input.goals <= 0) return null;
  const share = input.onTrack / input.goals;
  return component('goal_progress', share, `${input.onTrack} of ${input.goals} goals on track or reached as of ${input.asOf}; all earns every point, half 40 % of them, none nothing.`);
}
