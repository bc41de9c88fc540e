import type { AdviceDraft, AdviceStatus } from './advice';

/** An advice as stored: the rule's draft, its status and the user's feedback. */
export interface AdviceRecord extends AdviceDraft {
  status: AdviceStatus;
  /** The user's answer to "was this useful?" (absent until asked). */
  useful?: boolean;
  createdAt: string;
  updatedAt: string;
  feedbackAt?: string;
  /** The budgets `POST /advice/{id}/apply` created or found (budgets.suggested). */
  appliedBudgetIds?: string[];
}

/** Most open advice stored per user (the highest impacts kept), and most dismissed or applied ones kept. */
export const MAX_OPEN_ADVICE = 30;
export const MAX_CLOSED_ADVICE = 100;

/** Whether a stored advice already says what a fresh draft says (no write needed). */
export function sameAdvice(record: AdviceRecord, d: AdviceDraft): boolean {
  return record.title === d.title && record.message === d.message && JSON.stringify(record.impact) === JSON.stringify(d.impact) && JSON.stringify(record.evidence) === JSON.stringify(d.evidence) && JSON.stringify(record.action) === JSON.stringify(d.action);
}
