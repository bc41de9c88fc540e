import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, idempotencyKey, ifMatch, ok } from '../api/client';
import { ApiError } from '../api/problem';
import { useMe } from '../api/queries';
import { Field, SelectField } from '../components/field';
import { BudgetCard } from '../components/plan-budget-card';
import { categoryLabels, useBudgets, useCategories, type Budget } from '../components/plan-data';
import { Dialog, DialogButtons, SaveProblem } from '../components/plan-ui';
import { Empty, ProblemMessage, QueryState } from '../components/states';
import { decimalToMinor, minorToDecimal } from '../lib/format';

type Editing = { mode: 'create' } | { mode: 'edit' | 'delete'; id: string } | null;

/** Spending rolls up in the background: the status is asked again while the screen is open. */
const STATUS_REFRESH_MS = 10_000;

/** Budgets with where they stand (spent against the limit, the pace in words, rollover); created, edited, deleted. */
export default function Budgets() {
  const budgets = useBudgets();
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  const current = editing && editing.mode !== 'create' ? budgets.data?.items.find((b) => b.id === editing.id) : undefined;
  const reload = () => void budgets.refetch();
  return (
    <>
      <h1>Budgets</h1>
      <p>
        <button type="button" onClick={() => setEditing({ mode: 'create' })}>
          New budget
        </button>
      </p>
      <QueryState query={budgets} label="Loading budgets…">
        {(data) => (data.items.length === 0 ? <Empty title="No budgets yet">Set a limit per week, month or year for a category or for all your spending; Tally warns you before it runs out.</Empty> : <BudgetList items={data.items} onPick={(mode, id) => setEditing({ mode, id })} />)}
      </QueryState>
      {editing?.mode === 'create' && <BudgetForm onClose={close} />}
      {editing?.mode === 'edit' && current && <BudgetForm key={current.version} budget={current} onClose={close} onReload={reload} />}
      {editing?.mode === 'delete' && current && <DeleteBudget key={current.version} budget={current} onClose={close} onReload={reload} />}
    </>
  );
}

function BudgetList({ items, onPick }: { items: Budget[]; onPick: (mode: 'edit' | 'delete', id: string) => void }) {
  const base = useMe().data?.baseCurrency ?? 'EUR';
  const labels = categoryLabels(useCategories().data?.items);
  const status = useQuery({ queryKey: ['budgets', 'status'], queryFn: () => ok(api.GET('/budgets/status')), refetchInterval: STATUS_REFRESH_MS });
  return (
    <>
      <div className="row" style={{ alignItems: 'center', marginBottom: '.75rem' }}>
        <button type="button" className="secondary" onClick={() => void status.refetch()} disabled={status.isFetching}>
          {status.isFetching ? 'Refreshing…' : 'Refresh spending'}
        </button>
        <span className="muted">New transactions are counted within moments.</span>
      </div>
      <ProblemMessage error={status.error} />
      <div className="grid">
        {items.map((b) => (
          <BudgetCard
            key={b.id}
            budget={b}
            status={status.data?.items.find((s) => s.budgetId === b.id)}
            categoryName={b.categoryId ? (labels.get(b.categoryId) ?? 'A deleted category') : 'Every category'}
            base={base}
            onEdit={() => onPick('edit', b.id)}
            onDelete={() => onPick('delete', b.id)}
          />
        ))}
      </div>
    </>
  );
}

function useSaveBudget(budget: Budget | undefined, onClose: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Pick<Budget, 'name' | 'categoryId' | 'period' | 'amount' | 'rollover' | 'thresholds'>) =>
      budget ? ok(api.PATCH('/budgets/{id}', { params: { path: { id: budget.id }, header: ifMatch(budget.version) }, body })) : ok(api.POST('/budgets', { params: { header: idempotencyKey() }, body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['budgets'] });
      onClose();
    },
  });
}

