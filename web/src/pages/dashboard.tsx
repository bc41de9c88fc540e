import { Link } from 'react-router';
import { sectionState, useDashboard } from '../components/dashboard-data';
import { useUnreadAlerts, type AdviceList, type AlertPage, type HealthReport } from '../components/insight-api';
import { BudgetPaceList, GoalOddsList, MoreLink } from '../components/insight-status';
import { MonthFigures, TrendFigure, trendPoints } from '../components/insight-summary';
import s from '../components/insight.module.css';
import { Money } from '../components/money';
import { Empty, QueryState } from '../components/states';
import { formatDateTime, formatMonth, thisMonth } from '../lib/format';
import type { ReactNode } from 'react';

function Card({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  const id = `card-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="card" aria-labelledby={id} style={{ minWidth: 0, ...(wide ? { gridColumn: '1 / -1' } : {}) }}>
      <h2 id={id} style={{ marginTop: 0 }}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function UnreadAlerts({ page }: { page: AlertPage }) {
  const latest = page.items[0];
  const count = `${page.items.length}${page.nextCursor ? '+' : ''}`;
  return (
    <>
      <p>
        <span className={s.score} data-testid="unread-count">
          {count}
        </span>{' '}
        unread
      </p>
      {latest ? (
        <p className={s.note}>
          Latest: <strong>{latest.title}</strong> <span className="muted">({formatDateTime(latest.createdAt)})</span>
        </p>
      ) : (
        <p className="muted">Nothing new. Budgets and goals raise alerts here when they need you.</p>
      )}
      <MoreLink to="/alerts">All alerts</MoreLink>
    </>
  );
}

function TopAdvice({ list }: { list: AdviceList }) {
  const top = list.items[0];
  if (!top) return <Empty title="No advice yet">Advice appears once there are a few months of transactions to learn from.</Empty>;
  return (
    <>
      <p className={s.note} data-testid="top-advice">
        <strong>{top.title}</strong>
      </p>
      <p className={s.note}>{top.message}</p>
      {top.impact.monthly > 0 && (
        <p className={s.note}>
          Worth <Money minor={top.impact.monthly} currency={top.impact.currency} /> a month
        </p>
      )}
      <MoreLink to="/advice">{`All advice (${list.items.length})`}</MoreLink>
    </>
  );
}

function HealthScore({ report }: { report: HealthReport }) {
  if (report.score == null) return <Empty title="No score yet">The health score needs a month of income and spending.</Empty>;
  const delta = report.change?.delta;
  return (
    <>
      <p>
        <span className={s.score} data-testid="health-score">
          {report.score}
        </span>{' '}
        out of 100
      </p>
      {delta !== undefined && <p className={s.note}>{delta === 0 ? 'Same as last month' : `${delta > 0 ? 'Up' : 'Down'} ${Math.abs(delta)} points on last month`}</p>}
      <MoreLink to="/health">The health report</MoreLink>
    </>
  );
}

/** The unread alerts, seeded by the dashboard's answer and then looked at again now and then (the consumer runs behind the writes). */
function LiveUnreadAlerts() {
  const alerts = useUnreadAlerts();
  return <QueryState query={alerts}>{(d) => <UnreadAlerts page={d} />}</QueryState>;
}

/**
 * This month at a glance: figures, the 12-month trend, budgets with pace, goals with odds, alerts, advice, health. One
 * request (GET /dashboard) brings every card; a section it could not compute shows its problem in its card alone.
 */
export default function Dashboard() {
  const dashboard = useDashboard();
  const month = dashboard.data?.month ?? thisMonth();
  const summary = sectionState(dashboard, 'summary');
  const trends = sectionState(dashboard, 'trends');
  const budgets = sectionState(dashboard, 'budgets');
  const goals = sectionState(dashboard, 'goals');
  const alerts = sectionState(dashboard, 'alerts');
  const advice = sectionState(dashboard, 'advice');
  const health = sectionState(dashboard, 'health');
  const busy = dashboard.isFetching;
  const currency = summary.data?.baseCurrency ?? dashboard.data?.me.baseCurrency ?? 'EUR';
  const points = trends.data ? trendPoints(trends.data) : [];
  return (
    <div data-testid="dashboard" aria-busy={busy}>
      <h1>Dashboard</h1>
      <div className="grid">
        <Card title={formatMonth(month)} wide>
          <QueryState query={summary}>{(d) => <MonthFigures summary={d} previous={points.length > 1 ? points[points.length - 2] : undefined} />}</QueryState>
        </Card>
        <Card title="Last 12 months" wide>
          <QueryState query={trends}>{() => <TrendFigure points={points} currency={currency} />}</QueryState>
        </Card>
        <Card title="Budgets">
          <QueryState query={budgets}>
            {(d) => (d.items.length ? <BudgetPaceList items={d.items} currency={currency} /> : <Empty title="No budgets yet"><Link to="/budgets">Set a budget</Link> to see its pace here.</Empty>)}
          </QueryState>
        </Card>
        <Card title="Goals">
          <QueryState query={goals}>{(d) => (d.items.length ? <GoalOddsList items={d.items} /> : <Empty title="No goals yet"><Link to="/goals">Start a savings goal</Link> to see its odds here.</Empty>)}</QueryState>
        </Card>
        <Card title="Alerts">
          <QueryState query={alerts}>{() => <LiveUnreadAlerts />}</QueryState>
        </Card>
        <Card title="Top advice">
          <QueryState query={advice}>{(d) => <TopAdvice list={d} />}</QueryState>
        </Card>
        <Card title="Health score">
          <QueryState query={health}>{(d) => <HealthScore report={d} />}</QueryState>
        </Card>
      </div>
    </div>
  );
}
