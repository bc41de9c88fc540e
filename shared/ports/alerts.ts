import type * as Adapter from '../adapters/alerts';
import type { Alert, AlertDraft, AlertPreferences } from '../domain/alerts';

/**
 * The alerts store as the alerts use cases see it: each alert written once by its deterministic id, listed newest
 * first, marked read; the user's preferences; and the category history the unusual-transaction rule reads.
 * Implemented by shared/adapters/alerts.ts (DynamoDB) and tests/support/memory/alerts.ts (unit tests).
 */
export interface AlertsPort {
  putAlertOnce(userId: string, alert: AlertDraft, now: Date, emailPending?: boolean): Promise<{ outcome: 'created' | 'exists'; alert: Alert; emailPending: boolean }>;
  /** Which of `ids` the user already has: creation time, and whether the email is still to be queued. */
  existingAlerts(userId: string, ids: readonly string[]): Promise<Map<string, { createdAt: string; emailPending: boolean }>>;
  clearEmailPending(userId: string, id: string): Promise<void>;
  getAlert(userId: string, id: string): Promise<Alert | undefined>;
  listAlerts(userId: string, options: { unreadOnly: boolean; limit: number; start?: string; maxScanned?: number }): Promise<{ items: Alert[]; next?: string }>;
  markRead(userId: string, id: string, now: Date): Promise<Alert | undefined>;
  getPreferences(userId: string): Promise<AlertPreferences>;
  putPreferences(userId: string, preferences: AlertPreferences, now: Date): Promise<AlertPreferences>;
  categoryExpenseAmounts(userId: string, categoryId: string, range: { from: string; to: string }, base: string, limit: number, excludeId: string): Promise<number[]>;
  /** Notes (idempotently) that the user has alerts of `day` for the daily digest. */
  markDigest(userId: string, day: string, now: Date): Promise<void>;
  /** The days (of `days`) for which the user already has a digest marker. */
  digestMarks(userId: string, days: readonly string[]): Promise<Set<string>>;
  /** The users marked for `day`'s digest, page by page. */
  digestUsers(day: string, pageSize?: number): AsyncGenerator<string[]>;
  /** A user's alerts created on `day` (UTC), oldest first. */
  alertsOfDay(userId: string, day: string): Promise<Alert[]>;
  /** Up to `limit` of a user's alerts created from `from` to `to` (days, UTC, inclusive), newest first. */
  alertsBetween(userId: string, from: string, to: string, limit: number): Promise<Alert[]>;
}

/** Compile-time proof that the DynamoDB adapter implements the port. */
export const alertsAdapterImplementsPort: typeof Adapter extends AlertsPort ? true : never = true;
