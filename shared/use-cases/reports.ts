import { ReportRequested } from '../../events/report-requested';
import { previousWeek, reportEmail } from '../domain/emails/report';
import { sendEmail } from '../adapters/email';
import { newEvent } from '../adapters/outbox';
import { getProfile } from '../adapters/profiles';
import { hasReceipt, putReceipt } from '../adapters/receipts';
import { sweepUsers, type SweepResult } from './user-sweep';

/**
 * Queues one weekly report per user, one message each (a malformed profile is skipped alone), paging on in a
 * continuation message on the `reports` queue after `deadline`. The event id is derived from user and week, so a
 * re-run of the schedule queues the same ids and the consumer's receipts keep each report to one email.
 */
export async function queueWeeklyReports(now: Date, deadline = Number.POSITIVE_INFINITY, cursor?: string): Promise<SweepResult> {
  const week = previousWeek(now);
  return sweepUsers({
    job: 'weekly-report',
    ...(cursor ? { cursor } : {}),
    scheduledAt: now,
    deadline,
    queue: 'reports',
    continuationQueue: 'reports',
    messageOf: (p) => newEvent(ReportRequested, { userId: p.userId, period: 'weekly', ...week }, now, `report-weekly-${week.from}-${p.userId}`),
  });
}

/** Builds one user's report and emails it, once per event id. */
export async function sendReport(eventId: string, request: { userId: string; period: 'weekly' | 'monthly'; from: string; to: string }, now = new Date()): Promise<void> {
  if (await hasReceipt(eventId)) return;
  const profile = await getProfile(request.userId);
  if (!profile) return; // the account was deleted meanwhile
  if (!profile.confirmedAt) return; // nobody confirmed the address: it gets nothing but its confirmation code
  const email = reportEmail({ name: profile.name, period: request.period, from: request.from, to: request.to, lines: await reportLines(request) });
  const messageId = await sendEmail({ to: profile.email, ...email });
  await putReceipt(eventId, now, { messageId });
}

/** The figures of a report; filled from the analytics rollups once they exist. */
async function reportLines(_request: { userId: string; from: string; to: string }): Promise<string[]> {
  return [];
}
