import type { Context } from 'aws-lambda';
import { inject } from 'vitest';
import { previousWeek } from '../../shared/domain/emails/report';
import type { DueReportsResult } from '../../shared/use-cases/report-schedule';

/**
 * Runs a report schedule's handler as EventBridge Scheduler fires it at `at` (its event's `time`), in this process
 * with the local cloud's handler environment: the shard messages go to the local `reports` queue, whose consumer in
 * the cloud pages the due zones and sends each report to the local outbox. The reports are due at 07:00 in each
 * user's zone, so a test chooses the instant; the console's "run now" can only fire at the current time.
 */
export async function runReportSchedule(name: 'schedule-reports' | 'schedule-monthly-reports', at: Date): Promise<{ ok: boolean; result?: DueReportsResult; error?: string }> {
  Object.assign(process.env, inject('cloud').env, { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' });
  const module = name === 'schedule-reports' ? await import('../../functions/schedule/schedule-reports') : await import('../../functions/schedule/schedule-monthly-reports');
  const handler = module.handler as unknown as (event: unknown, context: Context) => Promise<DueReportsResult>;
  const context = { functionName: name, awsRequestId: `test-${at.toISOString()}`, getRemainingTimeInMillis: () => 60_000 } as unknown as Context;
  const event = { version: '0', id: `test-${name}-${at.toISOString()}`, 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), detail: '{}' };
  try {
    return { ok: true, result: await handler(event, context) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Monday of the current ISO week (UTC) at `hour`:00Z, when the week `previousWeek(now)` is reported in UTC at 07. */
export function thisMondayAt(hour: number, now = new Date()): Date {
  const monday = new Date(Date.parse(`${previousWeek(now).to}T00:00:00Z`) + 86_400_000);
  return new Date(monday.getTime() + hour * 3_600_000);
}

/** The 1st of the current month (UTC) at `hour`:00Z, when the previous month is reported in UTC at 07. */
export function firstOfMonthAt(hour: number, now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, hour));
}
