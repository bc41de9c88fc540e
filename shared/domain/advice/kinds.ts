/**
 * The advice rules: each a pure function from the user's pre-computed aggregates (monthly rollups, budgets, goals'
 * suggestions, recurring payments, account balances, FX-valued currency flows) to advice, or none. No I/O.
 * Every amount is integer minor units of the base currency unless it says "native".
 */
import { formatAmount } from '../money/amount';
import { ADVICE_MODEL_VERSION, draft, type AdviceDraft } from './advice';

/** One month's rollup counters (`inc`, `exp`, `ce:<cat>`, `cur:<CUR>` …), safe integers. */
export interface MonthFields {
  month: string;
  fields: Readonly<Record<string, number>>;
}

/** A recurring payment as shared/use-cases/recurring.ts `recurringItems` answers it (the fields advice reads). */
export interface RecurringView {
  id: string;
  merchant: string;
  type?: 'expense' | 'income';
  categoryId: string | null;
  period: string;
  averageAmount: number;
  lastAmount: number;
  currency: string;
  lastDate: string;
  transactionIds: string[];
  priceChange?: { from: number; to: number; since: string };
  status: string;
}

/** A goal's status and its suggested cut (shared/use-cases/goals.ts). */
export interface GoalView {
  id: string;
  name: string;
  status: string;
  currency: string;
  suggestion: { monthlyGap: number; totalCut: number; closesGap: boolean; shortfall: number; months: string[]; cuts: { categoryId: string; median: number; cut: number; newMonthly: number }[] } | null;
}

/** One foreign currency's net flow in the last two complete months, valued at each month's rate and the earlier one. */
export interface CurrencyFlow {
  currency: string;
  /** Native signed net flow (`cur:<CUR>`: income +, expenses −) of the earlier and the later month. */
  prevNative: number;
  curNative: number;
  /** Base value of the earlier month's flow at the earlier month's rate. */
  prevBase: number;
  /** Base value of the later month's flow at the EARLIER month's rate (what it would have cost without a rate move). */
  curAtPrevRate: number;
  /** Base value of the later month's flow at its own rate. */
  curBase: number;
}

/** Everything the rules read. `months`: ascending, the current (partial) month last, up to 6 complete ones before. */
export interface AdviceInput {
  today: string;
  currency: string;
  months: MonthFields[];
  /** The income the user declared (profile), in the base currency; null when none or in another currency. */
  declaredIncome: number | null;
  /** Categories that already have a budget (null: an all-spending budget). */
  budgetedCategories: (string | null)[];
  recurring: RecurringView[];
  goals: GoalView[];
  /** Σ balances of checking, savings and cash accounts held in the base currency; null when there is none. */
  liquidBalance: number | null;
  fx: CurrencyFlow[];
}

// ── thresholds (named, so the evidence can state them) ───────────────────────────────────────────────────────────
/** Above-baseline: observed > baseline × 1.3 and at least this many minor units above it. */
export const ABOVE_BASELINE_RATIO = 1.3;
export const ABOVE_BASELINE_MIN = 2000;
/** Months of history (complete months before the current) the baseline needs at least, and reads at most. */
export const BASELINE_MIN_MONTHS = 3;
export const BASELINE_MAX_MONTHS = 6;
export const SAVINGS_TARGET_PERCENT = 20;
export const EMERGENCY_TARGET_MONTHS = 3;
/** Months over which a missing emergency fund is to be built (the impact: what to set aside a month). */
export const EMERGENCY_BUILD_MONTHS = 12;
export const SUGGESTED_BUDGETS_TOP = 5;
/** FX effect: at least this many minor units and this share of the month-over-month change. */
export const FX_EFFECT_MIN = 1000;
export const FX_EFFECT_MIN_SHARE = 0.1;

const PERIOD_PER_MONTH: Record<string, [number, number]> = { weekly: [52, 12], fortnightly: [26, 12], monthly: [1, 1], quarterly: [1, 3], yearly: [1, 12] };

/** A recurring amount per month (weekly × 52/12 …), rounded half up to the minor unit. */
export function monthlyEquivalent(amount: number, period: string): number {
  const [num, den] = PERIOD_PER_MONTH[period] ?? [1, 1];
  return Math.round((amount * num) / den);
}

