/**
 * A stored savings goal and how a contribution changes it. Contributions are kept INSIDE the goal item, bounded:
 * a running total per month for the latest {@link MAX_CONTRIBUTION_MONTHS} months that have any (older months are
 * folded into `contributedEarlier`), plus the latest {@link RECENT_CONTRIBUTIONS} contributions themselves (with
 * their notes). So a goal item never grows past a few kilobytes however many contributions it gets.
 */
import { ValidationError } from '../errors';
import { MAX_AMOUNT, MAX_AMOUNT_TEXT } from '../limits';

/** Months of contribution totals a goal keeps one by one (ten years); older ones are summed into one figure. */
export const MAX_CONTRIBUTION_MONTHS = 120;
/** Contributions a goal keeps in full (amount, date, note), newest first. */
export const RECENT_CONTRIBUTIONS = 20;

/** One contribution as recorded. */
export interface ContributionEntry {
  readonly id: string;
  /** Signed minor units of the goal's currency (a withdrawal is negative). */
  readonly amount: number;
  readonly date: string;
  readonly note: string | null;
  readonly createdAt: string;
}

export interface GoalRecord {
  id: string;
  name: string;
  /** Minor units of `currency`, 1 to MAX_AMOUNT. */
  targetAmount: number;
  currency: string;
  targetDate: string | null;
  /** Progress is this account's balance in `currency` when set; contributions are refused then. */
  accountId: string | null;
  /** Already saved when the goal was set up (contribution goals only; 0 for an account's). */
  startAmount: number;
  /** `YYYY-MM` → the month's net contributions, minor units. */
  contributions: Record<string, number>;
  /** Net contributions of months folded out of `contributions`. */
  contributedEarlier: number;
  recentContributions: ContributionEntry[];
  contributionCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Net contributions, all months. */
export function contributedTotal(g: Pick<GoalRecord, 'contributions' | 'contributedEarlier'>): bigint {
  let total = BigInt(g.contributedEarlier);
  for (const v of Object.values(g.contributions)) total += BigInt(v);
  return total;
}

/** What a contribution goal has saved: its start amount and every contribution. */
export function contributionSaved(g: Pick<GoalRecord, 'startAmount' | 'contributions' | 'contributedEarlier'>): bigint {
  return BigInt(g.startAmount) + contributedTotal(g);
}

/**
 * The goal after one more contribution (version + 1). The month's total changes; past
 * {@link MAX_CONTRIBUTION_MONTHS} months the oldest is folded into `contributedEarlier`.
 * @throws ValidationError when the amount is 0, or when what is saved (or a month's total) would pass ±MAX_AMOUNT.
 */
export function withContribution(g: GoalRecord, c: ContributionEntry, now: string): GoalRecord {
  if (c.amount === 0 || !Number.isSafeInteger(c.amount)) throw new ValidationError('A contribution must be a non-zero integer amount.', [{ path: 'body.amount', message: 'must not be 0' }]);
  const month = c.date.slice(0, 7);
  const monthTotal = (g.contributions[month] ?? 0) + c.amount;
  const saved = contributionSaved(g) + BigInt(c.amount);
  const ceiling = BigInt(MAX_AMOUNT);
  if (saved > ceiling || saved < -ceiling || Math.abs(monthTotal) > MAX_AMOUNT) {
    const message = `would take what the goal holds past ±${MAX_AMOUNT_TEXT} minor units (the ceiling of one amount)`;
    throw new ValidationError(`This contribution ${message}.`, [{ path: 'body.amount', message }]);
  }
  const contributions: Record<string, number> = { ...g.contributions, [month]: monthTotal };
  let earlier = g.contributedEarlier;
  const months = Object.keys(contributions).sort();
  for (const old of months.slice(0, Math.max(0, months.length - MAX_CONTRIBUTION_MONTHS))) {
    earlier += contributions[old] ?? 0;
    delete contributions[old];
  }
  return {
    ...g,
    contributions,
    contributedEarlier: earlier,
    recentContributions: [c, ...g.recentContributions].slice(0, RECENT_CONTRIBUTIONS),
    contributionCount: g.contributionCount + 1,
    version: g.version + 1,
    updatedAt: now,
  };
}
