import { createHash } from 'node:crypto';

/** Every kind of advice, one pure rule each (shared/domain/advice/kinds.ts). */
export const ADVICE_KINDS = [
  'category.above_baseline',
  'subscriptions.total',
  'subscriptions.price_rise',
  'subscriptions.unused',
  'savings.rate',
  'budgets.suggested',
  'goal.funding',
  'emergency.fund',
  'fx.effect',
] as const;
export type AdviceKind = (typeof ADVICE_KINDS)[number];

/** Version of the rules; part of every advice's evidence (a change of rules is a new model version). */
export const ADVICE_MODEL_VERSION = 'advice-rules-1';

export type AdviceStatus = 'open' | 'dismissed' | 'applied';

/** What an advice is based on: the window read, the baseline it compares with, what was observed, the threshold. */
export interface AdviceEvidence {
  window: { from: string; to: string };
  baseline: number;
  observed: number;
  threshold: number;
  transactionIds: string[];
  method: string;
  modelVersion: string;
  /** Kind-specific figures (categories, subscriptions, cuts, currencies …). */
  details?: Record<string, unknown>;
}

/** One advice as a rule produces it (no status, no dates). `impact.monthly`: integer minor units per month. */
export interface AdviceDraft {
  id: string;
  kind: AdviceKind;
  /** What the advice is about (a category, a subscription, a goal …); part of the id. */
  subject: string;
  /** What stays the same while the evidence is "the same" (e.g. the month and the category); part of the id. */
  fingerprint: string;
  title: string;
  message: string;
  impact: { monthly: number; currency: string };
  evidence: AdviceEvidence;
  /** For `budgets.suggested`: the budgets `POST /advice/{id}/apply` creates. */
  action?: { budgets: { categoryId: string; amount: number }[] };
}

/**
 * The id of an advice: a hash of (kind, subject, evidence fingerprint). The same evidence gives the same id, so a
 * dismissed advice (kept with its id) does not come back until its evidence changes (e.g. another month).
 */
export function adviceId(kind: AdviceKind, subject: string, fingerprint: string): string {
  return createHash('sha256').update(JSON.stringify([kind, subject, fingerprint])).digest('base64url').slice(0, 22);
}

/** Builds a draft with its id. */
export function draft(d: Omit<AdviceDraft, 'id'>): AdviceDraft {
  return { id: adviceId(d.kind, d.subject, d.fingerprint), ...d };
}
