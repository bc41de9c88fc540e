import { describe, expect, it } from 'vitest';
import { goalProgress, goalStatus, monthsLeft, withContribution, MAX_CONTRIBUTION_MONTHS, RECENT_CONTRIBUTIONS, type GoalRecord } from '../../../../shared/domain/goals';
import { ValidationError } from '../../../../shared/domain/errors';

const flat = (amount: number, count = 12) => Array.from({ length: count }, (_, i) => ({ month: `2023-${String(i + 1).padStart(2, '0')}`, amount: BigInt(amount) }));
const base = { goalId: 'g1', targetAmount: 1_200_000, targetDate: '2024-12-31', asOf: '2024-01-15', source: 'contributions' };

describe('goal progress', () => {
  it('counts the current month and the target month as months left, and none once the date has passed', () => {
    expect(monthsLeft('2024-01-15', '2024-12-31')).toBe(12);
    expect(monthsLeft('2024-01-15', '2024-01-20')).toBe(1);
    expect(monthsLeft('2024-01-15', '2024-01-14')).toBe(0);
  });

  it('needs the remainder over the months left, rounded up, and is on track when every month brings that', () => {
    // Prepare: 1,000.00 saved of 12,000.00, 12 months left, 1,000.00 a month in every past month
    const p = goalProgress({ ...base, saved: 100_000n, history: flat(100_000) });
    // Assess: 11,000.00 / 12 = 916.666… → 916.67 a month
    expect(p).toMatchObject({ saved: 100_000, remaining: 1_100_000, percent: 8.33, requiredMonthly: 91_667, averageMonthly: 100_000, status: 'on_track' });
    expect(p.feasibility.probability).toBe(1);
    // 1,100,000 / 100,000 = 11 months: January … November
    expect(p.projectedCompletion).toBe('2024-11-30');
  });

  it('is off track when the steady pace falls short (probability exactly 0), reached once saved covers the target', () => {
    const short = goalProgress({ ...base, saved: 0n, history: flat(50_000) });
    expect(short.status).toBe('off_track');
    expect(short.feasibility.probability).toBe(0);
    const reached = goalProgress({ ...base, saved: 1_300_000n, history: flat(0) });
    expect(reached).toMatchObject({ status: 'reached', remaining: 0, requiredMonthly: 0, percent: 108.33, projectedCompletion: null });
  });

  it('averages the latest three complete months, half-even, and projects nothing at a pace of zero or less', () => {
    const history = [...flat(0, 9), { month: '2023-10', amount: 10n }, { month: '2023-11', amount: 11n }, { month: '2023-12', amount: 0n }];
    expect(goalProgress({ ...base, saved: 0n, history }).averageMonthly).toBe(7);
    const none = goalProgress({ ...base, saved: 0n, history: flat(-100) });
    expect(none.projectedCompletion).toBeNull();
    expect(none.averageMonthly).toBe(-100);
  });

  it('without history says so: probability null, status at_risk (too little is known), average null', () => {
    const p = goalProgress({ ...base, saved: 0n, history: [] });
    expect(p).toMatchObject({ averageMonthly: null, status: 'at_risk', feasibility: { probability: null } });
  });

  it('without a target date needs nothing a month and is on track while the pace is positive', () => {
    const p = goalProgress({ ...base, targetDate: null, saved: 0n, history: flat(1) });
    expect(p).toMatchObject({ requiredMonthly: null, status: 'on_track', feasibility: { probability: null } });
  });

  it('maps probabilities to statuses at the documented thresholds', () => {
    const s = (probability: number) => goalStatus({ reached: false, monthsLeft: 3, probability, averageMonthly: 0n, requiredMonthly: 1n });
    expect([s(0.8), s(0.79), s(0.5), s(0.49)]).toEqual(['on_track', 'at_risk', 'at_risk', 'off_track']);
    expect(goalStatus({ reached: false, monthsLeft: 0, probability: null, averageMonthly: 5n, requiredMonthly: 1n })).toBe('off_track');
  });
});

describe('contributions kept in the goal', () => {
  const goal = (over: Partial<GoalRecord> = {}): GoalRecord => ({
    id: 'g', name: 'G', targetAmount: 100, currency: 'EUR', targetDate: null, accountId: null, startAmount: 0, contributions: {}, contributedEarlier: 0,
    recentContributions: [], contributionCount: 0, version: 1, createdAt: 'x', updatedAt: 'x', ...over,
  });
  const entry = (amount: number, date: string, i = 0) => ({ id: `c${i}`, amount, date, note: null, createdAt: 'x' });

  it('keeps a running total per month and the latest contributions, bounded however many come', () => {
    let g = goal();
    for (let i = 0; i < 200; i++) g = withContribution(g, entry(1, `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`, i), 'now');
    expect(Object.keys(g.contributions)).toHaveLength(MAX_CONTRIBUTION_MONTHS);
    expect(g.contributedEarlier).toBe(200 - MAX_CONTRIBUTION_MONTHS);
    expect(g.recentContributions).toHaveLength(RECENT_CONTRIBUTIONS);
    expect(g).toMatchObject({ contributionCount: 200, version: 201 });
    expect(Object.keys(g.contributions).sort()[0]).toBe('2006-09'); // the 81st month: the 80 oldest were folded
  });

  it('takes a withdrawal, and refuses a zero amount or one that would pass the ceiling', () => {
    const g = withContribution(withContribution(goal(), entry(500, '2024-03-02'), 'n'), entry(-200, '2024-03-09'), 'n');
    expect(g.contributions).toEqual({ '2024-03': 300 });
    expect(() => withContribution(g, entry(0, '2024-03-01'), 'n')).toThrow(ValidationError);
    expect(() => withContribution(goal({ startAmount: 10_000_000_000_000 }), entry(1, '2024-03-01'), 'n')).toThrow(/ceiling/);
  });
});
