import { ReportRequested } from '../../events/report-requested';
import { previousWeek, reportEmail } from '../domain/emails/report';
import { sendEmail } from '../adapters/email';
import { newEvent } from '../adapters/outbox';
import { allProfiles, getProfile } from '../adapters/profiles';
import { publish } from '../adapters/queue';
import { hasReceipt, putReceipt } from '../adapters/receipts';

/**
 * Queues one weekly report per user. The event id is derived from user and week, so a re-run of the schedule
 * queues the same ids and the consumer's receipts keep each report to one email.
 */
export async function queueWeeklyReports(now: Date): Promise<{ queued: number }> {
  const week = previousWeek(now);
  let queued = 0;
  for await (const page of allProfiles()) {
    const events = page.map((p) => newEvent(ReportRequested, { userId: p.userId, period: 'weekly', ...week }, now, `report-weekly-${week.from}-${p.userId}`));
    await publish('reports', events);
    queued += events.length;
  }
  return { queued };
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
