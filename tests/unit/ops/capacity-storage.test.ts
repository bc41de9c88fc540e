import { describe, expect, it } from 'vitest';
import { billedBytes, ITEM_OVERHEAD_BYTES, steadyStateBytes, storedKinds, type ScannedItem } from '../../../infra/ops/capacity/storage';

const DAY = 86_400;
const tx = (size: number): ScannedItem => ({ kind: 'USER#<sub> TX', size, indexes: 2, indexBytes: 2 * size });

describe('capacity storage model', () => {
  it('bills the overhead on the table and on every index copy', () => {
    expect(billedBytes(tx(800))).toBe((800 + ITEM_OVERHEAD_BYTES) * 3);
    expect(billedBytes({ kind: 'k', size: 50, indexes: 0, indexBytes: 0 })).toBe(150);
    // An INCLUDE index keeps a smaller copy: 800 on the table, 120 projected, each with its overhead.
    expect(billedBytes({ kind: 'k', size: 800, indexes: 1, indexBytes: 120 })).toBe(800 + 120 + 2 * ITEM_OVERHEAD_BYTES);
  });

  it('counts only what the session added or grew, by kind', () => {
    const before = new Map<string, ScannedItem>([
      ['a', tx(800)],
      ['r', { kind: 'USER#<sub> ROLLUP', size: 300, indexes: 0, indexBytes: 0 }],
    ]);
    const after = new Map<string, ScannedItem>([
      ['a', tx(800)],
      ['b', tx(700)],
      ['r', { kind: 'USER#<sub> ROLLUP', size: 500, indexes: 0, indexBytes: 0 }],
    ]);
    const kinds = storedKinds(before, after, 12);
    expect(kinds.find((k) => k.kind === 'USER#<sub> TX')).toEqual({ kind: 'USER#<sub> TX', items: 1, bytes: 2400, retainedMonths: 12 });
    expect(kinds.find((k) => k.kind === 'USER#<sub> ROLLUP')).toEqual({ kind: 'USER#<sub> ROLLUP', items: 0, bytes: 200, retainedMonths: 12 });
  });

  it('keeps a kind for its TTL only when every item of it expires, never past the horizon', () => {
    const after = new Map<string, ScannedItem>([
      ['x1', { kind: 'APPLIED', size: 30, indexes: 0, indexBytes: 0, ttlSeconds: 15 * DAY }],
      ['x2', { kind: 'APPLIED', size: 30, indexes: 0, indexBytes: 0, ttlSeconds: 14 * DAY }],
      ['m1', { kind: 'MODEL', size: 30, indexes: 0, indexBytes: 0, ttlSeconds: 3 * DAY }],
      ['m2', { kind: 'MODEL', size: 30, indexes: 0, indexBytes: 0 }],
      ['a1', { kind: 'ALERT', size: 30, indexes: 1, indexBytes: 30, ttlSeconds: 400 * DAY }],
    ]);
    const months = Object.fromEntries(storedKinds(new Map(), after, 12).map((k) => [k.kind, k.retainedMonths]));
    expect(months.APPLIED).toBeCloseTo(0.5, 5);
    expect(months.MODEL).toBe(12);
    expect(months.ALERT).toBe(12);
  });

  it('scales to a month of writes and multiplies by retention', () => {
    const kinds = [
      { kind: 'kept', items: 1, bytes: 1000, retainedMonths: 12 },
      { kind: 'short', items: 1, bytes: 1000, retainedMonths: 0.5 },
    ];
    expect(steadyStateBytes(kinds, 2)).toBe(2 * 1000 * 12 + 2 * 1000 * 0.5);
  });
});
