import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { formatMoney, formatMonth } from '../lib/format';
import { minorOf, type Summary, type Trends } from './insight-api';
import s from './insight.module.css';
import { Empty, Loading } from './states';
import type { TrendPoint } from './chart-trend';

// uPlot rides in the chart's own chunk: the figures show before it has loaded.
const TrendChart = lazy(() => import('./chart-trend'));

/** The month in the trend series, as numbers (zeros when the month has no rollup). */
export function trendPoints(trends: Trends): TrendPoint[] {
  return trends.series.map((p) => ({ month: p.month, income: minorOf(p.income), expenses: minorOf(p.expenses), net: minorOf(p.net) }));
}

function Change({ now, before, currency, label }: { now: number; before: number | undefined; currency: string; label: string }) {
  if (before === undefined) return null;
  const d = now - before;
  const words = d === 0 ? 'same as' : d > 0 ? 'up on' : 'down on';
  return (
    <span className="muted" data-testid={`change-${label}`}>
      {d === 0 ? '' : `${formatMoney(Math.abs(d), currency)} `}
      {words} last month
    </span>
  );
}

/** This month's income, expenses and net in the base currency, each with its change against last month. */
export function MonthFigures({ summary, previous }: { summary: Summary; previous: TrendPoint | undefined }) {
  const c = summary.baseCurrency;
  if (summary.transactionCount === 0 && (!previous || (previous.income === 0 && previous.expenses === 0))) {
    return (
      <Empty title="No transactions this month yet">
        <p>
          <Link to="/transactions">Add a transaction</Link> or <Link to="/import">import a bank file</Link> to see your month here.
        </p>
      </Empty>
    );
  }
  const rows: [string, number, number | undefined][] = [
    ['Income', minorOf(summary.income), previous?.income],
    ['Expenses', minorOf(summary.expenses), previous?.expenses],
    ['Net', minorOf(summary.net), previous?.net],
  ];
  return (
    <dl className={s.figures} data-testid="month-figures">
      {rows.map(([label, value, before]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd data-testid={`figure-${label.toLowerCase()}`}>{formatMoney(value, c)}</dd>
          {before !== undefined && (
            <dd>
              <Change now={value} before={before} currency={c} label={label.toLowerCase()} />
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

/** The same figures as the chart, as a table for screen readers. */
function TrendTable({ points, currency }: { points: TrendPoint[]; currency: string }) {
  return (
    <table className="visually-hidden" data-testid="trend-table">
      <caption>Income, expenses and net by month</caption>
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Income</th>
          <th scope="col">Expenses</th>
          <th scope="col">Net</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.month}>
            <th scope="row">{formatMonth(p.month)}</th>
            <td>{formatMoney(p.income, currency)}</td>
            <td>{formatMoney(p.expenses, currency)}</td>
            <td>{formatMoney(p.net, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The trend of the last 12 months: a uPlot chart named by its caption, its data in a visually hidden table. */
export function TrendFigure({ points, currency }: { points: TrendPoint[]; currency: string }) {
  if (points.every((p) => p.income === 0 && p.expenses === 0)) {
    return <Empty title="No history yet">Your income and spending of the last 12 months will be drawn here.</Empty>;
  }
  const first = points[0]?.month ?? '';
  const last = points[points.length - 1]?.month ?? '';
  return (
    <figure aria-labelledby="trend-caption" style={{ margin: 0 }}>
      <figcaption id="trend-caption" className="muted">
        Income, expenses and net, {formatMonth(first)} to {formatMonth(last)}
      </figcaption>
      <Suspense fallback={<Loading label="Drawing the chart…" />}>
        <TrendChart points={points} currency={currency} />
      </Suspense>
      <TrendTable points={points} currency={currency} />
    </figure>
  );
}