/** Median of integers (the lower middle for an even count: an amount that was actually spent). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

const money = (minor: number, currency: string) => `${formatAmount(minor, currency)} ${currency}`;
const f = (m: MonthFields | undefined, name: string) => m?.fields[name] ?? 0;

/** The complete months before the current one (at most {@link BASELINE_MAX_MONTHS}), ascending, and the current one. */
function split(input: AdviceInput): { history: MonthFields[]; current: MonthFields | undefined } {
  const current = input.months.at(-1);
  const thisMonth = input.today.slice(0, 7);
  const hasCurrent = current?.month === thisMonth;
  const history = (hasCurrent ? input.months.slice(0, -1) : input.months).filter((m) => m.month < thisMonth).slice(-BASELINE_MAX_MONTHS);
  return { history, current: hasCurrent ? current : { month: thisMonth, fields: {} } };
}

const categoriesOf = (months: readonly MonthFields[]) => {
  const ids = new Set<string>();
  for (const m of months) for (const name of Object.keys(m.fields)) if (name.startsWith('ce:')) ids.add(name.slice(3));
  return [...ids].sort();
};

/**
 * `category.above_baseline`: this month's spending in a category so far against the median of the same category's
 * previous 3–6 complete months (robust to one odd month). Advice when observed > 1.3 × baseline and at least
 * 20.00 above it; impact = observed − baseline. One advice per category and month (dismissing it keeps it away
 * for that month).
 */
export function aboveBaseline(input: AdviceInput): AdviceDraft[] {
  const { history, current } = split(input);
  if (history.length < BASELINE_MIN_MONTHS || !current) return [];
  const out: AdviceDraft[] = [];
  for (const cat of categoriesOf([current])) {
    const observed = f(current, `ce:${cat}`);
    const baseline = median(history.map((m) => f(m, `ce:${cat}`)));
    const threshold = Math.max(Math.ceil(baseline * ABOVE_BASELINE_RATIO), baseline + ABOVE_BASELINE_MIN);
    if (observed <= threshold) continue;
    out.push(
      draft({
        kind: 'category.above_baseline',
        subject: cat,
        fingerprint: current.month,
        title: `${cat}: spending above your usual`,
        message: `You have spent ${money(observed, input.currency)} on ${cat} in ${current.month} so far; your usual month is ${money(baseline, input.currency)} (median of the ${history.length} months before).`,
        impact: { monthly: observed - baseline, currency: input.currency },
        evidence: {
          window: { from: history[0]?.month ?? current.month, to: current.month },
          baseline,
          observed,
          threshold,
          transactionIds: [],
          method: `median of the category's spend over the previous ${history.length} complete months; advice when this month exceeds max(baseline × ${ABOVE_BASELINE_RATIO}, baseline + ${ABOVE_BASELINE_MIN} minor units)`,
          modelVersion: ADVICE_MODEL_VERSION,
          details: { categoryId: cat, months: history.map((m) => ({ month: m.month, spent: f(m, `ce:${cat}`) })) },
        },
      }),
    );
  }
  return out;
}

const activeSubscriptions = (input: AdviceInput) =>
  input.recurring.filter((r) => (r.type ?? 'expense') === 'expense' && r.status !== 'ignored' && r.currency === input.currency).sort((a, b) => (a.id < b.id ? -1 : 1));

