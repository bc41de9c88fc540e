import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, idempotencyKey, ifMatch, ok } from '../api/client';
import { ApiError } from '../api/problem';
import { useMe } from '../api/queries';
import type { paths } from '../api/schema';
import { Field, SelectField } from '../components/field';
import { GoalCard, type Goal } from '../components/plan-goal-card';
import { categoryLabels, useAccounts, useCategories } from '../components/plan-data';
import { Dialog, DialogButtons, SaveProblem } from '../components/plan-ui';
import { Empty, QueryState } from '../components/states';
import { decimalToMinor, minorToDecimal } from '../lib/format';

type Editing = { mode: 'create' } | { mode: 'edit' | 'delete'; id: string } | null;

function useGoals() {
  // Account goals follow balances and monthly rollups that settle in the background: asked again while open.
  return useQuery({ queryKey: ['goals'], queryFn: () => ok(api.GET('/goals')), refetchInterval: 15_000 });
}

/** Savings goals: progress, what they need per month, the odds of reaching them, contributions; created, edited, deleted. */
export default function Goals() {
  const goals = useGoals();
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  const current = editing && editing.mode !== 'create' ? goals.data?.items.find((g) => g.id === editing.id) : undefined;
  const reload = () => void goals.refetch();
  return (
    <>
      <h1>Goals</h1>
      <p>
        <button type="button" onClick={() => setEditing({ mode: 'create' })}>
          New goal
        </button>
      </p>
      <QueryState query={goals} label="Loading goals…">
        {(data) => (data.items.length === 0 ? <Empty title="No goals yet">Save towards something: a holiday, a deposit, a safety cushion. Tally tells you what it takes each month and how likely you are to make it.</Empty> : <GoalList items={data.items} onPick={(mode, id) => setEditing({ mode, id })} />)}
      </QueryState>
      {editing?.mode === 'create' && <GoalForm onClose={close} />}
      {editing?.mode === 'edit' && current && <GoalForm key={current.version} goal={current} onClose={close} onReload={reload} />}
      {editing?.mode === 'delete' && current && <DeleteGoal key={current.version} goal={current} onClose={close} onReload={reload} />}
    </>
  );
}

function GoalList({ items, onPick }: { items: Goal[]; onPick: (mode: 'edit' | 'delete', id: string) => void }) {
  const accounts = useAccounts().data?.items;
  const labels = categoryLabels(useCategories().data?.items);
  return (
    <div className="grid">
      {items.map((g) => (
        <GoalCard key={g.id} goal={g} accountName={accounts?.find((a) => a.id === g.accountId)?.name} categoryName={(id) => labels.get(id) ?? id} onEdit={() => onPick('edit', g.id)} onDelete={() => onPick('delete', g.id)} />
      ))}
    </div>
  );
}

interface GoalDraft {
  name: string;
  target: string;
  currency: string;
  targetDate: string;
  accountId: string;
  start: string;
}

type CreateBody = paths['/goals']['post']['requestBody']['content']['application/json'];
type PatchBody = NonNullable<paths['/goals/{id}']['patch']['requestBody']>['content']['application/json'];
type Body = { create: CreateBody } | { patch: PatchBody };

/** The body of a create or a change (only what changed about the account, so a goal with contributions is not refused). */
function goalBody(d: GoalDraft, goal: Goal | undefined): { body?: Body; errors: Record<string, string> } {
  const currency = d.currency.trim().toUpperCase();
  const targetAmount = decimalToMinor(d.target, currency || 'EUR');
  const startAmount = d.start.trim() ? decimalToMinor(d.start, currency || 'EUR') : 0;
  const errors: Record<string, string> = {};
  if (targetAmount === undefined || targetAmount <= 0) errors['body.targetAmount'] = `Enter a positive amount such as 2500.00 in ${currency}`;
  if (startAmount === undefined || startAmount < 0) errors['body.startAmount'] = `Enter an amount such as 100.00 in ${currency}, or leave it empty`;
  if (targetAmount === undefined || startAmount === undefined || Object.keys(errors).length) return { errors };
  const common = { name: d.name, targetAmount, currency };
  if (!goal) {
    const create: CreateBody = { ...common, ...(d.targetDate ? { targetDate: d.targetDate } : {}), ...(d.accountId ? { accountId: d.accountId } : { startAmount }) };
    return { body: { create }, errors };
  }
  const patch: PatchBody = { ...common, targetDate: d.targetDate || null };
  if ((goal.accountId ?? '') !== d.accountId) patch.accountId = d.accountId || null;
  if (!d.accountId) patch.startAmount = startAmount;
  return { body: { patch }, errors };
}

