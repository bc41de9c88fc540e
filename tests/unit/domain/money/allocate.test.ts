import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors';
import { allocate, MAX_PARTS, splitEvenly } from '../../../../shared/domain/money';

describe('splitEvenly', () => {
  it.each([
    [100, 3, [34, 33, 33]],
    [-100, 3, [-34, -33, -33]],
    [1, 3, [1, 0, 0]],
    [-1, 3, [-1, 0, 0]],
    [0, 4, [0, 0, 0, 0]],
    [10, 1, [10]],
    [5, 5, [1, 1, 1, 1, 1]],
    [Number.MAX_SAFE_INTEGER, 2, [4503599627370496, 4503599627370495]],
  ])('splits %d into %d parts as %j', (total, parts, expected) => {
    expect(splitEvenly(total, parts)).toEqual(expected);
  });

  it.each([0, -1, 1.5, MAX_PARTS + 1, NaN])('refuses %d parts', (parts) => {
    expect(() => splitEvenly(100, parts)).toThrow(ValidationError);
  });
});

describe('allocate', () => {
  it.each([
    [1000, [50, 30, 20], [500, 300, 200]],
    [100, [1, 1, 1], [34, 33, 33]],
    [100, [0, 1, 0], [0, 100, 0]],
    [10, [3, 3, 3, 1], [3, 3, 3, 1]],
    [7, [2, 2, 3], [2, 2, 3]],
    // exact shares 3.33…, 3.33…, 3.33… → the first gets the odd unit
    [10, [1, 1, 1], [4, 3, 3]],
    // shares 0.6, 0.3, 0.1 of 1 → the largest remainder wins
    [1, [6, 3, 1], [1, 0, 0]],
    // shares 4.5, 4.5, 1 of 10: 4, 4, 1 then one unit left → the earlier of the tied remainders
    [10, [45, 45, 10], [5, 4, 1]],
    [-10, [45, 45, 10], [-5, -4, -1]],
  ])('allocates %d by %j as %j', (total, weights, expected) => {
    // Act
    const parts = allocate(total, weights);
    // Assess
    expect(parts).toEqual(expected);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('keeps precision when total × weight exceeds 2^53', () => {
    // Act
    const parts = allocate(Number.MAX_SAFE_INTEGER, [Number.MAX_SAFE_INTEGER, 1]);
    // Assess
    expect(parts).toEqual([Number.MAX_SAFE_INTEGER - 1, 1]);
  });

  it.each([
    [[], 'non-empty'],
    [[0, 0], 'must not all be zero'],
    [[1, -1], 'weights[1]'],
    [[1, 0.5], 'weights[1]'],
    [[1, NaN], 'weights[1]'],
  ])('refuses weights %j', (weights, message) => {
    expect(() => allocate(100, weights)).toThrow(message);
  });

  it('refuses a non-integer total', () => {
    expect(() => allocate(1.5, [1])).toThrow('total must be an integer');
  });
});
