import { formatAmount } from '../money/amount';
import { alertId, readableAmount, type AlertDraft } from './alert';

/** Fewer earlier expenses than this in the category and window: no verdict. */
export const MIN_HISTORY = 8;
/** Iglewicz and Hoaglin's cut-off for the modified z-score. */
export const Z_LIMIT = 3.5;
/** Days of history before the transaction's date. */
export const HISTORY_DAYS = 90;
/** Most earlier expenses read (the newest). */
export const HISTORY_LIMIT = 200;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export interface UnusualVerdict {
  unusual: boolean;
  method: string;
  median: number;
  mad: number;
  score: number | null;
  historySize: number;
}

/**
 * Whether `amount` is unusually LARGE against `history` (the same category's earlier expenses, base-currency minor
 * units): the modified z-score of Iglewicz and Hoaglin, 0.6745·(x − median)/MAD, above 3.5, with at least
 * {@link MIN_HISTORY} earlier expenses. When MAD is 0 (over half the history one amount) the mean absolute deviation
 * scaled by 1.253314 stands in for it; when that is 0 too (every amount the same), twice the median is the bar.
 */
export function unusualAmount(amount: number, history: number[]): UnusualVerdict {
  const n = history.length;
  if (n < MIN_HISTORY) return { unusual: false, method: `modified z-score (median/MAD), needs ${MIN_HISTORY} earlier expenses`, median: n ? median(history) : 0, mad: 0, score: null, historySize: n };
  const med = median(history);
  const mad = median(history.map((x) => Math.abs(x - med)));
  if (mad > 0) {
    const score = (0.6745 * (amount - med)) / mad;
    return { unusual: score > Z_LIMIT, method: `modified z-score 0.6745·(x−median)/MAD > ${Z_LIMIT} (Iglewicz–Hoaglin), ${HISTORY_DAYS} days of the category`, median: med, mad, score, historySize: n };
  }
  const meanAd = history.reduce((s, x) => s + Math.abs(x - med), 0) / n;
  if (meanAd > 0) {
    const score = (amount - med) / (1.253314 * meanAd);
    return { unusual: score > Z_LIMIT, method: `(x−median)/(1.253314·meanAD) > ${Z_LIMIT} (MAD is 0), ${HISTORY_DAYS} days of the category`, median: med, mad: 0, score, historySize: n };
  }
  return { unusual: amount >= 2 * med && amount > med, method: 'every earlier amount equal: x ≥ 2 × median', median: med, mad: 0, score: null, historySize: n };
}

/** The `transaction.unusual` alert of one transaction (one per transaction), or none. */
export function unusualAlert(t: { id: string; date: string; description: string; categoryId: string; baseAmount: number; baseCurrency: string }, history: number[]): AlertDraft | undefined {
  const v = unusualAmount(t.baseAmount, history);
  if (!v.unusual) return undefined;
  return {
    id: alertId('transaction.unusual', t.id),
    kind: 'transaction.unusual',
    severity: 'warning',
    title: `Unusual expense in ${t.categoryId}`,
    message: `“${t.description}” on ${t.date}: ${readableAmount(t.baseAmount, t.baseCurrency, formatAmount)} against a usual ${readableAmount(Math.round(v.median), t.baseCurrency, formatAmount)} in this category.`,
    evidence: {
      method: v.method,
      amount: t.baseAmount,
      currency: t.baseCurrency,
      categoryId: t.categoryId,
      median: v.median,
      mad: v.mad,
      score: v.score === null ? null : Math.round(v.score * 100) / 100,
      historySize: v.historySize,
      transactionId: t.id,
      transactionDate: t.date,
    },
    transactionId: t.id,
  };
}
