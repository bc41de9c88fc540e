import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_MAX_MONTHS, feasibility, type MonthFlow } from '../../../../shared/domain/goals';

const months = (amounts: number[]): MonthFlow[] => amounts.map((a, i) => ({ month: `2024-${String(i + 1).padStart(2, '0')}`, amount: BigInt(a) }));

/** xorshift32: a generator unrelated to the one under test, so the check is independent. */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** The probability estimated directly: `draws` sums of `n` months drawn uniformly with replacement. */
function monteCarlo(values: number[], n: number, remaining: number, draws: number, seed: number): number {
  const random = xorshift(seed);
  let hits = 0;
  for (let d = 0; d < draws; d++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random() * values.length)] ?? 0;
    if (sum >= remaining) hits++;
  }
  return hits / draws;
}

/** A seeded, skewed history: a salary surplus with a few expensive months. */
function randomHistory(seed: number, count = 12): number[] {
  const random = xorshift(seed);
  return Array.from({ length: count }, () => Math.round(40_000 + 30_000 * (random() - 0.5) - (random() < 0.25 ? 60_000 * random() : 0)));
}

describe('feasibility', () => {
  it('is exactly 1 when every month brings the same and that is enough, exactly 0 when it is not', () => {
    // Prepare: 500.00 a month for 10 months against 5,000.00 (just enough) and 5,000.01 (one cent short)
    const history = months(Array(12).fill(50_000));
    // Act
    const enough = feasibility({ seed: 'g1', remaining: 500_000n, monthsLeft: 10, history, source: 'contributions' });
    const short = feasibility({ seed: 'g1', remaining: 500_001n, monthsLeft: 10, history, source: 'contributions' });
    // Assess
    expect(enough.probability).toBe(1);
    expect(short.probability).toBe(0);
    expect(enough.method).toBe('deterministic');
    expect(enough.basis).toMatchObject({ count: 12, monthsLeft: 10, remaining: 500_000 });
    expect(enough.basis.figures).toEqual(Array(12).fill(50_000));
  });

  it('is 0 when no month ever brings anything, whatever the spread of zeros and losses would have been', () => {
    expect(feasibility({ seed: 'g', remaining: 1n, monthsLeft: 60, history: months([0, 0, 0]), source: 's' }).probability).toBe(0);
    expect(feasibility({ seed: 'g', remaining: 1n, monthsLeft: 60, history: months([-5, -10, 0]), source: 's' }).probability).toBe(0);
  });

  it('is 1 when even the worst month repeated every month is enough', () => {
    const p = feasibility({ seed: 'g', remaining: 10_000n, monthsLeft: 10, history: months([1_000, 2_000, 5_000]), source: 's' });
    expect(p.probability).toBe(1);
    expect(p.method).toBe('bootstrap');
  });

  it.each([
    [6, 7],
    [12, 11],
    [24, 12],
    [36, 13],
  ])('matches an independent 100,000-draw Monte-Carlo estimate within 0.02 (%i months left, seed %i)', (n, seed) => {
    // Prepare: a skewed random history, and a remaining amount near the median outcome (where the error is largest)
    const values = randomHistory(seed);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const remaining = Math.round(n * mean);
    // Act
    const p = feasibility({ seed: `goal-${seed}`, remaining: BigInt(remaining), monthsLeft: n, history: months(values), source: 's' });
    const expected = monteCarlo(values, n, remaining, 100_000, 0xc0ffee + seed);
    // Assess
    expect(p.method).toBe('bootstrap');
    expect(p.probability).not.toBeNull();
    expect(expected).toBeGreaterThan(0.2);
    expect(expected).toBeLessThan(0.8);
    expect(Math.abs((p.probability ?? -1) - expected)).toBeLessThanOrEqual(0.02);
  });

  it.each([
    [1, 0.97],
    [30, 1.0],
    [60, 1.02],
    [200, 0.99],
  ])('past the bootstrap horizon (+%i months), its normal approximation matches a direct Monte-Carlo within 0.02 (target at %f × the mean)', (extra, factor) => {
    const values = randomHistory(99 + extra);
    const n = BOOTSTRAP_MAX_MONTHS + extra;
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const remaining = Math.round(n * mean * factor);
    const p = feasibility({ seed: 'long', remaining: BigInt(remaining), monthsLeft: n, history: months(values), source: 's' });
    const expected = monteCarlo(values, n, remaining, 100_000, 4242 + extra);
    expect(p.method).toBe('normal-approximation');
    expect(expected).toBeGreaterThan(0.05);
    expect(expected).toBeLessThan(0.95);
    expect(Math.abs((p.probability ?? -1) - expected)).toBeLessThanOrEqual(0.02);
  });

  it('gives the same answer for the same goal and figures, so a reader sees a stable number', () => {
    const input = { seed: 'same', remaining: 300_000n, monthsLeft: 8, history: months(randomHistory(3)), source: 's' };
    expect(feasibility(input)).toEqual(feasibility(input));
    expect(feasibility(input).basis.seed).toEqual(expect.any(Number));
  });

  it('is null with the reason without a target date or without history, 0 once the date has passed, 1 once reached', () => {
    expect(feasibility({ seed: 'g', remaining: 10n, monthsLeft: null, history: months([1]), source: 's' })).toMatchObject({ probability: null, basis: { reason: 'the goal has no target date' } });
    expect(feasibility({ seed: 'g', remaining: 10n, monthsLeft: 5, history: [], source: 's' })).toMatchObject({ probability: null, method: 'none', basis: { reason: expect.stringContaining('no complete month') } });
    expect(feasibility({ seed: 'g', remaining: 10n, monthsLeft: 0, history: months([100]), source: 's' })).toMatchObject({ probability: 0 });
    expect(feasibility({ seed: 'g', remaining: 0n, monthsLeft: 0, history: [], source: 's' })).toMatchObject({ probability: 1 });
    expect(feasibility({ seed: 'g', remaining: 10n, monthsLeft: 5, history: months([100]), source: 's', unavailable: 'other currency' })).toMatchObject({ probability: null, basis: { reason: 'other currency' } });
  });

  it('uses at most the latest 12 months, and stays exact with flows near the ceiling of one amount', () => {
    const history = months([...Array(6).fill(1), ...Array(12).fill(10_000_000_000_000)].slice(0, 12)).concat(months(Array(6).fill(10_000_000_000_000)).map((m, i) => ({ ...m, month: `2025-0${i + 1}` })));
    const p = feasibility({ seed: 'big', remaining: 100_000_000_000_000_000n, monthsLeft: 10_000, history, source: 's' });
    expect(p.basis.count).toBe(12);
    expect(p.basis.remaining).toBe('100000000000000000');
    expect(p.probability).toBe(1);
  });
});
