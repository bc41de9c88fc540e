import { createHash } from 'node:crypto';

/** Every kind of alert Tally raises. */
export const ALERT_KINDS = ['budget.threshold', 'budget.pace', 'transaction.unusual', 'goal.reached', 'goal.off_track', 'recurring.price_rise', 'health.drop'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export type AlertSeverity = 'info' | 'warning' | 'critical';

/** An alert as the domain decides it, before it is stored (the store adds `createdAt` and `readAt`). */
export interface AlertDraft {
  /** Deterministic: {@link alertId} of (kind, subject, period, threshold). */
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  title: string;
  message: string;
  /** The figures behind the alert, and the transaction whose event raised it. */
  evidence: Record<string, unknown>;
  budgetId?: string;
  goalId?: string;
  transactionId?: string;
}

/** A stored alert. */
export interface Alert extends AlertDraft {
  createdAt: string;
  readAt: string | null;
}

/**
 * The id of an alert: a hash of what makes it one alert — its kind, its subject (budget, goal or transaction id),
 * the period it is about (a period start, a month, or '' when none) and its threshold ('' when none). The same
 * facts always give the same id, so writing it with a "does not exist" condition stores it once, whatever the
 * delivery order, duplicates or crashes.
 */
export function alertId(kind: AlertKind, subject: string, period = '', threshold = ''): string {
  return createHash('sha256').update(JSON.stringify([kind, subject, period, threshold])).digest('base64url').slice(0, 32);
}

/** Per kind: whether it is raised at all, and whether (and how) it is emailed. */
export type EmailMode = 'off' | 'immediate' | 'daily';
export interface KindPreference {
  enabled: boolean;
  email: EmailMode;
}
export type AlertPreferences = Record<AlertKind, KindPreference>;

/** Every kind on, no email, until the user says otherwise. */
export function defaultPreferences(): AlertPreferences {
  return Object.fromEntries(ALERT_KINDS.map((k) => [k, { enabled: true, email: 'off' }])) as AlertPreferences;
}

/** Stored preferences over the defaults (a kind added later starts at its default). */
export function mergePreferences(stored: Partial<Record<string, Partial<KindPreference>>> | undefined): AlertPreferences {
  const out = defaultPreferences();
  for (const k of ALERT_KINDS) {
    const s = stored?.[k];
    if (s) out[k] = { enabled: s.enabled ?? out[k].enabled, email: s.email ?? out[k].email };
  }
  return out;
}

/** Minor units as a readable amount (`12.34 EUR`); the bare digits when the value or the currency cannot be formatted. */
export function readableAmount(minor: unknown, currency: string, format: (minor: number, currency: string) => string): string {
  const n = typeof minor === 'number' ? minor : Number(minor);
  try {
    return `${format(n, currency)} ${currency}`;
  } catch {
    return `${String(minor)} ${currency} (minor units)`;
  }
}
