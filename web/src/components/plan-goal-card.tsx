import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, idempotencyKey, ok } from '../api/client';
import { ApiError } from '../api/problem';
import type { paths } from '../api/schema';
import { decimalToMinor, formatDate, formatMoney, formatMonth, formatPercent, today } from '../lib/format';
import { Field } from './field';
import { sumToMinor } from './plan-data';
import { ProgressBar } from './plan-ui';
import { ProblemMessage } from './states';

type Json<T> = T extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;
export type Goal = Json<paths['/goals']['get']>['items'][number];

const WORD = { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track', reached: 'Reached' } as const;
const BADGE = { on_track: 'badge good', at_risk: 'badge warn', off_track: 'badge bad', reached: 'badge good' } as const;

interface CardProps {
  goal: Goal;
  accountName: string | undefined;
  categoryName: (id: string) => string;
  onEdit: () => void;
  onDelete: () => void;
}

/** A goal: progress, what it takes per month, when it will be reached, the odds and how to improve them. */
export function GoalCard({ goal: g, accountName, categoryName, onEdit, onDelete }: CardProps) {
  const m = (x: number | string) => formatMoney(sumToMinor(x), g.currency);
  const progress = `${m(g.saved)} saved of ${m(g.targetAmount)} (${formatPercent(g.percent / 100, 2)})`;
  return (
    <article className="card" aria-labelledby={`goal-${g.id}`}>
      <h2 id={`goal-${g.id}`} style={{ marginTop: 0 }}>
        {g.name}
      </h2>
      <p style={{ marginBottom: '.25rem' }}>
        <span className={BADGE[g.status]}>{WORD[g.status]}</span> {progress}
      </p>
      <ProgressBar ratio={g.percent / 100} tone={g.status === 'off_track' ? 'bad' : g.status === 'at_risk' ? 'warn' : undefined} label={progress} />
      <dl className="goal-facts" style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '.2rem .75rem', margin: '.75rem 0' }}>
        <dt className="muted">Saved from</dt>
        <dd style={{ margin: 0 }}>{g.savedFrom === 'account' ? `The balance of ${accountName ?? 'its account'}` : 'The contributions you record'}</dd>
        <dt className="muted">Target date</dt>
        <dd style={{ margin: 0 }}>{g.targetDate ? formatDate(g.targetDate) : 'None'}</dd>
        <dt className="muted">Needed per month</dt>
        <dd style={{ margin: 0 }}>{g.requiredMonthly === null ? 'No target date' : m(g.requiredMonthly)}</dd>
        <dt className="muted">Saving per month lately</dt>
        <dd style={{ margin: 0 }}>{g.averageMonthly === null ? 'No complete month yet' : m(g.averageMonthly)}</dd>
        <dt className="muted">Reached at this pace</dt>
        <dd style={{ margin: 0 }}>{g.projectedCompletion ? formatDate(g.projectedCompletion) : g.status === 'reached' ? 'Already reached' : 'Not at the current pace'}</dd>
      </dl>
      <Odds goal={g} />
      {g.suggestion && <Suggestion suggestion={g.suggestion} money={m} categoryName={categoryName} />}
      {g.savedFrom === 'contributions' && <Contribute goal={g} />}
      <Recent goal={g} money={m} />
      <div className="row" style={{ marginTop: '.75rem' }}>
        <button type="button" className="secondary" onClick={onEdit} aria-label={`Edit ${g.name}`}>
          Edit
        </button>
        <button type="button" className="secondary" onClick={onDelete} aria-label={`Delete ${g.name}`}>
          Delete
        </button>
      </div>
    </article>
  );
}

