import * as adviceStore from '../adapters/advice';
import { listBudgets as storedBudgets } from '../adapters/budgets';
import type { AdviceRecord } from '../domain/advice/store';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import type { AdvicePort } from '../ports/advice';
import { createBudget } from './budgets';

// The advice API: listing, feedback and applying. The consumer that computes advice (debounce, recompute, monthly
// sweep) is ./advice-refresh.ts; HTTP functions import only this module, so they carry none of its sources or queues.

/** The budgets applying advice reads and creates (the recompute reads them too, see ./advice-refresh.ts). */
export interface AdviceBudgets {
  budgets(userId: string): Promise<{ id: string; categoryId: string | null }[]>;
  /** Creates a monthly budget through the budgets use case; returns its id. */
  createBudget(userId: string, input: { name: string; categoryId: string; amount: number }): Promise<{ id: string }>;
}

/** What the API's use cases use: three reads and writes of the advice store and, to apply, the budgets (adapters by default; fakes in unit tests). */
export interface AdviceApiDeps {
  store: Pick<AdvicePort, 'listAdvice' | 'getAdvice' | 'updateAdvice'>;
  sources: AdviceBudgets;
}

/** The budgets adapter and use case as {@link AdviceBudgets}. */
export const adviceBudgets: AdviceBudgets = {
  budgets: storedBudgets,
  createBudget: (userId, input) => createBudget(userId, { name: input.name, categoryId: input.categoryId, period: 'monthly', amount: input.amount, rollover: 'none' }),
};

/** The store the listing reads. */
type Listing = { store: Pick<AdvicePort, 'listAdvice'> };
/** The store feedback reads and writes. */
type Feedback = { store: Pick<AdvicePort, 'getAdvice' | 'updateAdvice'> };

// The adapter's functions one by one, each use case only its own: the module as a value would keep the consumer's
// writes in every API bundle.
const listing = (): Listing => ({ store: { listAdvice: adviceStore.listAdvice } });
const feedback = (): Feedback => ({ store: { getAdvice: adviceStore.getAdvice, updateAdvice: adviceStore.updateAdvice } });
const apiDefaults = (): AdviceApiDeps => ({ store: { listAdvice: adviceStore.listAdvice, getAdvice: adviceStore.getAdvice, updateAdvice: adviceStore.updateAdvice }, sources: adviceBudgets });

/** An advice as the API answers it. */
export function adviceView(r: AdviceRecord) {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    message: r.message,
    impact: r.impact,
    evidence: r.evidence,
    ...(r.action ? { action: r.action } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    status: r.status,
    useful: r.useful ?? null,
    ...(r.appliedBudgetIds ? { appliedBudgetIds: r.appliedBudgetIds } : {}),
  };
}

const byImpact = (a: AdviceRecord, b: AdviceRecord) => b.impact.monthly - a.impact.monthly || (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1);

/** `GET /advice`: the caller's advice (open by default; `all` adds dismissed and applied), highest impact first. */
export async function listAdvice(userId: string, status: 'open' | 'dismissed' | 'applied' | 'all' = 'open', deps: Listing = listing()) {
  const all = await deps.store.listAdvice(userId);
  return { items: all.filter((r) => status === 'all' || r.status === status).sort(byImpact).map(adviceView) };
}

/** The open advice of a user, highest impact first (for the financial-health report). */
export async function openAdvice(userId: string, deps: Listing = listing()): Promise<ReturnType<typeof adviceView>[]> {
  return (await listAdvice(userId, 'open', deps)).items;
}

/**
 * `POST /advice/{id}/feedback`: records whether it was useful; `dismiss: true` closes it — the same kind, subject
 * and evidence fingerprint give the same id, which recomputes never reopen. 404 for another user's or no advice.
 */
export async function adviceFeedback(userId: string, id: string, input: { useful: boolean; dismiss?: boolean | undefined }, now = new Date(), deps: Feedback = feedback()) {
  const current = await deps.store.getAdvice(userId, id);
  if (!current) throw new NotFoundError(`No advice ${id}.`);
  const dismiss = input.dismiss === true && current.status === 'open';
  const next = await deps.store.updateAdvice(userId, id, { useful: input.useful, ...(dismiss ? { status: 'dismissed' as const } : {}) }, now);
  if (!next) throw new NotFoundError(`No advice ${id}.`);
  return adviceView(next);
}

/**
 * `POST /advice/{id}/apply` (budgets.suggested): creates the suggested monthly budgets through the budgets use case,
 * skipping a category that has a budget by then (so a retry, or a second call, creates none twice), and marks the
 * advice applied. Applying an applied advice answers it again. 409 for any other kind.
 */
export async function applyAdvice(userId: string, id: string, now = new Date(), deps: AdviceApiDeps = apiDefaults()) {
  const current = await deps.store.getAdvice(userId, id);
  if (!current) throw new NotFoundError(`No advice ${id}.`);
  if (current.kind !== 'budgets.suggested' || !current.action) throw new ConflictError(`Advice ${id} (${current.kind}) has nothing to apply; only budgets.suggested advice can be applied.`);
  if (current.status === 'applied') return adviceView(current);
  if (current.status === 'dismissed') throw new ConflictError(`Advice ${id} was dismissed.`);
  const existing = new Map((await deps.sources.budgets(userId)).map((b) => [b.categoryId, b.id]));
  const ids: string[] = [];
  for (const b of current.action.budgets) {
    const had = existing.get(b.categoryId);
    if (had !== undefined) {
      ids.push(had);
      continue;
    }
    try {
      ids.push((await deps.sources.createBudget(userId, { name: `Monthly ${b.categoryId}`, categoryId: b.categoryId, amount: b.amount })).id);
    } catch (e) {
      // A category deleted since the advice was computed cannot take a budget: the others are still created.
      if (!(e instanceof ValidationError)) throw e;
    }
  }
  const next = await deps.store.updateAdvice(userId, id, { status: 'applied', appliedBudgetIds: ids }, now);
  if (!next) throw new NotFoundError(`No advice ${id}.`);
  return adviceView(next);
}
