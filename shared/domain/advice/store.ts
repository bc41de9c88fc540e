import { isDeepStrictEqual } from 'node:util';
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

/** A value as JSON keeps it: members that are undefined are left out (as the table leaves them out). */
const asJson = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/**
 * Whether two values are the same as stored: in any key order (a DynamoDB map keeps none, so a record read back lists
 * its members in another order than the draft), undefined members left out.
 */
function sameStored(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(asJson(a), asJson(b));
}

/** Whether a stored advice already says what a fresh draft says (no write needed). */
export function sameAdvice(record: AdviceRecord, d: AdviceDraft): boolean {
  return record.title === d.title && record.message === d.message && sameStored(record.impact, d.impact) && sameStored(record.evidence, d.evidence) && sameStored(record.action, d.action);
}
