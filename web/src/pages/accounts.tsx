import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, idempotencyKey, ifMatch, ok } from '../api/client';
import { useMe } from '../api/queries';
import { ApiError } from '../api/problem';
import { Field, SelectField } from '../components/field';
import { Money } from '../components/money';
import { problemMember, sumToMinor, toBaseMinor, useAccounts, useBaseRates, type Account } from '../components/plan-data';
import { Dialog, DialogButtons, SaveProblem } from '../components/plan-ui';
import { Empty, QueryState } from '../components/states';
import { decimalToMinor, minorToDecimal } from '../lib/format';

const TYPES = ['checking', 'savings', 'credit', 'cash', 'investment', 'loan'] as const;
type AccountType = (typeof TYPES)[number];
const TYPE_LABEL: Record<AccountType, string> = { checking: 'Checking', savings: 'Savings', credit: 'Credit card', cash: 'Cash', investment: 'Investment', loan: 'Loan' };

type Editing = { mode: 'create' } | { mode: 'edit'; id: string } | { mode: 'delete'; id: string } | null;

/** Accounts with their balances (in their own currency and in the base currency), created, edited and deleted. */
export default function Accounts() {
  const accounts = useAccounts();
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  const current = editing && editing.mode !== 'create' ? accounts.data?.items.find((a) => a.id === editing.id) : undefined;
  return (
    <>
      <h1>Accounts</h1>
      <p>
        <button type="button" onClick={() => setEditing({ mode: 'create' })}>
          New account
        </button>
      </p>
      <QueryState query={accounts} label="Loading accounts…">
        {(data) => (data.items.length === 0 ? <Empty title="No accounts yet">Add the accounts you keep money in: a current account, savings, a card or cash.</Empty> : <AccountTable items={data.items} onEdit={(id) => setEditing({ mode: 'edit', id })} onDelete={(id) => setEditing({ mode: 'delete', id })} />)}
      </QueryState>
      {editing?.mode === 'create' && <AccountForm onClose={close} />}
      {editing?.mode === 'edit' && current && <AccountForm key={current.version} account={current} onClose={close} onReload={() => void accounts.refetch()} />}
      {editing?.mode === 'delete' && current && <DeleteAccount key={current.version} account={current} onClose={close} onReload={() => void accounts.refetch()} />}
    </>
  );
}

