import type * as Adapter from '../../../shared/adapters/alerts';
import { mergePreferences, type Alert, type AlertDraft, type AlertPreferences } from '../../../shared/domain/alerts';
import type { AlertsPort } from '../../../shared/ports/alerts';

/**
 * In-memory alerts store (shared/adapters/alerts.ts): conditional creates by id, newest-first listings, read marks,
 * preferences, and the category history as a list of expenses per user.
 * Use in unit tests: `vi.mock('…/shared/adapters/alerts', () => import('…/memory/alerts'))`.
 */
export const memory = {
  alerts: new Map<string, Alert & { emailPending?: boolean; position: string }>(),
  preferences: new Map<string, AlertPreferences>(),
  expenses: [] as { userId: string; id: string; categoryId: string; date: string; baseAmount: number; baseCurrency: string }[],
  /** Count of create attempts per id (created or not). */
  attempts: new Map<string, number>(),
  /** Count of existence reads per id (existingAlerts). */
  lookups: new Map<string, number>(),
  /** Digest markers: day → user ids. */
  digests: new Map<string, Set<string>>(),
  reset(): void {
    this.digests = new Map();
    this.alerts = new Map();
    this.preferences = new Map();
    this.expenses = [];
    this.attempts = new Map();
    this.lookups = new Map();
  },
  of(userId: string): Alert[] {
    return [...this.alerts.entries()].filter(([k]) => k.startsWith(`${userId}/`)).map(([, a]) => strip(a));
  },
};

let seq = 0;
const strip = (a: Alert & { emailPending?: boolean; position?: string }): Alert => {
  const { emailPending: _e, position: _p, ...rest } = a;
  return structuredClone(rest);
};

export const ALERT_TTL_SECONDS = 400 * 86400;

export async function putAlertOnce(userId: string, alert: AlertDraft, now: Date, emailPending = false): Promise<{ outcome: 'created' | 'exists'; alert: Alert; emailPending: boolean }> {
  const k = `${userId}/${alert.id}`;
  memory.attempts.set(alert.id, (memory.attempts.get(alert.id) ?? 0) + 1);
  const existing = memory.alerts.get(k);
  if (existing) return { outcome: 'exists', alert: strip(existing), emailPending: existing.emailPending === true };
  const stored = { ...structuredClone(alert), createdAt: now.toISOString(), readAt: null, position: `${now.toISOString()}#${String(seq++).padStart(8, '0')}`, ...(emailPending ? { emailPending } : {}) };
  memory.alerts.set(k, stored);
  return { outcome: 'created', alert: strip(stored), emailPending };
}

export async function existingAlerts(userId: string, ids: readonly string[]): Promise<Map<string, { createdAt: string; emailPending: boolean }>> {
  const out = new Map<string, { createdAt: string; emailPending: boolean }>();
  for (const id of new Set(ids)) {
    memory.lookups.set(id, (memory.lookups.get(id) ?? 0) + 1);
    const a = memory.alerts.get(`${userId}/${id}`);
    if (a) out.set(id, { createdAt: a.createdAt, emailPending: a.emailPending === true });
  }
  return out;
}

export async function digestMarks(userId: string, days: readonly string[]): Promise<Set<string>> {
  return new Set(days.filter((day) => memory.digests.get(day)?.has(userId) === true));
}

export async function clearEmailPending(userId: string, id: string): Promise<void> {
  const a = memory.alerts.get(`${userId}/${id}`);
  if (a) delete a.emailPending;
}

export async function getAlert(userId: string, id: string): Promise<Alert | undefined> {
  const a = memory.alerts.get(`${userId}/${id}`);
  return a && strip(a);
}

export async function listAlerts(userId: string, options: { unreadOnly: boolean; limit: number; start?: string; maxScanned?: number }): Promise<{ items: Alert[]; next?: string }> {
  const all = [...memory.alerts.entries()]
    .filter(([k]) => k.startsWith(`${userId}/`))
    .map(([, a]) => a)
    .sort((a, b) => (a.position < b.position ? 1 : -1))
    .filter((a) => options.start === undefined || a.position < options.start)
    .filter((a) => !options.unreadOnly || a.readAt === null);
  const page = all.slice(0, options.limit);
  return { items: page.map(strip), ...(all.length > options.limit ? { next: page[page.length - 1]?.position } : {}) };
}

export async function markRead(userId: string, id: string, now: Date): Promise<Alert | undefined> {
  const a = memory.alerts.get(`${userId}/${id}`);
  if (!a) return undefined;
  a.readAt ??= now.toISOString();
  return strip(a);
}

export async function getPreferences(userId: string): Promise<AlertPreferences> {
  return structuredClone(memory.preferences.get(userId) ?? mergePreferences(undefined));
}

export async function putPreferences(userId: string, preferences: AlertPreferences): Promise<AlertPreferences> {
  memory.preferences.set(userId, structuredClone(preferences));
  return structuredClone(preferences);
}

export async function categoryExpenseAmounts(userId: string, categoryId: string, range: { from: string; to: string }, base: string, limit: number, excludeId: string): Promise<number[]> {
  return memory.expenses
    .filter((e) => e.userId === userId && e.categoryId === categoryId && e.date >= range.from && e.date <= range.to && e.baseCurrency === base && e.id !== excludeId)
    .sort((a, b) => (a.date < b.date ? 1 : -1))
    .slice(0, limit)
    .map((e) => Math.abs(e.baseAmount));
}

export const DIGEST_TTL_SECONDS = 14 * 86400;

export async function markDigest(userId: string, day: string): Promise<void> {
  memory.digests.set(day, (memory.digests.get(day) ?? new Set()).add(userId));
}

export async function* digestUsers(day: string, pageSize = 500): AsyncGenerator<string[]> {
  const users = [...(memory.digests.get(day) ?? [])].sort();
  for (let i = 0; i < users.length; i += pageSize) yield users.slice(i, i + pageSize);
}

export async function alertsOfDay(userId: string, day: string): Promise<Alert[]> {
  return [...memory.alerts.entries()]
    .filter(([k, a]) => k.startsWith(`${userId}/`) && a.createdAt.slice(0, 10) === day)
    .map(([, a]) => a)
    .sort((a, b) => (a.position < b.position ? -1 : 1))
    .map(strip);
}

export async function alertsBetween(userId: string, from: string, to: string, limit: number): Promise<Alert[]> {
  return [...memory.alerts.entries()]
    .filter(([k, a]) => k.startsWith(`${userId}/`) && a.createdAt.slice(0, 10) >= from && a.createdAt.slice(0, 10) <= to)
    .map(([, a]) => a)
    .sort((a, b) => (a.position < b.position ? 1 : -1))
    .slice(0, limit)
    .map(strip);
}

/** Compile-time proof that the in-memory store matches the port and the adapter's signatures. */
export const alertsMemoryImplementsPort: AlertsPort = { putAlertOnce, existingAlerts, digestMarks, clearEmailPending, getAlert, listAlerts, markRead, getPreferences, putPreferences, categoryExpenseAmounts, markDigest, digestUsers, alertsOfDay, alertsBetween };
export const alertsMemoryMatchesAdapter: typeof Adapter = { ...alertsMemoryImplementsPort, ALERT_TTL_SECONDS, DIGEST_TTL_SECONDS };