function useSaveGoal(goal: Goal | undefined, onClose: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) =>
      goal && 'patch' in body
        ? ok(api.PATCH('/goals/{id}', { params: { path: { id: goal.id }, header: ifMatch(goal.version) }, body: body.patch }))
        : 'create' in body
          ? ok(api.POST('/goals', { params: { header: idempotencyKey() }, body: body.create }))
          : Promise.reject(new Error('Nothing to save')),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['goals'] });
      onClose();
    },
  });
}

function GoalForm({ goal, onClose, onReload }: { goal?: Goal; onClose: () => void; onReload?: () => void }) {
  const base = useMe().data?.baseCurrency ?? 'EUR';
  const accounts = useAccounts().data?.items ?? [];
  const [d, setD] = useState<GoalDraft>(() => ({
    name: goal?.name ?? '',
    target: goal ? minorToDecimal(goal.targetAmount, goal.currency) : '',
    currency: goal?.currency ?? base,
    targetDate: goal?.targetDate ?? '',
    accountId: goal?.accountId ?? '',
    start: goal && goal.startAmount > 0 ? minorToDecimal(goal.startAmount, goal.currency) : '',
  }));
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useSaveGoal(goal, onClose);
  const set = (key: keyof GoalDraft) => (e: { target: { value: string } }) => setD((x) => ({ ...x, [key]: e.target.value }));
  const fields = { ...(save.error instanceof ApiError ? save.error.fieldErrors() : {}), ...local };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { body, errors } = goalBody(d, goal);
    setLocal(errors);
    if (body) save.mutate(body);
  };
  return (
    <Dialog title={goal ? `Edit ${goal.name}` : 'New goal'} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Field label="Name" required value={d.name} onChange={set('name')} error={fields['body.name']} />
        <div className="row">
          <Field label={`Target (${d.currency.toUpperCase() || base})`} inputMode="decimal" required value={d.target} onChange={set('target')} error={fields['body.targetAmount']} />
          <Field label="Currency" value={d.currency} maxLength={3} onChange={set('currency')} error={fields['body.currency']} />
          <Field label="Target date" type="date" value={d.targetDate} onChange={set('targetDate')} error={fields['body.targetDate']} hint="Optional; needed for the odds" />
        </div>
        <SelectField label="Progress comes from" value={d.accountId} onChange={set('accountId')} error={fields['body.accountId']} hint="A linked account counts its balance; otherwise you record contributions">
          <option value="">Contributions I record</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              The balance of {a.name}
            </option>
          ))}
        </SelectField>
        {!d.accountId && <Field label="Already saved" inputMode="decimal" value={d.start} onChange={set('start')} error={fields['body.startAmount']} />}
        <SaveProblem error={save.error} {...(onReload ? { onReload } : {})} />
        <DialogButtons busy={save.isPending} label={goal ? 'Save changes' : 'Create goal'} busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function DeleteGoal({ goal, onClose, onReload }: { goal: Goal; onClose: () => void; onReload: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/goals/{id}', { params: { path: { id: goal.id }, header: ifMatch(goal.version) } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['goals'] });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    remove.mutate();
  };
  return (
    <Dialog title={`Delete ${goal.name}?`} onClose={onClose}>
      <form onSubmit={submit}>
        <p>Its contributions are deleted with it; accounts and transactions are not touched.</p>
        <SaveProblem error={remove.error} onReload={onReload} />
        <DialogButtons busy={remove.isPending} label="Delete goal" busyLabel="Deleting…" onCancel={onClose} danger />
      </form>
    </Dialog>
  );
}
