import type { paths } from '../api/schema';
import { formatDate, formatMoney, formatPercent } from '../lib/format';
import { sumToMinor, type Budget } from './plan-data';
import { ProgressBar } from './plan-ui';

type Json<T> = T extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;
export type BudgetStatus = Json<paths['/budgets/status']['get']>['items'][number];

const PERIOD: Record<Budget['period'], string> = { weekly: 'Weekly', monthly: 'Monthly', yearly: 'Yearly' };
const ROLLOVER: Record<Budget['rollover'], string> = { none: 'No rollover', positive: 'Leftover carries over', full: 'Leftover and overspend carry over' };
const TONE = { on_track: undefined, at_risk: 'warn', over: 'bad' } as const;
const BADGE = { on_track: 'badge good', at_risk: 'badge warn', over: 'badge bad' } as const;
const WORD = { on_track: 'On track', at_risk: 'At risk', over: 'Over budget' } as const;

/** One budget: its spending against what is available this period, the pace in words, and its settings. */
export function BudgetCard({ budget, status, categoryName, base, onEdit, onDelete }: { budget: Budget; status: BudgetStatus | undefined; categoryName: string; base: string; onEdit: () => void; onDelete: () => void }) {
  return (
    <article className="card" aria-labelledby={`budget-${budget.id}`}>
      <h2 id={`budget-${budget.id}`} style={{ marginTop: 0 }}>
        {budget.name}
      </h2>
      <p className="muted" style={{ marginTop: 0 }}>
        {PERIOD[budget.period]} · {categoryName} · {ROLLOVER[budget.rollover]} · limit {formatMoney(budget.amount, base)}
      </p>
      {status ? <StatusLines status={status} base={base} /> : <p className="muted">No spending counted yet.</p>}
      <div className="row" style={{ marginTop: '.75rem' }}>
        <button type="button" className="secondary" onClick={onEdit} aria-label={`Edit ${budget.name}`}>
          Edit
        </button>
        <button type="button" className="secondary" onClick={onDelete} aria-label={`Delete ${budget.name}`}>
          Delete
        </button>
      </div>
    </article>
  );
}

function StatusLines({ status: s, base }: { status: BudgetStatus; base: string }) {
  const m = (x: number | string) => formatMoney(sumToMinor(x), base);
  const available = sumToMinor(s.available);
  const spent = sumToMinor(s.spent);
  const ratio = available > 0 ? spent / available : spent > 0 ? 1 : 0;
  const spentText = `${m(s.spent)} spent of ${m(s.available)}${s.percentUsed === null ? '' : ` (${formatPercent(s.percentUsed / 100)})`}`;
  return (
    <>
      <p style={{ marginBottom: '.25rem' }}>
        <span className={BADGE[s.status]}>{WORD[s.status]}</span> {spentText}
      </p>
      <ProgressBar ratio={ratio} tone={TONE[s.status]} label={spentText} />
      <p>{paceWords(s, m)}</p>
      <p className="muted">
        {formatDate(s.period.from)} – {formatDate(s.period.to)}
        {sumToMinor(s.carriedOver) !== 0 && ` · ${m(s.carriedOver)} carried over from before`} · {sumToMinor(s.remaining) >= 0 ? `${m(s.remaining)} left` : `${m(-sumToMinor(s.remaining))} over`}
      </p>
      {s.pendingFx.count > 0 && <p className="muted">{s.pendingFx.count} expense(s) in other currencies wait for an exchange rate and are not counted yet.</p>}
    </>
  );
}

/** The pace in words: where spending stands against what was expected by today, and where it is heading. */
function paceWords(s: BudgetStatus, m: (x: number | string) => string): string {
  const basis = s.pace.method === 'pattern' ? `your spending pattern of the previous ${s.pace.periods} periods` : 'an even spread over the period (not enough history for a pattern yet)';
  const diff = sumToMinor(s.spent) - sumToMinor(s.expectedByNow);
  const versus = diff === 0 ? 'exactly on that pace' : `${m(Math.abs(diff))} ${diff < 0 ? 'below' : 'above'} that pace`;
  const expected = `By now ${m(s.expectedByNow)} was expected, from ${basis}: you are ${versus}.`;
  if (s.status === 'over') return `Spending is past what is available. ${expected}`;
  if (s.status === 'at_risk') return `At this pace it heads for ${m(s.projected)} by ${formatDate(s.period.to)}, ${m(s.projectedOverspend)} over. ${expected}`;
  return `At this pace it heads for ${m(s.projected)} by ${formatDate(s.period.to)}, within the limit. ${expected}`;
}
