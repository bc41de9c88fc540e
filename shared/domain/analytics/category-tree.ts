import type { CategoryKind } from '../ledger/categories';
import { bigOf, toExactMinor, type ExactMinor } from '../money/exact';
import { bigByPrefix, PREFIX, UNCATEGORISED, type StoredFields } from './fields';

/** A user's category as the read models need it. */
export interface AnalyticsCategory {
  readonly id: string;
  readonly name: string;
  /** Absent or null on a top-level category. */
  readonly parentId?: string | null;
  readonly kind: CategoryKind;
}

/** Display name of {@link UNCATEGORISED}. */
export const UNCATEGORISED_NAME = 'Uncategorised';

/** Where a category sits: top level (`parent`, whether or not it has children) or under a parent (`child`). */
export type CategoryLevel = 'parent' | 'child';

/** One category's amount on one side (expense or income); a parent's amount includes its children's. */
export interface CategoryAmount {
  readonly categoryId: string;
  readonly name: string;
  readonly parentId: string | null;
  /** The side the money is on (from the rollup field, `ce:` or `ci:`), not the category's declared kind. */
  readonly kind: CategoryKind;
  readonly level: CategoryLevel;
  /** Base minor units, exact (a string of digits beyond ±(2^53 − 1)). */
  readonly amount: ExactMinor;
}

/** Looks categories up by id, resolving names and ancestors; ids not in the list are treated as top level. */
export class CategoryIndex {
  private readonly byId = new Map<string, AnalyticsCategory>();

  constructor(categories: readonly AnalyticsCategory[]) {
    for (const c of categories) this.byId.set(c.id, c);
  }

  /** The category's name; `Uncategorised` for the reserved id; the id itself for a category not in the list. */
  name(id: string): string {
    return this.byId.get(id)?.name ?? (id === UNCATEGORISED ? UNCATEGORISED_NAME : id);
  }

  /** The parent's id, or null at top level (and for a category not in the list). */
  parentOf(id: string): string | null {
    const parent = this.byId.get(id)?.parentId;
    return parent && parent !== id ? parent : null;
  }

  /** Parent, grandparent… (stops at a cycle or at an id not in the list). */
  ancestors(id: string): string[] {
    const out: string[] = [];
    const seen = new Set([id]);
    for (let p = this.parentOf(id); p !== null && !seen.has(p); p = this.parentOf(p)) {
      out.push(p);
      seen.add(p);
    }
    return out;
  }

  /** A report row for the category on one side. */
  describe(id: string, kind: CategoryKind, amount: bigint | number): CategoryAmount {
    const parentId = this.parentOf(id);
    return { categoryId: id, name: this.name(id), parentId, kind, level: parentId === null ? 'parent' : 'child', amount: toExactMinor(BigInt(amount)) };
  }
}

/** The own (not rolled-up) category amounts of one side of a rollup, exact. */
export function ownCategoryAmounts(fields: StoredFields | undefined, kind: CategoryKind): Map<string, bigint> {
  return bigByPrefix(fields, kind === 'expense' ? PREFIX.expenseCategory : PREFIX.incomeCategory);
}

/** Category amounts with every amount also added to each ancestor (a parent = its own + its children's). */
export function rollUp(own: ReadonlyMap<string, bigint>, index: CategoryIndex): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const [id, amount] of own) {
    for (const target of [id, ...index.ancestors(id)]) out.set(target, (out.get(target) ?? 0n) + amount);
  }
  return out;
}

/** Rolled-up amounts of both sides: key `<kind>:<categoryId>`. */
export function rolledUpBothSides(fields: StoredFields | undefined, index: CategoryIndex): Map<string, { kind: CategoryKind; id: string; amount: bigint }> {
  const out = new Map<string, { kind: CategoryKind; id: string; amount: bigint }>();
  for (const kind of ['expense', 'income'] as const) {
    for (const [id, amount] of rollUp(ownCategoryAmounts(fields, kind), index)) out.set(`${kind}:${id}`, { kind, id, amount });
  }
  return out;
}

const KIND_ORDER: Record<CategoryKind, number> = { expense: 0, income: 1 };

/** Amount descending, then expense before income, parents before children, then id. */
export function compareCategoryRows(a: CategoryAmount, b: CategoryAmount): number {
  const x = bigOf(a.amount);
  const y = bigOf(b.amount);
  if (x !== y) return x > y ? -1 : 1;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (a.level !== b.level) return a.level === 'parent' ? -1 : 1;
  return a.categoryId < b.categoryId ? -1 : a.categoryId > b.categoryId ? 1 : 0;
}