/** `subscriptions.total`: what the user's recurring payments cost a month together (at least two of them). */
export function subscriptionsTotal(input: AdviceInput): AdviceDraft[] {
  const subs = activeSubscriptions(input);
  if (subs.length < 2) return [];
  const each = subs.map((s) => ({ id: s.id, merchant: s.merchant, monthly: monthlyEquivalent(s.averageAmount, s.period) }));
  const total = each.reduce((a, s) => a + s.monthly, 0);
  const { history } = split(input);
  const income = median(history.map((m) => f(m, 'inc')));
  return [
    draft({
      kind: 'subscriptions.total',
      subject: 'all',
      fingerprint: subs.map((s) => `${s.id}:${s.averageAmount}`).join(','),
      title: `${subs.length} recurring payments cost ${money(total, input.currency)} a month`,
      message: `Your recurring payments (${each.map((s) => s.merchant).join(', ')}) add up to ${money(total, input.currency)} a month${income > 0 ? `, ${Math.round((total * 1000) / income) / 10} % of your usual income` : ''}. Review the ones you could cancel.`,
      impact: { monthly: total, currency: input.currency },
      evidence: {
        window: { from: subs.map((s) => s.lastDate).sort()[0] ?? input.today, to: input.today },
        baseline: income,
        observed: total,
        threshold: 0,
        transactionIds: subs.flatMap((s) => s.transactionIds.slice(-3)),
        method: 'Σ recurring expense payments in the base currency (not ignored), each as a monthly equivalent of its average amount (weekly × 52/12, quarterly ÷ 3, yearly ÷ 12); baseline: median monthly income',
        modelVersion: ADVICE_MODEL_VERSION,
        details: { subscriptions: each },
      },
    }),
  ];
}

/** `subscriptions.price_rise`: a recurring payment whose price stepped up and stayed; impact = the rise a month. */
export function priceRises(input: AdviceInput): AdviceDraft[] {
  return activeSubscriptions(input).flatMap((s) => {
      const pc = s.priceChange;
      if (!pc || pc.to <= pc.from) return [];
      const rise = monthlyEquivalent(pc.to, s.period) - monthlyEquivalent(pc.from, s.period);
      return draft({
        kind: 'subscriptions.price_rise',
        subject: s.id,
        fingerprint: `${pc.since}:${pc.from}:${pc.to}`,
        title: `${s.merchant} went up from ${money(pc.from, s.currency)} to ${money(pc.to, s.currency)}`,
        message: `${s.merchant} charges ${money(pc.to, s.currency)} since ${pc.since} instead of ${money(pc.from, s.currency)}: ${money(rise, s.currency)} more a month. Check whether the plan is still worth it or a cheaper one fits.`,
        impact: { monthly: rise, currency: s.currency },
        evidence: {
          window: { from: pc.since, to: s.lastDate },
          baseline: pc.from,
          observed: pc.to,
          threshold: pc.from,
          transactionIds: s.transactionIds.slice(-3),
          method: 'price step of a detected recurring payment that stayed (shared/domain/recurring); impact: the step as a monthly equivalent',
          modelVersion: ADVICE_MODEL_VERSION,
          details: { recurringId: s.id, period: s.period },
        },
      });
    });
}

/**
 * `subscriptions.unused`: a recurring payment whose category saw no other spending in each of the last 2 complete
 * months (the category's spend did not exceed the payment itself) — paid for, apparently not used. Impact: its
 * monthly cost.
 */
export function unusedSubscriptions(input: AdviceInput): AdviceDraft[] {
  const { history } = split(input);
  const recent = history.slice(-2);
  if (recent.length < 2) return [];
  const byCategory = new Map<string, RecurringView[]>();
  for (const s of activeSubscriptions(input)) if (s.categoryId !== null) byCategory.set(s.categoryId, [...(byCategory.get(s.categoryId) ?? []), s]);
  const [first, last] = recent as [MonthFields, MonthFields];
  const out: AdviceDraft[] = [];
  for (const [cat, list] of byCategory) {
    const ownMonthly = list.reduce((a, s) => a + monthlyEquivalent(s.averageAmount, s.period), 0);
    const spent = recent.map((m) => f(m, `ce:${cat}`));
    const other = spent.map((x) => x - ownMonthly);
    if (other.some((x) => x > 0)) continue;
    for (const s of list) {
      const monthly = monthlyEquivalent(s.averageAmount, s.period);
      out.push(
        draft({
          kind: 'subscriptions.unused',
          subject: s.id,
          fingerprint: last.month,
          title: `${s.merchant}: paid, but nothing else in ${cat}`,
          message: `Apart from ${s.merchant} (${money(monthly, s.currency)} a month) you spent nothing on ${cat} in ${recent.map((m) => m.month).join(' and ')}. If you no longer use it, cancelling saves ${money(monthly, s.currency)} a month.`,
          impact: { monthly, currency: s.currency },
          evidence: {
            window: { from: first.month, to: last.month },
            baseline: ownMonthly,
            observed: Math.max(...spent),
            threshold: ownMonthly,
            transactionIds: s.transactionIds.slice(-3),
            method: "the category's spend in each of the last 2 complete months did not exceed its recurring payments' monthly cost (no related spending)",
            modelVersion: ADVICE_MODEL_VERSION,
            details: { recurringId: s.id, categoryId: cat, spent: recent.map((m, i) => ({ month: m.month, spent: spent[i] })) },
          },
        }),
      );
    }
  }
  return out;
}

