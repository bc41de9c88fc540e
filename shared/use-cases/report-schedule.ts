import { ReportRequested } from '../../events/report-requested';
import { previousWeek } from '../domain/emails/report';
import { sendEmail } from '../adapters/email';
import { newEvent } from '../adapters/outbox';
import { getProfile, profilesInZonePage, profilesPage, reportZones, USER_SHARDS } from '../adapters/profiles';
import { publish } from '../adapters/queue';
import { unsubscribeToken } from '../adapters/unsubscribe-token';
import { config } from '../config';
import { claimReceipt, hasReceipt, putReceipt } from '../adapters/receipts';
import { renderReportHtml, renderReportText, type ReportContent } from '../domain/reports';
import { daysInMonth } from '../domain/ledger/calendar';
import { wantsReport } from '../domain/profile';
import { dueReport, dueZones, reportTick, type ReportKind } from '../domain/reports/schedule';
import { monthlyReport } from './reports';
import { sweepUsers, type SweepDeps, type SweepResult } from './user-sweep';

// The report schedules and the emails: the hourly by-zone schedule, the former UTC sweeps, and the send of one
// report. The report's content and the unsubscribe routes are ./reports.ts, which the HTTP functions import alone.

/** What the by-zone report schedule reads and writes besides a sweep's (adapters by default; fakes in unit tests). */
export interface ReportScheduleDeps extends SweepDeps {
  /** Every zone some profile was given, UTC included (a small registry, not the users). */
  reportZones: () => Promise<string[]>;
  /** One page of one zone's partition of a users-index shard. */
  profilesInZonePage: (zone: string, shard: number, start: Record<string, unknown> | undefined, size: number) => ReturnType<SweepDeps['profilesPage']>;
}

const scheduleDefaults = (): ReportScheduleDeps => ({ profilesPage, publish, shards: USER_SHARDS, reportZones, profilesInZonePage });

/** What one hourly run of a report schedule started: the zones due and the shard messages queued for them. */
export interface DueReportsResult {
  tick: string;
  zones: string[];
  shards: number;
}

/**
 * The hourly report schedule: the `kind` report is due in the zones whose local time reached 07:00 of a Monday
 * (weekly) or of the 1st (monthly) within the hour that ended at this tick (see shared/domain/reports/schedule.ts).
 * Reads the small zone registry, never the users, and queues one `UsersSweepContinued` per shard of each due zone
 * on `reports` (ids derive from zone, tick and shard, so a re-run repeats them); each pages its zone's partition.
 */
export async function queueDueReports(now: Date, kind: ReportKind, deps: ReportScheduleDeps = scheduleDefaults()): Promise<DueReportsResult> {
  const tick = reportTick(now);
  const due = dueZones(tick, kind, await deps.reportZones());
  let shards = 0;
  for (const { zone } of due) {
    const r = await sweepUsers({ job: `${kind}-report`, zone, scheduledAt: tick, deadline: Number.POSITIVE_INFINITY, queue: 'reports', continuationQueue: 'reports', messageOf: () => undefined }, deps);
    shards += r.shards ?? 0;
  }
  return { tick: tick.toISOString(), zones: due.map((d) => d.zone), shards };
}

/**
 * One shard message of the hourly schedule: pages `zone`'s partition of the shard and queues one `ReportRequested`
 * per confirmed user who wants the `kind` report, for the period that ended before the local day in that zone
 * (event id from kind, period and user, so any re-run or overlap queues the same id and the receipt sends once).
 */
export async function queueZoneReports(
  kind: ReportKind,
  zone: string,
  scheduledAt: Date,
  shard: number,
  cursor: string | undefined,
  deadline: number,
  deps: ReportScheduleDeps = scheduleDefaults(),
): Promise<SweepResult> {
  const period = dueReport(zone, reportTick(scheduledAt), kind);
  if (!period) return { queued: 0, skipped: 0, continued: false }; // not a tick of this zone (a forged or stale message)
  return sweepUsers(
    {
      job: `${kind}-report`,
      zone,
      shard,
      cursor,
      scheduledAt,
      deadline,
      queue: 'reports',
      continuationQueue: 'reports',
      pageOf: (s, start, size) => deps.profilesInZonePage(zone, s, start, size),
      messageOf: (p) =>
        p.confirmedAt && wantsReport(p.reports, kind) ? newEvent(ReportRequested, { userId: p.userId, period: kind, ...period }, scheduledAt, `report-${kind}-${period.from}-${p.userId}`) : undefined,
    },
    deps,
  );
}

/**
 * The former UTC sweep of the whole users index, kept for shard messages queued before the by-zone schedule (they
 * carry no zone) so they finish as queued. Queues one weekly report per user, one message each (a malformed profile is skipped alone): the schedule's call
 * queues one message per users-index shard on `reports`, each shard's call pages its shard (see `sweepUsers`). The event id is derived from user and week, so a
 * re-run of the schedule queues the same ids and the consumer's receipts keep each report to one email.
 */
