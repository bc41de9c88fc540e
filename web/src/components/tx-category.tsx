import { formatPercent } from '../lib/format';
import type { Category, Transaction } from './tx-queries';

/** "Food › Groceries" for a category id, or the id itself when the category is gone. */
export function categoryLabel(id: string | null, categories: Category[]): string {
  if (!id) return 'Uncategorised';
  const c = categories.find((x) => x.id === id);
  if (!c) return id;
  const parent = c.parentId ? categories.find((x) => x.id === c.parentId) : undefined;
  return parent ? `${parent.name} › ${c.name}` : c.name;
}

/** Options for a category select: parents first, each followed by its children, grouped by kind. */
export function CategoryOptions({ categories }: { categories: Category[] }) {
  const kinds = [
    ['expense', 'Expenses'],
    ['income', 'Income'],
  ] as const;
  return (
    <>
      {kinds.map(([kind, label]) => {
        const ofKind = categories.filter((c) => c.kind === kind);
        const parents = ofKind.filter((c) => !c.parentId || !ofKind.some((p) => p.id === c.parentId));
        return (
          <optgroup key={kind} label={label}>
            {parents.flatMap((p) => [p, ...ofKind.filter((c) => c.parentId === p.id)]).map((c) => (
              <option key={c.id} value={c.id}>
                {categoryLabel(c.id, categories)}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

/** Who chose the category, said quietly: a rule, the learned model (with its confidence), the file, or the person. */
export function sourceText(t: Pick<Transaction, 'categorySource' | 'categoryConfidence' | 'categoryId' | 'appliedRules'>): string | undefined {
  if (!t.categoryId) return undefined;
  switch (t.categorySource) {
    case 'rule':
      return 'by a rule';
    case 'model':
      return t.categoryConfidence !== null ? `suggested, ${formatPercent(t.categoryConfidence)} sure` : 'suggested';
    case 'import':
      return 'from the file';
    case 'user':
      return 'set by you';
    default:
      return undefined;
  }
}
