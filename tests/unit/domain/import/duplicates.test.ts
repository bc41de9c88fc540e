import { describe, expect, it } from 'vitest';
import { findDuplicates, type DuplicateCandidate, type ExistingTransaction } from '../../../../shared/domain/import';

const existing: ExistingTransaction[] = [
  { id: 'tx-1', date: '2024-01-02', amount: -450, currency: 'USD', description: 'STARBUCKS STORE #12345 SEATTLE WA', accountId: 'checking' },
  { id: 'tx-2', date: '2024-01-03', amount: 285000, currency: 'USD', description: 'ACME CORP PAYROLL', bankId: 'FIT-2', accountId: 'checking' },
  { id: 'tx-3', date: '2024-01-10', amount: -1200, currency: 'USD', description: 'Monthly service fee', accountId: 'checking' },
];

function candidate(row: number, fields: Partial<DuplicateCandidate>): DuplicateCandidate {
  return { row, date: '2024-01-02', amount: -450, currency: 'USD', description: 'CARD PURCHASE 01/02 STARBUCKS #999 SEATTLE WA', accountId: 'checking', ...fields };
}

describe('findDuplicates', () => {
  it('matches the same bank id on the same account, whatever else differs', () => {
    const matches = findDuplicates([candidate(1, { bankId: 'FIT-2', amount: 1, description: 'x', date: '2024-02-01' })], existing);
    expect(matches).toEqual([{ row: 1, duplicateOf: { kind: 'existing', id: 'tx-2' }, reason: 'same bank id (FITID FIT-2)', rule: 'bank-id', days: 29 }]);
  });

  it('does not match a bank id of another account', () => {
    expect(findDuplicates([candidate(1, { bankId: 'FIT-2', accountId: 'savings', amount: 7 })], existing)).toEqual([]);
  });

  it('matches same amount and currency, dates within 3 days, same merchant', () => {
    // Act
    const matches = findDuplicates([candidate(1, { date: '2024-01-05' }), candidate(2, { date: '2024-01-08', amount: -1200, description: 'MONTHLY SERVICE FEE' })], existing);
    // Assess
    expect(matches).toEqual([
      { row: 1, duplicateOf: { kind: 'existing', id: 'tx-1' }, reason: 'same amount, date within 3 days and same description', rule: 'amount-date-description', days: 3 },
      { row: 2, duplicateOf: { kind: 'existing', id: 'tx-3' }, reason: 'same amount, date within 2 days and same description', rule: 'amount-date-description', days: 2 },
    ]);
  });

  it.each<[string, Partial<DuplicateCandidate>]>([
    ['4 days apart', { date: '2024-01-06' }],
    ['another amount', { amount: -451 }],
    ['the opposite sign', { amount: 450 }],
    ['another currency', { currency: 'CAD' }],
    ['another merchant', { description: 'PEETS COFFEE #12 SEATTLE WA' }],
  ])('does not match with %s', (_label, fields) => {
    expect(findDuplicates([candidate(1, fields)], existing)).toEqual([]);
  });

  it('lets each existing transaction absorb one candidate, the closest in date', () => {
    const list: ExistingTransaction[] = [
      { id: 'a', date: '2024-03-01', amount: -500, currency: 'EUR', description: 'Bakery' },
      { id: 'b', date: '2024-03-04', amount: -500, currency: 'EUR', description: 'Bakery' },
    ];
    const matches = findDuplicates(
      [
        { row: 1, date: '2024-03-03', amount: -500, currency: 'EUR', description: 'BAKERY' },
        { row: 2, date: '2024-03-02', amount: -500, currency: 'EUR', description: 'BAKERY' },
        { row: 3, date: '2024-03-02', amount: -500, currency: 'EUR', description: 'Bakery' },
      ],
      list,
    );
    expect(matches.map((m) => [m.row, m.duplicateOf])).toEqual([
      [1, { kind: 'existing', id: 'b' }],
      [2, { kind: 'existing', id: 'a' }],
      [3, { kind: 'file', row: 2 }],
    ]);
  });

  it('finds a repeated row inside the file, and a repeated bank id', () => {
    const matches = findDuplicates(
      [
        candidate(1, { date: '2024-02-01' }),
        candidate(2, { date: '2024-02-01' }),
        candidate(3, { date: '2024-02-02' }),
        candidate(4, { bankId: 'F1', amount: 1 }),
        candidate(5, { bankId: 'F1', amount: 2 }),
      ],
      [],
    );
    expect(matches).toEqual([
      { row: 2, duplicateOf: { kind: 'file', row: 1 }, reason: 'same amount, date within 0 days and same description', rule: 'amount-date-description', days: 0 },
      { row: 5, duplicateOf: { kind: 'file', row: 4 }, reason: 'same bank id (FITID F1)', rule: 'bank-id', days: 0 },
    ]);
  });

  it('never calls two transactions with different bank ids of one account duplicates', () => {
    const list: ExistingTransaction[] = [{ id: 'a', date: '2024-03-01', amount: -500, currency: 'EUR', description: 'Bakery', bankId: 'B1', accountId: 'acc' }];
    const matches = findDuplicates(
      [
        { row: 1, date: '2024-03-01', amount: -500, currency: 'EUR', description: 'Bakery', bankId: 'B2', accountId: 'acc' },
        { row: 2, date: '2024-03-01', amount: -500, currency: 'EUR', description: 'Bakery', bankId: 'B3', accountId: 'acc' },
        { row: 3, date: '2024-03-01', amount: -500, currency: 'EUR', description: 'Bakery', accountId: 'acc' },
      ],
      list,
    );
    expect(matches.map((m) => [m.row, m.duplicateOf])).toEqual([[3, { kind: 'existing', id: 'a' }]]);
  });

  it('uses merchant keys stored with the transactions instead of recomputing them', () => {
    const stored: ExistingTransaction[] = [{ id: 'k', date: '2024-01-02', amount: -450, currency: 'USD', description: 'anything', merchantKey: 'starbucks' }];
    expect(findDuplicates([candidate(1, {})], stored).map((m) => m.duplicateOf)).toEqual([{ kind: 'existing', id: 'k' }]);
    expect(findDuplicates([candidate(1, { merchantKey: 'peets' })], stored)).toEqual([]);
  });

  it('ignores rows with invalid dates for the date rule but still checks their bank id', () => {
    expect(findDuplicates([candidate(1, { date: 'garbage', bankId: 'FIT-2' })], existing)).toHaveLength(1);
    expect(findDuplicates([candidate(1, { date: 'garbage' })], existing)).toEqual([]);
  });

  it('handles 50,000 candidates against 100,000 transactions in a few seconds at most', () => {
    // Prepare: 2,000 merchants, amounts and dates spread over a year; every 10th candidate repeats an existing one.
    const merchants = Array.from({ length: 2000 }, (_, i) => `POS PURCHASE MERCHANT ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i / 26) | 0) % 26)} #${1000 + i} CITY`);
    const day = (n: number) => new Date(Date.UTC(2023, 0, 1 + (n % 365))).toISOString().slice(0, 10);
    const big: ExistingTransaction[] = Array.from({ length: 100_000 }, (_, i) => ({
      id: `e${i}`,
      date: day(i * 7),
      amount: -((i * 37) % 10_000) - 1,
      currency: 'EUR',
      description: merchants[i % merchants.length] ?? '',
      bankId: i % 2 ? `B${i}` : undefined,
      accountId: 'acc',
    }));
    const candidates: DuplicateCandidate[] = Array.from({ length: 50_000 }, (_, i) => {
      if (i % 10 === 0) {
        const source = big[i] as ExistingTransaction;
        return { row: i + 1, date: source.date, amount: source.amount, currency: 'EUR', description: `${source.description} `, accountId: 'acc' };
      }
      return { row: i + 1, date: day(i * 3), amount: -((i * 53) % 9_999) - 20_000, currency: 'EUR', description: merchants[(i * 7) % merchants.length] ?? '', bankId: `N${i}`, accountId: 'acc' };
    });
    const started = performance.now();
    // Act
    const matches = findDuplicates(candidates, big);
    const elapsed = performance.now() - started;
    // Assess
    expect(matches.filter((m) => m.duplicateOf.kind === 'existing')).toHaveLength(5000);
    expect(elapsed).toBeLessThan(5000);
  });
});
