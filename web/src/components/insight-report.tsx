import { formatMoney, formatPercent } from '../lib/format';
import { minorOf, useMonthlyReport, type MonthlyReport, type ReportFlows } from './insight-api';
import s from './insight.module.css';
import { Empty, QueryState } from './states';

const STATUS_WORDS: Record<string, string> = { on_track: 'On track', at_risk: 'At risk', over: 'Over budget', off_track: 'Off track', reached: 'Reached' };

function Totals({ r }: { r: MonthlyReport }) {
  const c = r.baseCurrency;
  const row = (label: string, key: keyof ReportFlows) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      <td className="num">{formatMoney(minorOf(r.totals[key]), c)}</td>
      <td className="num">{formatMoney(minorOf(r.previous[key]), c)}</td>
      <td className="num">{formatMoney(minorOf(r.change[key]), c, { signed: true })}</td>
    </tr>
  );
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={`Totals of ${r.period.label}`}>
      <table data-testid="report-totals">
        <caption className="visually-hidden">Totals of {r.period.label} against {r.previous.label}</caption>
        <thead>
          <tr>
            <th scope="col">Totals</th>
            <th scope="col" className="num">{r.period.label}</th>
            <th scope="col" className="num">{r.previous.label}</th>
            <th scope="col" className="num">Change</th>
          </tr>
        </thead>
        <tbody>{[row('Income', 'income'), row('Expenses', 'expenses'), row('Net', 'net')]}</tbody>
      </table>
    </div>
  );
}

function Lists({ r }: { r: MonthlyReport }) {
  const c = r.baseCurrency;
  return (
    <div className="grid" style={{ marginTop: '1rem' }}>
      <section>
        <h3>Top categories</h3>
        {r.topCategories.length ? <ul>{r.topCategories.map((t) => <li key={t.name}>{t.name}: {formatMoney(minorOf(t.amount), c)} ({formatPercent(t.share / 100, 1)})</li>)}</ul> : <p className="muted">No spending.</p>}
      </section>
      <section>
        <h3>Budgets</h3>
        {r.budgets.length ? <ul>{r.budgets.map((b) => <li key={b.name}>{b.name}: {formatMoney(minorOf(b.spent), c)} of {formatMoney(minorOf(b.available), c)} — {STATUS_WORDS[b.status] ?? b.status}</li>)}</ul> : <p className="muted">No budgets.</p>}
      </section>
      <section>
        <h3>Goals</h3>
        {r.goals.length ? <ul>{r.goals.map((g) => <li key={g.name}>{g.name}: {formatMoney(minorOf(g.saved), g.currency)} of {formatMoney(minorOf(g.targetAmount), g.currency)} — {STATUS_WORDS[g.status] ?? g.status}</li>)}</ul> : <p className="muted">No goals.</p>}
      </section>
      <section>
        <h3>Alerts and advice</h3>
        {r.alerts.length + r.advice.length ? <ul>{[...r.alerts, ...r.advice].map((a, i) => <li key={`${i}-${a.title}`}>{a.title}</li>)}</ul> : <p className="muted">None this month.</p>}
      </section>
    </div>
  );
}

/** The monthly report on demand (GET /reports/monthly?format=json): the content of the report email, on screen. */
export function MonthlyReportSection({ month }: { month: string }) {
  const report = useMonthlyReport(month, true);
  return (
    <section aria-labelledby="monthly-report" className="card" style={{ marginTop: '1.5rem' }}>
      <h2 id="monthly-report" style={{ marginTop: 0 }}>
        Monthly report
      </h2>
      <QueryState query={report} label="Loading the report…">
        {(r) =>
          r.totals ? (
            <>
              <p className={`muted ${s.note}`}>{r.period.label}</p>
              <Totals r={r} />
              <Lists r={r} />
            </>
          ) : (
            <Empty title="No report for this month" />
          )
        }
      </QueryState>
    </section>
  );
}