function BudgetForm({ budget, onClose, onReload }: { budget?: Budget; onClose: () => void; onReload?: () => void }) {
  const base = useMe().data?.baseCurrency ?? 'EUR';
  const labels = categoryLabels(useCategories().data?.items);
  const [name, setName] = useState(budget?.name ?? '');
  const [categoryId, setCategoryId] = useState(budget?.categoryId ?? '');
  const [period, setPeriod] = useState<Budget['period']>(budget?.period ?? 'monthly');
  const [amount, setAmount] = useState(budget ? minorToDecimal(budget.amount, base) : '');
  const [rollover, setRollover] = useState<Budget['rollover']>(budget?.rollover ?? 'none');
  const [thresholds, setThresholds] = useState((budget?.thresholds ?? [50, 80, 100]).join(', '));
  const [amountError, setAmountError] = useState<string>();
  const [thresholdError, setThresholdError] = useState<string>();
  const save = useSaveBudget(budget, onClose);
  const fields = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const minor = decimalToMinor(amount, base);
    const percents = parsePercents(thresholds);
    setAmountError(minor === undefined || minor <= 0 ? `Enter a positive amount such as 400.00 in ${base}` : undefined);
    setThresholdError(percents ? undefined : 'Whole percents from 1 to 1000, separated by commas, such as 50, 80, 100');
    if (minor !== undefined && minor > 0 && percents) save.mutate({ name, categoryId: categoryId || null, period, amount: minor, rollover, thresholds: percents });
  };
  return (
    <Dialog title={budget ? `Edit ${budget.name}` : 'New budget'} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Field label="Name" required value={name} onChange={(e) => setName(e.target.value)} error={fields['body.name']} />
        <SelectField label="Covers" value={categoryId} onChange={(e) => setCategoryId(e.target.value)} error={fields['body.categoryId']} hint="A category budget covers its sub-categories too">
          <option value="">Every category (overall)</option>
          {[...labels.entries()]
            .sort((a, b) => a[1].localeCompare(b[1]))
            .map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
        </SelectField>
        <div className="row">
          <SelectField label="Period" value={period} onChange={(e) => setPeriod(e.target.value as Budget['period'])}>
            <option value="weekly">Weekly</option>
            <option value="monthly">Monthly</option>
            <option value="yearly">Yearly</option>
          </SelectField>
          <Field label={`Limit (${base})`} inputMode="decimal" required value={amount} onChange={(e) => setAmount(e.target.value)} error={amountError ?? fields['body.amount']} />
        </div>
        <SelectField label="Rollover" value={rollover} onChange={(e) => setRollover(e.target.value as Budget['rollover'])}>
          <option value="none">None: each period starts afresh</option>
          <option value="positive">Carry what is left into the next period</option>
          <option value="full">Carry what is left, and an overspend too</option>
        </SelectField>
        <Field label="Alert at (% of what is available)" value={thresholds} onChange={(e) => setThresholds(e.target.value)} error={thresholdError ?? fields['body.thresholds']} hint="You get an alert as spending passes each one" />
        <SaveProblem error={save.error} {...(onReload ? { onReload } : {})} />
        <DialogButtons busy={save.isPending} label={budget ? 'Save changes' : 'Create budget'} busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** "50, 80, 100" → [50, 80, 100]; undefined unless every part is a whole percent from 1 to 1000. */
function parsePercents(text: string): number[] | undefined {
  const parts = text.split(',').map((p) => p.trim().replace(/%$/, '')).filter(Boolean);
  if (parts.length === 0 || parts.length > 10 || !parts.every((p) => /^\d{1,4}$/.test(p))) return undefined;
  const values = parts.map(Number);
  return values.every((v) => v >= 1 && v <= 1000) ? values : undefined;
}

function DeleteBudget({ budget, onClose, onReload }: { budget: Budget; onClose: () => void; onReload: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/budgets/{id}', { params: { path: { id: budget.id }, header: ifMatch(budget.version) } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['budgets'] });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    remove.mutate();
  };
  return (
    <Dialog title={`Delete ${budget.name}?`} onClose={onClose}>
      <form onSubmit={submit}>
        <p>Its alerts stop; your transactions are not touched.</p>
        <SaveProblem error={remove.error} onReload={onReload} />
        <DialogButtons busy={remove.isPending} label="Delete budget" busyLabel="Deleting…" onCancel={onClose} danger />
      </form>
    </Dialog>
  );
}
