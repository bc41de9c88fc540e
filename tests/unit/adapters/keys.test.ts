import { describe, expect, it } from 'vitest';
import { keys } from '../../../shared/adapters/keys';

describe('transaction keys', () => {
  it('names the owner and id of a transaction item, and nothing for another kind of item', () => {
    expect(keys.transactionOf(keys.transaction('u1', '01ABC'))).toEqual({ userId: 'u1', id: '01ABC' });
    expect(keys.transactionOf(keys.account('u1', 'a1'))).toBeUndefined();
    expect(keys.transactionOf({ pk: 'USER#u1#TX', sk: 'TX#01ABC' })).toBeUndefined();
    expect(keys.transactionOf({ sk: 'TX#01ABC' })).toBeUndefined();
  });

  it('bounds a by-category date range around both sort-key forms (the date, and the older <date>#<id>)', () => {
    const inRange = (sk: string, from: string, to: string) => sk >= keys.byCategoryFrom(from) && sk <= keys.byCategoryTo(to);
    const { gsi4sk } = keys.byCategory('u1', 'c1', '2026-11-01');
    expect(gsi4sk).toBe('2026-11-01');
    for (const sk of [gsi4sk, '2026-11-01#01ABC', '2026-11-30', '2026-11-30#01XYZ']) expect(inRange(sk, '2026-11-01', '2026-11-30')).toBe(true);
    for (const sk of ['2026-10-31', '2026-10-31#01ABC', '2026-12-01', '2026-12-01#01ABC']) expect(inRange(sk, '2026-11-01', '2026-11-30')).toBe(false);
  });
});
