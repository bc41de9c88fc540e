import { mulberry32 } from '../../../../shared/domain/goals/feasibility';
import { addDays } from '../../../../shared/domain/ledger/calendar';
import { nextDate, type Period } from '../../../../shared/domain/recurring';
import type { TransactionView } from '../../../../shared/domain/recurring/series';

/**
 * A seeded synthetic ledger of one user: known subscriptions (every period, some with a price rise, a skipped
 * payment, shifted dates, a small variable amount) among irregular noise (groceries several times a week, coffee,
 * restaurants, dozens of random shops a few times each, a refund). `truth` names the subscriptions by merchant
 * description, with their period and price change.
 */

/** The same seeded generator the goal feasibility draws with (mulberry32). */
export const rng = mulberry32;

export interface Truth {
  description: string;
  period: Period;
  priceRise?: { from: number; to: number };
  skipped: boolean;
}

export interface SyntheticLedger {
  transactions: TransactionView[];
  truth: Truth[];
}

const SUBSCRIPTIONS: { description: string; period: Period; amount: number; type?: 'income' }[] = [
  { description: 'NETFLIX.COM', period: 'monthly', amount: 1299 },
  { description: 'SPOTIFY AB', period: 'monthly', amount: 999 },
  { description: 'Vodafone GmbH Mobilfunk', period: 'monthly', amount: 3499 },
  { description: 'Mortgage Payment', period: 'monthly', amount: 124744 },
  { description: 'PureGym Membership', period: 'monthly', amount: 2499 },
  { description: 'Allianz Versicherung', period: 'quarterly', amount: 18050 },
  { description: 'Council Tax', period: 'monthly', amount: 15600 },
  { description: 'Water Board', period: 'quarterly', amount: 9120 },
  { description: 'Amazon Prime Annual', period: 'yearly', amount: 8900 },
  { description: 'Domain Renewal Namecheap', period: 'yearly', amount: 1588 },
  { description: 'Veg Box Riverford', period: 'weekly', amount: 2250 },
  { description: 'Dog Walker Sam', period: 'weekly', amount: 3000 },
  { description: 'Cleaner Maria', period: 'fortnightly', amount: 6000 },
  { description: 'ACME Payroll Salary', period: 'fortnightly', amount: 210000, type: 'income' },
];

const SHOPS = ['Zara', 'IKEA', 'MediaMarkt', 'Decathlon', 'Boots', 'Primark', 'H&M', 'Apple Store', 'Currys', 'Argos', 'Lidl Garden', 'Waterstones', 'Hotel Ibis', 'Ryanair', 'Uber', 'Deliveroo', 'Shell Station', 'Esso', 'Cinema Odeon', 'Etsy'];

/** Days covered: three years, so yearly payments are seen three times and monthly ones hit the 36-entry bound. */
const SPAN_DAYS = 3 * 365;

export function syntheticLedger(seed: number, start = '2022-01-01'): SyntheticLedger {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const end = addDays(start, SPAN_DAYS);
  const transactions: TransactionView[] = [];
  let n = 0;
  const add = (description: string, date: string, amount: number, type: 'expense' | 'income' = 'expense', currency = 'EUR') => {
    transactions.push({ id: `t${seed}-${(n++).toString().padStart(5, '0')}`, type, amount, currency, date, description, categoryId: null, version: 1 });
  };
  const truth: Truth[] = [];
  // Each user has most subscriptions, each starting at a random point of the first year.
  for (const sub of SUBSCRIPTIONS) {
    if (r() < 0.2) continue;
    const rises = r() < 0.35;
    const skips = sub.period !== 'yearly' && r() < 0.4;
    const variable = r() < 0.3;
    const count = sub.period === 'yearly' ? 3 : Math.floor(((SPAN_DAYS - 200) / { weekly: 7, fortnightly: 14, monthly: 30.44, quarterly: 91.31, yearly: 365 }[sub.period]) * (0.5 + r() * 0.5));
    let date = addDays(start, Math.floor(r() * (sub.period === 'yearly' ? 20 : 150)));
    const riseAt = Math.max(3, Math.floor(count * (0.4 + r() * 0.3)));
    const skipAt = Math.max(2, Math.floor(count * r()));
    const newAmount = Math.round(sub.amount * (1.15 + r() * 0.2));
    const risen: boolean[] = [];
    for (let i = 0; i < count && date < end; i++) {
      const nominal = date;
      date = nextDate(date, sub.period);
      if (skips && i === skipAt) continue;
      const shift = Math.round((r() - 0.5) * (sub.period === 'weekly' ? 2 : sub.period === 'fortnightly' ? 3 : 6));
      const base = rises && i >= riseAt ? newAmount : sub.amount;
      const amount = variable ? Math.round(base * (1 + (r() - 0.5) * 0.1)) : base;
      add(sub.description, addDays(nominal, shift), amount, sub.type ?? 'expense');
      risen.push(base !== sub.amount);
    }
    // A rise counts when the series' last 36 payments show at least two payments on each side of it.
    const kept = risen.slice(-36);
    const visible = kept.filter(Boolean).length >= 2 && kept.filter((x) => !x).length >= 2;
    truth.push({ description: sub.description, period: sub.period, skipped: skips, ...(visible ? { priceRise: { from: sub.amount, to: newAmount } } : {}) });
  }
  // Noise: groceries 1–3 times a week, coffee most working days, restaurants now and then, random shops.
  for (let d = start; d < end; d = addDays(d, 1)) {
    if (r() < 0.3) add(pick(['TESCO STORES 3021', 'REWE Markt', 'Sainsburys', 'ALDI SUED']), d, 1500 + Math.floor(r() * 12000));
    if (r() < 0.5) add('STARBUCKS STORE #12345', d, 300 + Math.floor(r() * 400));
    if (r() < 0.06) add(pick(['Thai Restaurant', 'Pizza Express', 'Wagamama', 'Dishoom']), d, 2000 + Math.floor(r() * 8000));
    if (r() < 0.04) add(pick(SHOPS), d, 500 + Math.floor(r() * 30000));
    if (r() < 0.01) add('Zara refund', d, 2000 + Math.floor(r() * 5000), 'income');
  }
  return { transactions, truth };
}
