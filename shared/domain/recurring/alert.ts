import { alertId, readableAmount, type AlertDraft } from '../alerts/alert';
import { addDays } from '../ledger/calendar';
import { formatAmount } from '../money/amount';
import type { Detection } from './detect';
import type { Direction } from './series';

/** A price rise older than this (days before today) raises nothing: alerts are kept 400 days, so an id is never raised twice. */
export const PRICE_RISE_WINDOW_DAYS = 365;

/**
 * The `recurring.price_rise` alert of a detected recurring expense whose amount stepped up and stayed, or undefined
 * (no rise, income, or a rise dated more than {@link PRICE_RISE_WINDOW_DAYS} before `today`). Its id is a hash of
 * the recurring id and the date of the new price, so it is raised once whatever the delivery order.
 */
export function priceRiseAlert(item: Detection & { id: string; merchant: string; direction: Direction }, today: string): AlertDraft | undefined {
  const change = item.priceChange;
  if (!change || item.direction !== 'expense' || change.to <= change.from || change.since < addDays(today, -PRICE_RISE_WINDOW_DAYS)) return undefined;
  const rise = Math.round(((change.to - change.from) / change.from) * 1000) / 10;
  const latest = item.transactionIds.at(-1);
  return {
    id: alertId('recurring.price_rise', item.id, change.since),
    kind: 'recurring.price_rise',
    severity: 'warning',
    title: `${item.merchant}: the ${item.period} payment went up ${rise} %`,
    message: `Your ${item.period} payment to “${item.merchant}” is ${readableAmount(change.to, item.currency, formatAmount)} since ${change.since}, up from ${readableAmount(change.from, item.currency, formatAmount)}.`,
    evidence: { recurringId: item.id, merchant: item.merchant, period: item.period, from: change.from, to: change.to, currency: item.currency, since: change.since, risePercent: rise },
    ...(latest ? { transactionId: latest } : {}),
  };
}
