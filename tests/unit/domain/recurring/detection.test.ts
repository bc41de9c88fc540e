import { describe, expect, it } from 'vitest';
import { merchantKey } from '../../../../shared/domain/ledger/merchant';
import { applyChange, changesOf, detectRecurring, emptySeries, fitAmounts, fitTiming, isLapsed, nextDate, seriesId, type Detection, type Occurrence, type Series } from '../../../../shared/domain/recurring';
import type { TransactionView } from '../../../../shared/domain/recurring/series';
import { rng, syntheticLedger, type Truth } from './synthetic-ledger';

const occ = (date: string, amount: number, i = 0, currency = 'EUR'): Occurrence => ({ transactionId: `t${i}-${date}`, date, amount, currency, categoryId: 'subscriptions' });
const monthly = (from: string, count: number, amount: (i: number) => number, shift: (i: number) => number = () => 0): Occurrence[] => {
  const out: Occurrence[] = [];
  let d = from;
  for (let i = 0; i < count; i++) {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    const shifted = new Date(Date.UTC(y, m - 1, day + shift(i))).toISOString().slice(0, 10);
    out.push(occ(shifted, amount(i), i));
    d = nextDate(d, 'monthly');
  }
  return out;
};

/** Feeds every transaction through the incremental series (as the consumer does) and detects on each series. */
function detectAll(transactions: TransactionView[]): Map<string, Detection> {
  const series = new Map<string, Series>();
  for (const t of transactions) {
    for (const c of changesOf(null, t)) {
      const id = seriesId(c.direction, c.merchant);
      series.set(id, applyChange(series.get(id) ?? emptySeries(c.direction, c.merchant), c));
    }
  }
  const out = new Map<string, Detection>();
  for (const s of series.values()) {
    const d = detectRecurring(s.entries);
    if (d) out.set(`${s.direction}/${s.merchant}`, d);
  }
  return out;
}

describe('timing and amount fits', () => {
  it('names each period from its gaps and refuses irregular ones', () => {
    const dates = (start: string, step: number, n: number) => Array.from({ length: n }, (_, i) => new Date(Date.parse(start) + i * step * 86_400_000).toISOString().slice(0, 10));
    expect(fitTiming(dates('2024-01-01', 7, 8))?.period).toBe('weekly');
    expect(fitTiming(dates('2024-01-01', 14, 6))?.period).toBe('fortnightly');
    expect(fitTiming(dates('2024-01-01', 91, 4))?.period).toBe('quarterly');
    expect(fitTiming(['2021-03-01', '2022-03-02', '2023-02-27'])?.period).toBe('yearly');
    expect(fitTiming(['2024-01-01', '2024-01-04', '2024-01-15', '2024-01-17', '2024-02-09', '2024-02-10'])).toBeUndefined();
  });
  it('finds a step that stayed, and not a single odd amount', () => {
    const ds = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(fitAmounts([999, 999, 999, 1299, 1299, 1299], ds)?.priceChange).toEqual({ from: 999, to: 1299, since: 'd' });
    expect(fitAmounts([999, 1099, 1099, 1099, 1099, 1099], ds)?.priceChange).toBeUndefined();
    expect(fitAmounts([4100, 3950, 4020, 4600, 4710, 4650], ds)?.priceChange).toEqual({ from: 4020, to: 4650, since: 'd' });
    expect(fitAmounts([999, 999, 999, 999, 999, 1299], ds)?.priceChange).toBeUndefined();
    expect(fitAmounts([1000, 5000, 200, 3000, 800, 7000], ds)).toBeUndefined();
  });
  it('calls a payment lapsed once it and the next one are overdue beyond the tolerance', () => {
    expect(isLapsed('monthly', '2024-03-05', '2024-04-10')).toBe(false);
    expect(isLapsed('monthly', '2024-03-05', '2024-04-11')).toBe(true);
    expect(isLapsed('weekly', '2024-03-05', '2024-03-14')).toBe(false);
    expect(isLapsed('weekly', '2024-03-05', '2024-03-15')).toBe(true);
    expect(isLapsed('yearly', '2024-03-05', '2025-03-26')).toBe(false);
  });
  it('keeps the day of the month for the next date (clamped to the month)', () => {
    expect(nextDate('2024-01-31', 'monthly')).toBe('2024-02-29');
    expect(nextDate('2024-11-15', 'quarterly')).toBe('2025-02-15');
    expect(nextDate('2024-02-29', 'yearly')).toBe('2025-02-28');
    expect(nextDate('2024-12-30', 'fortnightly')).toBe('2025-01-13');
  });
});

