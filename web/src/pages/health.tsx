import { Fragment, useState } from 'react';
import { Field } from '../components/field';
import { useHealth, type HealthReport } from '../components/insight-api';
import { MonthlyReportSection } from '../components/insight-report';
import s from '../components/insight.module.css';
import { Empty, QueryState } from '../components/states';
import { formatMonth, formatPercent, thisMonth } from '../lib/format';

type Component = HealthReport['components'][number];

const NAMES: Record<Component['key'], string> = {
  savings_rate: 'Savings rate',
  emergency_fund: 'Emergency fund',
  budget_adherence: 'Budget adherence',
  spending_stability: 'Spending stability',
  recurring_burden: 'Recurring burden',
  goal_progress: 'Goal progress',
};

/** Emergency fund is in months of expenses; every other component is a ratio. */
function figure(key: Component['key'], v: number): string {
  if (key === 'emergency_fund') return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(v)} months`;
  return formatPercent(v, 1);
}

const points = (n: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(n);

function Components({ items }: { items: Component[] }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Components of the score">
      <table data-testid="health-components">
        <caption className="visually-hidden">Components of the score</caption>
        <thead>
          <tr>
            <th scope="col">Component</th>
            <th scope="col" className="num">Value</th>
            <th scope="col" className="num">Target</th>
            <th scope="col" className="num">Points</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <Fragment key={c.key}>
              <tr className={s.noRule}>
                <th scope="row">{NAMES[c.key]}</th>
                <td className="num">{figure(c.key, c.value)}</td>
                <td className="num">{figure(c.key, c.target)}</td>
                <td className="num">
                  {points(c.points)} / {c.maxPoints}
                </td>
              </tr>
              {/* The explanation under its figures, full width: readable on a phone. */}
              <tr>
                <td colSpan={4} className="muted">
                  {c.explanation}
                </td>
              </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Score({ r }: { r: HealthReport }) {
  if (r.score == null) return <Empty title="No score for this month">The score needs income, spending or balances for the month.</Empty>;
  const d = r.change?.delta;
  return (
    <div className="card">
      <p style={{ margin: 0 }}>
        <span className={s.score} data-testid="health-score">
          {r.score}
        </span>{' '}
        out of 100
      </p>
      <p className={s.note} data-testid="health-change">
        {r.change == null || d === undefined ? 'No score for the previous month to compare with.' : d === 0 ? `Same as the previous month (${r.change.previousScore}).` : `${d > 0 ? 'Up' : 'Down'} ${Math.abs(d)} points from ${r.change.previousScore} the previous month.`}
      </p>
    </div>
  );
}

/** The financial-health report of a month: the score, its six components and the change from the month before. */
export default function Health() {
  const max = thisMonth();
  const [month, setMonth] = useState(max);
  const report = useHealth(month);
  return (
    <>
      <h1>Health</h1>
      <Field label="Month" type="month" max={max} min="1900-01" value={month} onChange={(e) => /^\d{4}-\d{2}$/.test(e.target.value) && e.target.value <= max && setMonth(e.target.value)} hint={formatMonth(month)} />
      <QueryState query={report} label="Working out the score…">
        {(r) => (
          <>
            <Score r={r} />
            <h2>Components</h2>
            <Components items={r.components} />
            <details className={s.note}>
              <summary>How the score is worked out</summary>
              <p className="muted">{r.method}</p>
            </details>
          </>
        )}
      </QueryState>
      <MonthlyReportSection month={month} />
    </>
  );
}