/**
 * `savings.rate`: the last complete month's (income − expenses) ÷ income against a 20 % target (income: the
 * rollup's, else the declared monthly income). Impact: the expenses to cut a month to reach the target.
 */
export function savingsRate(input: AdviceInput): AdviceDraft[] {
  const { history } = split(input);
  const last = history.at(-1);
  if (!last) return [];
  const income = f(last, 'inc') > 0 ? f(last, 'inc') : (input.declaredIncome ?? 0);
  const expenses = f(last, 'exp');
  if (income <= 0 || expenses <= 0) return [];
  const saved = income - expenses;
  const target = Math.ceil((income * SAVINGS_TARGET_PERCENT) / 100);
  if (saved >= target) return [];
  const ratePercent = Math.round((saved * 1000) / income) / 10;
  return [
    draft({
      kind: 'savings.rate',
      subject: 'month',
      fingerprint: last.month,
      title: `You saved ${ratePercent} % of your income in ${last.month}`,
      message: `In ${last.month} you earned ${money(income, input.currency)} and spent ${money(expenses, input.currency)}: a savings rate of ${ratePercent} % against a target of ${SAVINGS_TARGET_PERCENT} %. Spending ${money(target - saved, input.currency)} less a month reaches it.`,
      impact: { monthly: target - saved, currency: input.currency },
      evidence: {
        window: { from: last.month, to: last.month },
        baseline: income,
        observed: saved,
        threshold: target,
        transactionIds: [],
        method: `(income − expenses) ÷ income of the last complete month (income from the rollups, else the declared monthly income); target ${SAVINGS_TARGET_PERCENT} %`,
        modelVersion: ADVICE_MODEL_VERSION,
        details: { income, expenses, ratePercent, incomeSource: f(last, 'inc') > 0 ? 'rollups' : 'declared' },
      },
    }),
  ];
}

/**
 * `budgets.suggested`: for the top 5 categories by median spend over the last 3–6 complete months that have no
 * budget yet, a monthly budget of that median (rounded up to a whole unit of 100 minor). Impact: what keeping to
 * them would have saved in the last complete month. `POST /advice/{id}/apply` creates them.
 */
export function suggestedBudgets(input: AdviceInput): AdviceDraft[] {
  const { history } = split(input);
  if (history.length < BASELINE_MIN_MONTHS) return [];
  if (input.budgetedCategories.includes(null)) return [];
  const budgeted = new Set(input.budgetedCategories);
  const rows = categoriesOf(history)
    .filter((c) => !budgeted.has(c) && !c.startsWith('_'))
    .map((c) => ({ categoryId: c, median: median(history.map((m) => f(m, `ce:${c}`))) }))
    .filter((r) => r.median > 0)
    .sort((a, b) => b.median - a.median || (a.categoryId < b.categoryId ? -1 : 1))
    .slice(0, SUGGESTED_BUDGETS_TOP);
  if (rows.length === 0) return [];
  const budgets = rows.map((r) => ({ categoryId: r.categoryId, amount: Math.ceil(r.median / 100) * 100 }));
  const last = history.at(-1) as MonthFields;
  const over = budgets.reduce((a, b) => a + Math.max(0, f(last, `ce:${b.categoryId}`) - b.amount), 0);
  return [
    draft({
      kind: 'budgets.suggested',
      subject: 'budgets',
      fingerprint: budgets.map((b) => `${b.categoryId}:${b.amount}`).join(','),
      title: `Budgets for ${budgets.length} categories you spend most on`,
      message: `Monthly budgets at your usual spend: ${budgets.map((b) => `${b.categoryId} ${money(b.amount, input.currency)}`).join(', ')}. Apply them in one step; keeping to them would have saved ${money(over, input.currency)} in ${last.month}.`,
      impact: { monthly: over, currency: input.currency },
      evidence: {
        window: { from: history[0]?.month ?? last.month, to: last.month },
        baseline: rows.reduce((a, r) => a + r.median, 0),
        observed: budgets.reduce((a, b) => a + f(last, `ce:${b.categoryId}`), 0),
        threshold: budgets.reduce((a, b) => a + b.amount, 0),
        transactionIds: [],
        method: `median monthly spend over the last ${history.length} complete months, top ${SUGGESTED_BUDGETS_TOP} categories without a budget, rounded up to 100 minor units`,
        modelVersion: ADVICE_MODEL_VERSION,
        details: { budgets },
      },
      action: { budgets },
    }),
  ];
}