/** The probability of reaching the goal, and what it was computed from, in words. */
function Odds({ goal: g }: { goal: Goal }) {
  const f = g.feasibility;
  const b = f.basis;
  if (f.probability === null) return <p>Odds: not known yet. {b.reason ?? ''}</p>;
  const months = b.months.length ? ` (${formatMonth(b.months[0] ?? '', true)} to ${formatMonth(b.months[b.months.length - 1] ?? '', true)})` : '';
  const from = `your ${b.count} month${b.count === 1 ? '' : 's'} of saving${months}`;
  const left = b.monthsLeft === null ? '' : ` over the ${b.monthsLeft} month${b.monthsLeft === 1 ? '' : 's'} left`;
  const how: Record<typeof f.method, string> = {
    bootstrap: `Tally replayed ${b.draws?.toLocaleString() ?? 'many'} possible futures by drawing months at random from ${from}, and counted how many save the rest${left}.`,
    'normal-approximation': `Estimated from the average and the spread of ${from}${left}.`,
    deterministic: `Every one of ${from} was the same, so the answer is certain${left}.`,
    none: b.reason ?? '',
  };
  return (
    <div>
      <p style={{ marginBottom: '.25rem' }}>
        <strong>Chance of reaching it in time: {formatPercent(f.probability)}</strong>
      </p>
      <p className="muted" style={{ marginTop: 0 }}>
        {how[f.method]}
      </p>
    </div>
  );
}

function Suggestion({ suggestion: s, money, categoryName }: { suggestion: NonNullable<Goal['suggestion']>; money: (x: number) => string; categoryName: (id: string) => string }) {
  if (s.cuts.length === 0 || s.totalCut === 0) {
    return (
      <p className="notice">
        You need {money(s.monthlyGap)} a month more than you save lately. There was no discretionary spending in the last 3 months to cut from: a later date or a smaller target may fit better.
      </p>
    );
  }
  return (
    <div className="notice">
      <p style={{ margin: 0 }}>
        To close a gap of {money(s.monthlyGap)} a month, spend {money(s.totalCut)} a month less on:
      </p>
      <ul>
        {s.cuts.map((c) => (
          <li key={c.categoryId}>
            {categoryName(c.categoryId)}: {money(c.cut)} less (from about {money(c.median)} to {money(c.newMonthly)})
          </li>
        ))}
      </ul>
      {!s.closesGap && <p style={{ margin: 0 }}>Even that leaves {money(s.shortfall)} a month short: a later date or a smaller target may fit better.</p>}
    </div>
  );
}

function Recent({ goal: g, money }: { goal: Goal; money: (x: number) => string }) {
  if (g.recentContributions.length === 0) return null;
  return (
    <details>
      <summary>Recent contributions ({g.contributionCount})</summary>
      <ul>
        {g.recentContributions.slice(0, 5).map((c) => (
          <li key={c.id}>
            {formatDate(c.date)}: {money(c.amount)}
            {c.note ? ` — ${c.note}` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Records a contribution (negative takes money out); the goal's progress is the answer. */
function Contribute({ goal }: { goal: Goal }) {
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const [amountError, setAmountError] = useState<string>();
  const add = useMutation({
    mutationFn: (minor: number) => ok(api.POST('/goals/{id}/contributions', { params: { path: { id: goal.id }, header: idempotencyKey() }, body: { amount: minor, date, ...(note.trim() ? { note } : {}) } })),
    onSuccess: async () => {
      setAmount('');
      setNote('');
      await queryClient.invalidateQueries({ queryKey: ['goals'] });
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const minor = decimalToMinor(amount, goal.currency);
    setAmountError(minor === undefined || minor === 0 ? `Enter an amount such as 50.00 in ${goal.currency} (negative to take money out)` : undefined);
    if (minor !== undefined && minor !== 0) add.mutate(minor);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Contribute to ${goal.name}`}>
      <div className="row">
        <Field label={`Contribution (${goal.currency})`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={amountError ?? fields['body.amount']} />
        <Field label="Date" type="date" value={date} onChange={(e) => setDate(e.target.value)} error={fields['body.date']} />
        <Field label="Note" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
      </div>
      <ProblemMessage error={add.error} />
      <button type="submit" disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add contribution'}
      </button>
    </form>
  );
}