describe('detectRecurring', () => {
  it('detects a monthly subscription with shifted dates and a skipped month, and its next date', () => {
    const series = monthly('2024-01-05', 12, () => 1299, (i) => [0, 2, -3, 1, 0, 3, -2, 0, 1, -1, 2, 0][i] ?? 0).filter((_, i) => i !== 6);
    const d = detectRecurring(series);
    expect(d?.period).toBe('monthly');
    expect(d?.nextExpectedDate).toBe('2025-01-05');
    expect(d?.averageAmount).toBe(1299);
    expect(d?.priceChange).toBeUndefined();
    expect(d?.transactionIds).toHaveLength(11);
    expect(d?.confidence).toBeGreaterThan(0.7);
  });
  it('reports a price rise that stayed, with its date', () => {
    const d = detectRecurring(monthly('2024-01-10', 10, (i) => (i < 6 ? 999 : 1199)));
    expect(d?.priceChange).toEqual({ from: 999, to: 1199, since: '2024-07-10' });
    expect(d?.lastAmount).toBe(1199);
    expect(d?.averageAmount).toBe(1199);
  });
  it('finds the subscription among one-off purchases at the same merchant', () => {
    const subs = monthly('2024-01-03', 8, () => 899);
    const extra = [occ('2024-02-17', 4599, 90), occ('2024-05-09', 2350, 91), occ('2024-06-21', 12999, 92)];
    const d = detectRecurring([...extra, ...subs]);
    expect(d?.period).toBe('monthly');
    expect(d?.transactionIds).toEqual(subs.map((o) => o.transactionId));
  });
  it('keeps to the currency of the latest payment', () => {
    const eur = monthly('2024-01-03', 6, () => 899);
    const usd = [occ('2024-08-11', 1000, 50, 'USD')];
    expect(detectRecurring([...eur, ...usd])).toBeUndefined();
    expect(detectRecurring([occ('2023-12-11', 1000, 50, 'USD'), ...eur])?.currency).toBe('EUR');
  });
  it('needs enough occurrences, and is more confident with more', () => {
    expect(detectRecurring(monthly('2024-01-03', 2, () => 899))).toBeUndefined();
    const few = detectRecurring(monthly('2024-01-03', 3, () => 899));
    const many = detectRecurring(monthly('2024-01-03', 12, () => 899));
    expect(few && many && few.confidence < many.confidence).toBe(true);
  });
  it('ignores random grocery shopping', () => {
    const r = rng(7);
    const list: Occurrence[] = [];
    let day = 0;
    for (let i = 0; i < 36; i++) {
      day += 1 + Math.floor(r() * 9);
      list.push(occ(new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10), 1500 + Math.floor(r() * 9000), i));
    }
    expect(detectRecurring(list)).toBeUndefined();
  });
});