function AccountTable({ items, onEdit, onDelete }: { items: Account[]; onEdit: (id: string) => void; onDelete: (id: string) => void }) {
  const base = useMe().data?.baseCurrency;
  const rates = useBaseRates(base);
  return (
    <div className="table-wrap">
      <table>
        <caption className="muted" style={{ textAlign: 'left', paddingBottom: '.5rem' }}>
          Balances in each account&apos;s currency{base ? `, and their value in ${base} at the latest rate` : ''}.
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col" className="num">Balance</th>
            <th scope="col" className="num">Value{base ? ` in ${base}` : ''}</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                {a.name} {a.archived && <span className="badge">Archived</span>}
              </th>
              <td>{TYPE_LABEL[a.type]}</td>
              <td className="num">
                <Money minor={sumToMinor(a.balance)} currency={a.currency} tone />
                {a.otherCurrencies.map((o) => (
                  <div key={o.currency} className="muted">
                    + <Money minor={sumToMinor(o.amount)} currency={o.currency} /> recorded in {o.currency}
                  </div>
                ))}
              </td>
              <td className="num">{base && <BaseValue account={a} base={base} rates={rates.data?.rates} ratesPending={rates.isPending} />}</td>
              <td>
                <div className="row">
                  <button type="button" className="secondary" onClick={() => onEdit(a.id)} aria-label={`Edit ${a.name}`}>
                    Edit
                  </button>
                  <button type="button" className="secondary" onClick={() => onDelete(a.id)} aria-label={`Delete ${a.name}`}>
                    Delete
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BaseValue({ account, base, rates, ratesPending }: { account: Account; base: string; rates: Record<string, string> | undefined; ratesPending: boolean }) {
  const value = toBaseMinor(account.balance, account.currency, base, rates?.[account.currency]);
  if (value !== undefined) return <Money minor={value} currency={base} />;
  return <span className="muted">{ratesPending ? 'Loading rate…' : `No ${account.currency} rate yet`}</span>;
}

function AccountForm({ account, onClose, onReload }: { account?: Account; onClose: () => void; onReload?: () => void }) {
  const queryClient = useQueryClient();
  const baseCurrency = useMe().data?.baseCurrency ?? 'EUR';
  const [name, setName] = useState(account?.name ?? '');
  const [type, setType] = useState<AccountType>(account?.type ?? 'checking');
  const [currency, setCurrency] = useState(account?.currency ?? baseCurrency);
  const [opening, setOpening] = useState(account ? minorToDecimal(account.openingBalance, account.currency) : '0');
  const [archived, setArchived] = useState(account?.archived ?? false);
  const [amountError, setAmountError] = useState<string>();
  const save = useMutation({
    mutationFn: (openingBalance: number) =>
      account
        ? ok(api.PATCH('/accounts/{id}', { params: { path: { id: account.id }, header: ifMatch(account.version) }, body: { name, type, openingBalance, archived } }))
        : ok(api.POST('/accounts', { params: { header: idempotencyKey() }, body: { name, type, currency: currency.trim().toUpperCase(), openingBalance } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const minor = decimalToMinor(opening, currency.trim().toUpperCase() || 'EUR');
    setAmountError(minor === undefined ? `Enter an amount such as 1250.00 in ${currency}` : undefined);
    if (minor !== undefined) save.mutate(minor);
  };
  return (
    <Dialog title={account ? `Edit ${account.name}` : 'New account'} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Field label="Name" required value={name} onChange={(e) => setName(e.target.value)} error={fields['body.name']} />
        <SelectField label="Type" value={type} onChange={(e) => setType(e.target.value as AccountType)}>
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABEL[t]}
            </option>
          ))}
        </SelectField>
        {account ? (
          <p className="muted">Currency: {account.currency} (fixed once the account exists)</p>
        ) : (
          <Field label="Currency" value={currency} maxLength={3} autoCapitalize="characters" hint="ISO code such as EUR, USD, GBP" onChange={(e) => setCurrency(e.target.value)} error={fields['body.currency']} />
        )}
        <Field label="Opening balance" inputMode="decimal" value={opening} onChange={(e) => setOpening(e.target.value)} error={amountError ?? fields['body.openingBalance']} hint="Negative for a card or loan you owe on" />
        {account && (
          <label className="row" style={{ alignItems: 'center', marginBottom: '.75rem' }}>
            <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} /> Archived (hidden from new transactions, history kept)
          </label>
        )}
        <SaveProblem error={save.error} {...(onReload ? { onReload } : {})} />
        <DialogButtons busy={save.isPending} label={account ? 'Save changes' : 'Create account'} busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function DeleteAccount({ account, onClose, onReload }: { account: Account; onClose: () => void; onReload: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/accounts/{id}', { params: { path: { id: account.id }, header: ifMatch(account.version) } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
  });
  const goals = followingGoals(remove.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    remove.mutate();
  };
  return (
    <Dialog title={`Delete ${account.name}?`} onClose={onClose}>
      <form onSubmit={submit}>
        <p>An account with transactions cannot be deleted; archive it instead to keep its history.</p>
        <SaveProblem error={remove.error} onReload={onReload} />
        {goals.length > 0 && <FollowingGoals goals={goals} />}
        <DialogButtons busy={remove.isPending} label="Delete account" busyLabel="Deleting…" onCancel={onClose} danger />
      </form>
    </Dialog>
  );
}

/** The goals a 409 names (its `goals` member), each with a way to go and change it. */
function followingGoals(error: unknown): { id: string; name: string }[] {
  return problemMember(error, 'goals') ?? [];
}

function FollowingGoals({ goals }: { goals: { id: string; name: string }[] }) {
  return (
    <div className="notice">
      <p>These savings goals follow this account. Delete them, or edit them to count contributions instead, then delete the account:</p>
      <ul>
        {goals.map((g) => (
          <li key={g.id}>{g.name}</li>
        ))}
      </ul>
      <Link to="/goals">Go to goals</Link>
    </div>
  );
}
