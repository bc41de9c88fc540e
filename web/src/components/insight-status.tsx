import { Link } from 'react-router';
import { formatDate, formatMoney, formatPercent } from '../lib/format';
import { minorOf, type BudgetStatus, type Goal } from './insight-api';
import s from './insight.module.css';
import { Money } from './money';

const PACE: Record<BudgetStatus['status'], { words: string; tone: string }> = {
  on_track: { words: 'On track', tone: 'good' },
  at_risk: { words: 'At risk', tone: 'warn' },
  over: { words: 'Over budget', tone: 'bad' },
};

const GOAL: Record<Goal['status'], { words: string; tone: string }> = {
  on_track: { words: 'On track', tone: 'good' },
  at_risk: { words: 'At risk', tone: 'warn' },
  off_track: { words: 'Off track', tone: 'bad' },
  reached: { words: 'Reached', tone: 'good' },
};

/** A status in words on a coloured badge: the words carry the meaning, the colour only repeats it. */
export function StatusBadge({ words, tone }: { words: string; tone: string }) {
  return <span className={`badge ${tone}`}>{words}</span>;
}

/** Share of a bar, 0–100, from minor units (over 100 % draws a full bar). */
function share(part: number, whole: number): number {
  if (whole <= 0) return part > 0 ? 100 : 0;
  return Math.max(0, Math.min(100, (part / whole) * 100));
}

/** One budget: spent against the available amount, its pace in words, and where the period is heading. */
export function BudgetPace({ b, currency }: { b: BudgetStatus; currency: string }) {
  const pace = PACE[b.status];
  const spent = minorOf(b.spent);
  const available = minorOf(b.available);
  const used = b.percentUsed == null ? '—' : formatPercent(b.percentUsed / 100);
  return (
    <li data-testid="budget-pace">
      <div className={s.head}>
        <strong>{b.name}</strong>
        <StatusBadge {...pace} />
      </div>
      <div className={pace.tone === 'good' ? 'bar' : `bar ${pace.tone}`} role="img" aria-label={`${used} of the budget used`}>
        <span style={{ width: `${share(spent, available)}%` }} />
      </div>
      <p className={`muted ${s.note}`}>
        <Money minor={spent} currency={currency} /> of <Money minor={available} currency={currency} /> ({used}); heading for{' '}
        <Money minor={minorOf(b.projected)} currency={currency} />
        {minorOf(b.projectedOverspend) > 0 && <> — {formatMoney(minorOf(b.projectedOverspend), currency)} over</>}
      </p>
    </li>
  );
}

export function BudgetPaceList({ items, currency }: { items: BudgetStatus[]; currency: string }) {
  return (
    <ul className={s.list}>
      {items.map((b) => (
        <BudgetPace key={b.budgetId} b={b} currency={currency} />
      ))}
    </ul>
  );
}

/** The odds of a goal in words: "72% chance by 31 Dec 2026", or why there are none. */
function odds(g: Goal): string {
  const p = g.feasibility.probability;
  if (p == null) return g.feasibility.basis.reason ? `No odds yet: ${g.feasibility.basis.reason}` : 'No odds yet';
  return `${formatPercent(p)} chance${g.targetDate ? ` by ${formatDate(g.targetDate)}` : ''}`;
}

/** One goal: saved of target, its status in words, the odds and the projected completion. */
export function GoalOdds({ g }: { g: Goal }) {
  return (
    <li data-testid="goal-odds">
      <div className={s.head}>
        <strong>{g.name}</strong>
        <StatusBadge {...GOAL[g.status]} />
      </div>
      <div className="bar" role="img" aria-label={`${formatPercent(g.percent / 100)} saved`}>
        <span style={{ width: `${Math.min(100, Math.max(0, g.percent))}%` }} />
      </div>
      <p className={`muted ${s.note}`}>
        <Money minor={minorOf(g.saved)} currency={g.currency} /> of <Money minor={g.targetAmount} currency={g.currency} /> · {odds(g)}
        {g.projectedCompletion ? ` · projected ${formatDate(g.projectedCompletion)}` : ''}
      </p>
    </li>
  );
}

export function GoalOddsList({ items }: { items: Goal[] }) {
  return (
    <ul className={s.list}>
      {items.map((g) => (
        <GoalOdds key={g.id} g={g} />
      ))}
    </ul>
  );
}

export function MoreLink({ to, children }: { to: string; children: string }) {
  return (
    <p className={s.note}>
      <Link to={to}>{children}</Link>
    </p>
  );
}
