import { getProfile, updateProfile } from '../adapters/profiles';
import { unsubscribeUserOf } from '../adapters/unsubscribe-token';
import { escapeHtml } from '../domain/emails/layout';
import { buildReport, type ReportContent } from '../domain/reports';
import { ValidationError } from '../domain/errors';
import { daysInMonth } from '../domain/ledger/calendar';
import { summary } from './analytics';
import { budgetStatuses, todayIn } from './budgets';
import { goalStatuses } from './goals';
import { alertsBetween } from './alerts';
import { openAdvice } from './advice';
import { healthReport } from './health';

// A report's content (GET /reports/monthly and the emails) and the unsubscribe routes. The schedules and the send
// are ./report-schedule.ts: an HTTP function carries none of the sweeps, receipts or email.

/** Alerts of the period a report lists at most (newest first). */
const REPORT_ALERTS = 20;

const lastDayOf = (month: string) => `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;

/**
 * The report content of one month (`GET /reports/monthly`, and the monthly email): the month's totals and the
 * previous month's from the rollups, top expense categories, budgets and goals as of the month's last day (today
 * for the current month), the month's alerts, the open advice and the health score. Reads pre-computed state only.
 *
 * @throws ValidationError when `month` is after the current month in the user's time zone.
 */
export async function monthlyReport(userId: string, month: string | undefined, now = new Date()): Promise<ReportContent> {
  const profile = await getProfile(userId);
  const today = todayIn(profile?.timezone ?? 'UTC', now);
  const m = month ?? today.slice(0, 7);
  if (m > today.slice(0, 7)) throw new ValidationError(`month ${m} is after the current month ${today.slice(0, 7)}.`, [{ path: 'query.month', message: 'after the current month' }]);
  const from = `${m}-01`;
  const to = lastDayOf(m);
  const asOf = to < today ? to : today;
  const [s, budgets, goals, alerts, advice, health] = await Promise.all([
    summary(userId, m, now),
    budgetStatuses(userId, asOf),
    goalStatuses(userId, asOf),
    alertsBetween(userId, from, to, REPORT_ALERTS),
    openAdvice(userId),
    healthReport(userId, m, now).catch((e: unknown) => {
      if (e instanceof ValidationError) return null; // a month the health report does not cover (e.g. before 1900)
      throw e;
    }),
  ]);
  return buildReport({
    kind: 'monthly',
    period: { from, to, label: m },
    baseCurrency: s.baseCurrency,
    name: profile?.name ?? null,
    totals: { income: s.income, expenses: s.expenses, net: s.net },
    previous: { income: s.previous.income, expenses: s.previous.expenses, net: s.previous.net, label: s.previous.month },
    categories: s.byCategory.filter((c) => c.level === 'parent' && c.kind === 'expense').map((c) => ({ name: c.name, amount: c.amount })),
    budgets: budgets.map((b) => ({ name: b.name, spent: b.spent, available: b.available, percentUsed: b.percentUsed, status: b.status })),
    goals: goals.map((g) => ({ name: g.name, saved: g.saved, targetAmount: g.targetAmount, currency: g.currency, percent: g.percent, status: g.status })),
    alerts: alerts.map((a) => ({ title: a.title, message: a.message, severity: a.severity, createdAt: a.createdAt })),
    advice: advice.map((a) => ({ title: a.title, message: a.message })),
    health: health ? { score: health.score, change: health.change?.delta ?? null } : null,
  });
}

/**
 * One-click unsubscribe: the token's account gets `reports: off`. An account gone meanwhile has nothing to stop.
 * @throws ValidationError for a tampered, malformed or expired token.
 */
export async function unsubscribeReports(token: string, now = new Date()): Promise<void> {
  const userId = await unsubscribeUserOf(token, now);
  await updateProfile(userId, { reports: 'off' }, now);
}

/** The confirmation page of an unsubscribe link: checks the token first, so a bad link says so at once. */
export async function unsubscribePage(token: string, now = new Date()): Promise<string> {
  await unsubscribeUserOf(token, now);
  const action = `/reports/unsubscribe?token=${encodeURIComponent(token)}`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Stop Tally reports</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;max-width:480px;margin:40px auto;color:#1d232a">
<h1 style="font-size:20px">Stop Tally report emails?</h1>
<p>You will no longer receive weekly or monthly reports. You can turn them on again in your profile.</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit" style="padding:8px 16px">Unsubscribe</button></form>
</body></html>`;
}
