import { UsersSweepContinued } from '../../events/ledger-jobs';
import type { Envelope } from '../../events/envelope';
import { newEvent } from '../adapters/outbox';
import { profilesPage, type ProfileRecord } from '../adapters/profiles';
import { publish } from '../adapters/queue';
import { logger } from '../observability';

/** The per-user jobs a sweep can queue. */
export type SweepJob = 'reconcile-analytics' | 'weekly-report';

export interface SweepOptions {
  job: SweepJob;
  /** Where the previous page stopped (a continuation's cursor); the first page when absent. */
  cursor?: string;
  /** When the schedule fired: every message of one sweep is derived from it. */
  scheduledAt: Date;
  /** Epoch ms after which no new page starts: the rest goes to a continuation message. */
  deadline: number;
  /** Queue of the per-user messages. */
  queue: string;
  /** Queue of the continuation message (its consumer calls the sweep again). */
  continuationQueue: string;
  /** The message of one user; throwing (a malformed profile) skips that user alone, logged. */
  messageOf: (profile: ProfileRecord & { userId: string }) => Envelope | undefined;
}

export interface SweepResult {
  queued: number;
  /** Profiles no message could be made for (malformed), by position. */
  skipped: number;
  /** Whether a continuation message carries on. */
  continued: boolean;
}

/**
 * Fans a scheduled job out to one message per user: pages through every profile, queues each user's message, and
 * when `deadline` passes before the last page, queues a `UsersSweepContinued` that resumes after the last page
 * done. A profile that cannot give a message is skipped and logged; it never stops the others.
 */
export async function sweepUsers(o: SweepOptions): Promise<SweepResult> {
  let start = o.cursor ? (JSON.parse(o.cursor) as Record<string, unknown>) : undefined;
  let queued = 0;
  let skipped = 0;
  do {
    const page = await profilesPage(start);
    const events: Envelope[] = [];
    for (const p of page.profiles) {
      try {
        if (typeof p.userId !== 'string' || p.userId.length === 0) throw new Error('the profile has no user id');
        const event = o.messageOf(p as ProfileRecord & { userId: string });
        if (event) events.push(event);
      } catch (error) {
        skipped++;
        logger.error('A profile could not be swept; it is skipped', { job: o.job, userId: String(p.userId), error: error as Error });
      }
    }
    await publish(o.queue, events);
    queued += events.length;
    start = page.next;
    if (start && Date.now() > o.deadline) {
      const cursor = JSON.stringify(start);
      await publish(o.continuationQueue, [newEvent(UsersSweepContinued, { job: o.job, cursor, scheduledAt: o.scheduledAt.toISOString() }, new Date())]);
      return { queued, skipped, continued: true };
    }
  } while (start);
  return { queued, skipped, continued: false };
}