describe('series converge whatever the delivery order', () => {
  const t = (id: string, date: string, description: string, version = 1, amount = 999): TransactionView => ({ id, type: 'expense', amount, currency: 'EUR', date, description, categoryId: null, version });
  const run = (events: [TransactionView | null, TransactionView | null][]): Series => {
    let s = emptySeries('expense', 'netflix');
    for (const [b, a] of events) for (const c of changesOf(b, a)) if (c.merchant === 'netflix') s = applyChange(s, c);
    return s;
  };
  it('duplicates, reorders, a moved-away description and a delete end in the same set', () => {
    const a1 = t('a', '2024-01-05', 'NETFLIX.COM');
    const b1 = t('b', '2024-02-05', 'NETFLIX.COM');
    const b2 = t('b', '2024-02-05', 'Disney Plus', 2);
    const c1 = t('c', '2024-03-05', 'NETFLIX.COM');
    const d1 = t('d', '2024-04-05', 'NETFLIX.COM', 1, 999);
    const d2 = t('d', '2024-04-05', 'NETFLIX.COM', 2, 1299);
    const events: [TransactionView | null, TransactionView | null][] = [
      [null, a1],
      [null, b1],
      [b1, b2],
      [null, c1],
      [c1, null],
      [null, d1],
      [d1, d2],
    ];
    const expected = run(events);
    expect(expected.entries.map((e) => [e.transactionId, e.amount])).toEqual([
      ['a', 999],
      ['d', 1299],
    ]);
    const r = rng(3);
    for (let trial = 0; trial < 50; trial++) {
      const shuffled = [...events, ...events.filter(() => r() < 0.5)].sort(() => r() - 0.5);
      expect(run(shuffled).entries).toEqual(expected.entries);
    }
  });
});

/** Scores detections against the truth: a hit needs the right merchant and period (and a rise found when there was one). */
function score(seed: number) {
  const { transactions, truth } = syntheticLedger(seed);
  const found = detectAll(transactions);
  const wanted = new Map<string, Truth>(truth.map((x) => [`${transactions.find((t) => t.description === x.description)?.type ?? 'expense'}/${merchantKey(x.description)}`, x]));
  let tp = 0;
  let rises = 0;
  let risesFound = 0;
  const misses: string[] = [];
  const falsePositives: string[] = [];
  for (const [key, d] of found) {
    const x = wanted.get(key);
    if (x && x.period === d.period) tp++;
    else falsePositives.push(`${key} as ${d.period}`);
  }
  for (const [key, x] of wanted) {
    if (found.get(key)?.period !== x.period) misses.push(`${key} (${x.period})`);
    if (x.priceRise) {
      rises++;
      const pc = found.get(key)?.priceChange;
      if (pc && pc.to > pc.from) risesFound++;
    }
  }
  return { tp, detected: found.size, truth: wanted.size, rises, risesFound, misses, falsePositives, transactions: transactions.length };
}

describe('must show: precision and recall on synthetic ledgers', () => {
  it('finds the known subscriptions among noise with precision and recall ≥ 0.9, price rises included', () => {
    let tp = 0;
    let detected = 0;
    let truth = 0;
    let rises = 0;
    let risesFound = 0;
    let transactions = 0;
    const misses: string[] = [];
    const falsePositives: string[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const s = score(seed);
      tp += s.tp;
      detected += s.detected;
      truth += s.truth;
      rises += s.rises;
      risesFound += s.risesFound;
      transactions += s.transactions;
      misses.push(...s.misses.map((m) => `${seed}:${m}`));
      falsePositives.push(...s.falsePositives.map((m) => `${seed}:${m}`));
    }
    const precision = tp / detected;
    const recall = tp / truth;
    console.log(
      `recurring detection on 20 synthetic ledgers (${transactions} transactions, ${truth} subscriptions): precision ${precision.toFixed(3)} (${tp}/${detected}), recall ${recall.toFixed(3)} (${tp}/${truth}), price rises found ${risesFound}/${rises}` +
        (misses.length ? `; missed: ${misses.join(', ')}` : '') +
        (falsePositives.length ? `; false positives: ${falsePositives.join(', ')}` : ''),
    );
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(risesFound / rises).toBeGreaterThanOrEqual(0.9);
  });
});