export async function queueWeeklyReports(now: Date, deadline = Number.POSITIVE_INFINITY, shard?: number, cursor?: string): Promise<SweepResult> {
  const week = previousWeek(now);
  return sweepUsers({
    job: 'weekly-report',
    shard,
    cursor,
    scheduledAt: now,
    deadline,
    queue: 'reports',
    continuationQueue: 'reports',
    messageOf: (p) => newEvent(ReportRequested, { userId: p.userId, period: 'weekly', ...week }, now, `report-weekly-${week.from}-${p.userId}`),
  });
}

/** The calendar month before the one `now` falls in (UTC), as the monthly report's period. */
export function previousMonth(now: Date): { from: string; to: string } {
  const y = now.getUTCMonth() === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  const m = now.getUTCMonth() === 0 ? 12 : now.getUTCMonth();
  const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
  return { from: `${month}-01`, to: lastDayOf(month) };
}

/**
 * The former UTC monthly sweep, kept like {@link queueWeeklyReports} for zone-less shard messages queued before the
 * by-zone schedule. Queues one monthly report (the month before `now`) per user whose preference is `monthly` or
 * `both`, through the same sharded sweep as the weekly one; event ids derive from user and month, so a re-run queues the same ids and
 * the receipts keep each report to one email.
 */
export async function queueMonthlyReports(now: Date, deadline = Number.POSITIVE_INFINITY, shard?: number, cursor?: string, deps?: SweepDeps): Promise<SweepResult> {
  const month = previousMonth(now);
  return sweepUsers(
    {
      job: 'monthly-report',
      shard,
      cursor,
      scheduledAt: now,
      deadline,
      queue: 'reports',
      continuationQueue: 'reports',
      messageOf: (p) => (wantsReport(p.reports, 'monthly') ? newEvent(ReportRequested, { userId: p.userId, period: 'monthly', ...month }, now, `report-monthly-${month.from}-${p.userId}`) : undefined),
    },
    deps,
  );
}

/** How long a claimed, unfinished report send blocks a redelivery (longer than one send takes; shorter than retention). */
const SEND_LEASE_MS = 5 * 60_000;

/** The receipt of one report email: one per user, kind and period, whatever event or schedule run asked for it. */
export const reportReceiptId = (userId: string, period: 'weekly' | 'monthly', from: string) => `report#${period}#${from}#${userId}`;

/**
 * Builds one user's report and emails it, exactly once per user, kind and period: a receipt is claimed
 * conditionally before the send (a concurrent duplicate delivery finds it and sends nothing; one arriving while
 * the send is in flight is retried later), and completed after it. Only confirmed accounts that still exist.
 */
export async function sendReport(_eventId: string, request: { userId: string; period: 'weekly' | 'monthly'; from: string; to: string }, now = new Date()): Promise<'sent' | 'skipped'> {
  const receipt = reportReceiptId(request.userId, request.period, request.from);
  if (await hasReceipt(receipt)) return 'skipped';
  const profile = await getProfile(request.userId);
  if (!profile) return 'skipped'; // the account was deleted (erased) meanwhile
  if (!profile.confirmedAt) return 'skipped'; // nobody confirmed the address: it gets nothing but its confirmation code
  if (!wantsReport(profile.reports, request.period)) return 'skipped'; // unsubscribed, or chose the other report
  const content = await reportContent(request, now);
  const claim = await claimReceipt(receipt, now, SEND_LEASE_MS);
  if (claim === 'done') return 'skipped';
  if (claim === 'busy') throw new Error(`report ${receipt} is being sent by another delivery; retry after it finishes`);
  const base = config().PUBLIC_API_URL;
  const unsubscribe = base ? `${base.replace(/\/+$/, '')}/reports/unsubscribe?token=${encodeURIComponent(await unsubscribeToken(profile.userId, now))}` : undefined;
  const messageId = await sendEmail({
    to: profile.email,
    subject: `Your ${request.period} Tally report, ${content.period.label}`,
    html: renderReportHtml(content, unsubscribe),
    text: renderReportText(content, unsubscribe),
    // RFC 8058: mail clients POST `List-Unsubscribe=One-Click` to the link; no sign-in needed.
    ...(unsubscribe ? { headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
  });
  await putReceipt(receipt, now, { messageId });
  return 'sent';
}

/**
 * The content of a periodic report. Monthly: the month of `from`. Weekly: the rollups are monthly, so the figures
 * are those of the month the week ends in, to date (labelled so); a week's own totals need the daily rollups.
 */
async function reportContent(request: { userId: string; period: 'weekly' | 'monthly'; from: string; to: string }, now: Date): Promise<ReportContent> {
  if (request.period === 'monthly') return monthlyReport(request.userId, request.from.slice(0, 7), now);
  const month = await monthlyReport(request.userId, request.to.slice(0, 7), now);
  return { ...month, kind: 'weekly', period: { from: request.from, to: request.to, label: `week ${request.from} to ${request.to} (${request.to.slice(0, 7)} to date)` } };
}

const lastDayOf = (month: string) => `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;