/** `goal.funding`: an off-track (or at-risk) goal and the discretionary cuts that would close its monthly gap. */
export function goalFunding(input: AdviceInput): AdviceDraft[] {
  const month = input.today.slice(0, 7);
  return input.goals.flatMap((g) => {
      const s = g.suggestion;
      if ((g.status !== 'off_track' && g.status !== 'at_risk') || !s || s.totalCut <= 0) return [];
      const cuts = s.cuts.filter((c) => c.cut > 0);
      return draft({
        kind: 'goal.funding',
        subject: g.id,
        fingerprint: month,
        title: `Fund “${g.name}”: ${money(s.totalCut, g.currency)} a month`,
        message: `“${g.name}” needs ${money(s.monthlyGap, g.currency)} a month more than you have been putting aside. ${cuts.map((c) => `${c.categoryId} from ${money(c.median, g.currency)} to ${money(c.newMonthly, g.currency)}`).join(', ')}${s.closesGap ? ' would close the gap.' : `; even then ${money(s.shortfall, g.currency)} a month is missing.`}`,
        impact: { monthly: s.totalCut, currency: g.currency },
        evidence: {
          window: { from: s.months[0] ?? month, to: s.months.at(-1) ?? month },
          baseline: s.cuts.reduce((a, c) => a + c.median, 0),
          observed: s.monthlyGap,
          threshold: s.totalCut,
          transactionIds: [],
          method: "the goal's suggestion (shared/domain/goals/suggestion.ts): the gap spread over discretionary categories in proportion to their median spend",
          modelVersion: ADVICE_MODEL_VERSION,
          details: { goalId: g.id, status: g.status, cuts, closesGap: s.closesGap, shortfall: s.shortfall },
        },
      });
    });
}

/**
 * `emergency.fund`: liquid balances (checking, savings, cash in the base currency) ÷ the median monthly expenses of
 * the last 3–6 complete months, against a target of 3 months. Impact: what to set aside a month to get there in 12.
 */
export function emergencyFund(input: AdviceInput): AdviceDraft[] {
  const { history } = split(input);
  if (history.length < BASELINE_MIN_MONTHS || input.liquidBalance === null) return [];
  const monthlyExpenses = median(history.map((m) => f(m, 'exp')));
  if (monthlyExpenses <= 0) return [];
  const target = monthlyExpenses * EMERGENCY_TARGET_MONTHS;
  const balance = Math.max(0, input.liquidBalance);
  if (balance >= target) return [];
  const covered = Math.floor((balance * 10) / monthlyExpenses) / 10;
  return [
    draft({
      kind: 'emergency.fund',
      subject: 'liquid',
      fingerprint: `${input.today.slice(0, 7)}:${Math.floor(covered)}`,
      title: `Your cash covers ${covered} months of expenses`,
      message: `Your checking, savings and cash accounts hold ${money(balance, input.currency)}, ${covered} months of your usual expenses (${money(monthlyExpenses, input.currency)}). A fund of ${EMERGENCY_TARGET_MONTHS}–6 months is advised: set aside ${money(Math.ceil((target - balance) / EMERGENCY_BUILD_MONTHS), input.currency)} a month to reach ${EMERGENCY_TARGET_MONTHS} months in a year.`,
      impact: { monthly: Math.ceil((target - balance) / EMERGENCY_BUILD_MONTHS), currency: input.currency },
      evidence: {
        window: { from: history[0]?.month ?? '', to: history.at(-1)?.month ?? '' },
        baseline: monthlyExpenses,
        observed: balance,
        threshold: target,
        transactionIds: [],
        method: `liquid balances (checking, savings, cash in the base currency) ÷ median monthly expenses of the last ${history.length} complete months; target ${EMERGENCY_TARGET_MONTHS} months, built over ${EMERGENCY_BUILD_MONTHS}`,
        modelVersion: ADVICE_MODEL_VERSION,
        details: { monthsCovered: covered },
      },
    }),
  ];
}

