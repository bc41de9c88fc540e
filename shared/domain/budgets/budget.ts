import { ValidationError } from '../errors';
import { isCalendarDate } from '../ledger/calendar';
import { MAX_AMOUNT } from '../limits';
import type { BudgetPeriodKind } from './periods';
import type { Rollover } from './status';

/** Thresholds (percent of the available amount) a budget alerts at unless told otherwise. */
export const DEFAULT_THRESHOLDS: readonly number[] = Object.freeze([50, 80, 100]);
/** At most this many thresholds per budget. */
export const MAX_THRESHOLDS = 10;

/** A spending limit over a category (and its children) or over everything, per period, in the base currency. */
export interface Budget {
  id: string;
  name: string;
  /** null: overall (every category). */
  categoryId: string | null;
  period: BudgetPeriodKind;
  /** Minor units of the user's base currency, 1..MAX_AMOUNT. */
  amount: number;
  rollover: Rollover;
  /** Percent of the available amount, ascending, unique, 1..1000. */
  thresholds: number[];
  /** The first day of the budget's first period (rollover chains from there); null: the day it was created. */
  startDate: string | null;
}

/** What a caller sets. */
export type BudgetInput = Omit<Budget, 'id' | 'thresholds' | 'startDate'> & { thresholds?: number[]; startDate?: string | null };

/**
 * Checks a budget and normalises its thresholds (ascending, duplicates dropped).
 * @throws ValidationError naming every wrong field (paths without `body.`).
 */
export function validateBudget(input: BudgetInput & { id: string }): Budget {
  const errors: { path: string; message: string }[] = [];
  if (!Number.isSafeInteger(input.amount) || input.amount < 1 || input.amount > MAX_AMOUNT) errors.push({ path: 'amount', message: `must be 1 to ${MAX_AMOUNT} minor units` });
  const thresholds = [...new Set(input.thresholds ?? DEFAULT_THRESHOLDS)].sort((a, b) => a - b);
  if (thresholds.length > MAX_THRESHOLDS) errors.push({ path: 'thresholds', message: `at most ${MAX_THRESHOLDS} thresholds` });
  thresholds.forEach((t) => {
    if (!Number.isInteger(t) || t < 1 || t > 1000) errors.push({ path: 'thresholds', message: 'each must be a whole percent from 1 to 1000' });
  });
  const startDate = input.startDate ?? null;
  if (startDate !== null && !isCalendarDate(startDate)) errors.push({ path: 'startDate', message: 'must be a calendar date YYYY-MM-DD' });
  if (errors.length > 0) throw new ValidationError(`The budget is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors);
  return { id: input.id, name: input.name, categoryId: input.categoryId, period: input.period, amount: input.amount, rollover: input.rollover, thresholds, startDate };
}
