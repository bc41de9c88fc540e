import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { formatMonth } from '../lib/format';
import type { Advice } from './insight-api';
import { Evidence } from './insight-evidence';
import { StatusBadge } from './insight-status';
import s from './insight.module.css';
import { Money } from './money';
import { Loading, ProblemMessage } from './states';

/** Category names by id (the advice names categories by id). */
export function useCategoryNames(): Map<string, string> {
  const q = useQuery({ queryKey: ['insight', 'categories'], queryFn: () => ok(api.GET('/categories')), staleTime: 300_000 });
  return new Map((q.data?.items ?? []).map((c) => [c.id, c.name]));
}

/** A category's name, else its id made readable ("food.groceries" → "Food › Groceries"). */
function categoryName(id: string, names: Map<string, string>): string {
  return names.get(id) ?? id.split('.').map((p) => p.charAt(0).toUpperCase() + p.slice(1).replace(/-/g, ' ')).join(' › ');
}

const STATUS: Record<Advice['status'], { words: string; tone: string }> = {
  open: { words: 'Open', tone: '' },
  dismissed: { words: 'Dismissed', tone: '' },
  applied: { words: 'Applied', tone: 'good' },
};

/** What the advice rests on: the window, the figures against the threshold, the method, and the details. */
function AdviceEvidence({ a }: { a: Advice }) {
  const e = a.evidence;
  const c = a.impact.currency;
  return (
    <details>
      <summary>Evidence</summary>
      <dl className={s.evidence}>
        <dt>Window</dt>
        <dd>
          {formatMonth(e.window.from)} – {formatMonth(e.window.to)}
        </dd>
        <dt>Baseline</dt>
        <dd><Money minor={e.baseline} currency={c} /></dd>
        <dt>Observed</dt>
        <dd><Money minor={e.observed} currency={c} /></dd>
        <dt>Threshold</dt>
        <dd><Money minor={e.threshold} currency={c} /></dd>
        <dt>Transactions</dt>
        <dd>{e.transactionIds.length}</dd>
        <dt>Method</dt>
        <dd>{e.method} ({e.modelVersion})</dd>
      </dl>
      {e.details && <Evidence evidence={e.details} currency={c} hide={['budgets']} />}
    </details>
  );
}

function SuggestedBudgets({ a, names }: { a: Advice; names: Map<string, string> }) {
  if (!a.action?.budgets.length) return null;
  return (
    <>
      <h3 style={{ margin: '.75rem 0 .25rem', fontSize: '1rem' }}>Suggested monthly budgets</h3>
      <ul>
        {a.action.budgets.map((b) => (
          <li key={b.categoryId}>
            {categoryName(b.categoryId, names)}: <Money minor={b.amount} currency={a.impact.currency} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** The budgets an applied advice created, read back from GET /budgets (amounts in the base currency, the advice's). */
export function CreatedBudgets({ ids, currency, from }: { ids: string[]; currency: string; from: string }) {
  const q = useQuery({ queryKey: ['budgets', 'list'], queryFn: () => ok(api.GET('/budgets')) });
  if (q.isPending) return <Loading label="Loading the new budgets…" />;
  if (q.error) return <ProblemMessage error={q.error} />;
  const created = q.data.items.filter((b) => ids.includes(b.id));
  return (
    <div className="notice" role="status">
      <strong>Budgets created ({created.length})</strong> from “{from}”
      <ul>
        {created.map((b) => (
          <li key={b.id} data-testid="created-budget">
            {b.name}: <Money minor={b.amount} currency={currency} /> a month
          </li>
        ))}
      </ul>
    </div>
  );
}

function useAdviceActions(a: Advice, onApplied: (a: Advice) => void) {
  const queryClient = useQueryClient();
  const done = (next: Advice) => {
    void queryClient.invalidateQueries({ queryKey: ['advice'] });
    if (next.appliedBudgetIds?.length) void queryClient.invalidateQueries({ queryKey: ['budgets'] });
  };
  const feedback = useMutation({ mutationFn: (body: { useful: boolean; dismiss?: boolean }) => ok(api.POST('/advice/{id}/feedback', { params: { path: { id: a.id } }, body })), onSuccess: done });
  const apply = useMutation({
    mutationFn: () => ok(api.POST('/advice/{id}/apply', { params: { path: { id: a.id } } })),
    onSuccess: (next) => {
      // The applied advice leaves the open list: the screen keeps the created budgets in view above it.
      onApplied(next);
      done(next);
    },
  });
  return { feedback, apply };
}

/** One advice: what to do, what it is worth a month, its evidence, feedback, and applying suggested budgets. */
export function AdviceItem({ a, names, onApplied }: { a: Advice; names: Map<string, string>; onApplied: (a: Advice) => void }) {
  const { feedback, apply } = useAdviceActions(a, onApplied);
  const shown = apply.data ?? feedback.data ?? a;
  const canApply = a.kind === 'budgets.suggested' && shown.status === 'open';
  return (
    <li className="card" data-testid="advice" data-advice-id={a.id}>
      <div className={s.head}>
        <h2 style={{ margin: 0, fontSize: '1.05rem' }}>{a.title}</h2>
        <StatusBadge {...STATUS[shown.status]} />
      </div>
      <p>{a.message}</p>
      <p className={s.note}>
        Impact: <strong><Money minor={a.impact.monthly} currency={a.impact.currency} /></strong> a month
      </p>
      <AdviceEvidence a={a} />
      <SuggestedBudgets a={a} names={names} />
      <ProblemMessage error={feedback.error ?? apply.error} />
      <div className={s.actions} role="group" aria-label={`Feedback on ${a.title}`}>
        <button type="button" className="secondary" aria-pressed={shown.useful === true} disabled={feedback.isPending} onClick={() => feedback.mutate({ useful: true })}>Useful</button>
        <button type="button" className="secondary" aria-pressed={shown.useful === false} disabled={feedback.isPending} onClick={() => feedback.mutate({ useful: false })}>Not useful</button>
        {shown.status === 'open' && <button type="button" className="secondary" disabled={feedback.isPending} onClick={() => feedback.mutate({ useful: shown.useful ?? false, dismiss: true })}>Dismiss</button>}
        {canApply && <button type="button" disabled={apply.isPending} onClick={() => apply.mutate()}>{apply.isPending ? 'Creating budgets…' : 'Apply these budgets'}</button>}
      </div>
    </li>
  );
}