/**
 * `fx.effect`: how much of the change in foreign-currency flows between the last two complete months came from
 * exchange rates rather than spending: per currency, rate effect = later flow at its rate − the same flow at the
 * earlier rate; spending effect = the later flow at the earlier rate − the earlier flow. Advice when the rates
 * moved the base value by at least 10.00 and 10 % of the change. Impact: the extra cost a month the rates caused
 * (what it cost on top; 0 when rates helped).
 */
export function fxEffect(input: AdviceInput): AdviceDraft[] {
  const { history } = split(input);
  const [prev, last] = history.slice(-2);
  if (!prev || !last || input.fx.length === 0) return [];
  const rows = input.fx.map((c) => ({ currency: c.currency, rateEffect: c.curBase - c.curAtPrevRate, spendingEffect: c.curAtPrevRate - c.prevBase, prevNative: c.prevNative, curNative: c.curNative }));
  const rateEffect = rows.reduce((a, r) => a + r.rateEffect, 0);
  const spendingEffect = rows.reduce((a, r) => a + r.spendingEffect, 0);
  const change = rateEffect + spendingEffect;
  if (Math.abs(rateEffect) < FX_EFFECT_MIN || Math.abs(rateEffect) < FX_EFFECT_MIN_SHARE * Math.abs(change)) return [];
  // Flows are signed (expenses negative): a negative rate effect made the spending dearer.
  const extraCost = Math.max(0, -rateEffect);
  return [
    draft({
      kind: 'fx.effect',
      subject: rows.map((r) => r.currency).join(','),
      fingerprint: `${prev.month}:${last.month}`,
      title: `Exchange rates moved your ${rows.map((r) => r.currency).join('/')} spending by ${money(Math.abs(rateEffect), input.currency)}`,
      message: `From ${prev.month} to ${last.month} your flows in ${rows.map((r) => r.currency).join(', ')} changed by ${money(change, input.currency)} in ${input.currency}: ${money(rateEffect, input.currency)} from exchange rates and ${money(spendingEffect, input.currency)} from what you spent.`,
      impact: { monthly: extraCost, currency: input.currency },
      evidence: {
        window: { from: prev.month, to: last.month },
        baseline: input.fx.reduce((a, c) => a + c.prevBase, 0),
        observed: input.fx.reduce((a, c) => a + c.curBase, 0),
        threshold: Math.max(FX_EFFECT_MIN, Math.ceil(FX_EFFECT_MIN_SHARE * Math.abs(change))),
        transactionIds: [],
        method: 'per currency: rate effect = later native flow × (later rate − earlier rate), spending effect = (later − earlier native flow) × earlier rate; rates: the ECB reference rate of each month’s last day; flows from the monthly rollups’ cur:<CUR> fields',
        modelVersion: ADVICE_MODEL_VERSION,
        details: { currencies: rows, rateEffect, spendingEffect },
      },
    }),
  ];
}

/** Every rule, in the order advice is listed. */
export const RULES = [aboveBaseline, goalFunding, savingsRate, priceRises, unusedSubscriptions, subscriptionsTotal, suggestedBudgets, emergencyFund, fxEffect] as const;

/** Every advice the aggregates give (ids unique). */
export function adviceFor(input: AdviceInput): AdviceDraft[] {
  const all = RULES.flatMap((rule) => rule(input));
  return [...new Map(all.map((d) => [d.id, d])).values()];
}
