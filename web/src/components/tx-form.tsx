import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/problem';
import { ProblemMessage } from './states';
import { TxConflict } from './tx-conflict';
import { TxFields } from './tx-fields';
import { blankValues, changedFields, localErrors, reapply, serverErrors, toInput, toPatch, valuesOf, type FormValues } from './tx-form-model';
import { fetchTransaction, useCreateTransaction, useDeleteTransaction, useUpdateTransaction, type Account, type Category, type Transaction } from './tx-queries';

interface Props {
  titleId: string;
  tx: Transaction | undefined;
  accounts: Account[];
  categories: Category[];
  onDone: () => void;
}

const refused = (e: unknown) => e instanceof ApiError && e.status >= 400 && e.status < 500;

/** State of one opening of the dialog: the version read, what the person typed, and a conflict when one came back. */
function useTxForm(tx: Transaction | undefined, accounts: Account[], onDone: () => void) {
  const [base, setBase] = useState(tx);
  const [started, setStarted] = useState<FormValues>(() => (tx ? valuesOf(tx) : blankValues(accounts.find((a) => !a.archived))));
  const [values, setValues] = useState(started);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<Transaction | 'deleted' | undefined>();
  // One key per attempt: a retry after a lost answer reuses it; after a refusal the corrected body needs a new one.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const create = useCreateTransaction();
  const update = useUpdateTransaction();
  const remove = useDeleteTransaction();
  const queryClient = useQueryClient();
  const onError = (e: unknown) => {
    if (!(e instanceof ApiError) || e.status !== 412 || !base) return;
    // The list behind the dialog shows the old version too.
    void queryClient.invalidateQueries({ queryKey: ['transactions'] });
    fetchTransaction(base.id).then(setConflict, (err: unknown) => setConflict(err instanceof ApiError && err.status === 404 ? 'deleted' : undefined));
  };
  const save = () => {
    const errors = localErrors(values);
    setLocal(errors);
    if (Object.keys(errors).length > 0) return;
    if (!base) return create.mutate({ body: toInput(values), key }, { onSuccess: onDone, onError: (e) => refused(e) && setKey(crypto.randomUUID()) });
    const patch = toPatch(values, started);
    if (Object.keys(patch).length === 0) return onDone();
    update.mutate({ id: base.id, version: base.version, body: patch }, { onSuccess: onDone, onError });
  };
  const del = () => base && remove.mutate({ id: base.id, version: base.version }, { onSuccess: onDone, onError });
  /** Adopt the version someone else saved, keeping (or dropping) what this person changed. */
  const adopt = (current: Transaction, keepMine: boolean) => {
    const theirs = valuesOf(current);
    setValues(keepMine ? reapply(values, started, theirs) : theirs);
    setStarted(theirs);
    setBase(current);
    setConflict(undefined);
    update.reset();
    remove.reset();
  };
  const failed = create.error ?? update.error ?? remove.error;
  const fieldErrors = { ...(failed instanceof ApiError ? serverErrors(failed.fieldErrors()) : {}), ...local };
  return { base, values, setValues, save, del, adopt, conflict, failed, fieldErrors, mine: changedFields(values, started), pending: create.isPending || update.isPending || remove.isPending };
}

export function TxForm({ titleId, tx, accounts, categories, onDone }: Props) {
  const f = useTxForm(tx, accounts, onDone);
  const [confirming, setConfirming] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    f.save();
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2 id={titleId}>{f.base ? 'Edit transaction' : 'Add a transaction'}</h2>
      {f.conflict ? <TxConflict current={f.conflict} mine={f.mine} accounts={accounts} categories={categories} onAdopt={f.adopt} onClose={onDone} /> : <ProblemMessage error={f.failed} />}
      <TxFields values={f.values} set={f.setValues} accounts={accounts} categories={categories} errors={f.fieldErrors} />
      <div className="row">
        <button type="submit" disabled={f.pending || Boolean(f.conflict)}>
          {f.pending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
        {f.base && !confirming && (
          <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={Boolean(f.conflict)}>
            Delete
          </button>
        )}
      </div>
      {f.base && confirming && (
        <div className="notice" role="group" aria-label="Confirm deletion">
          <p>Delete “{f.base.description}” for good?</p>
          <div className="row">
            <button type="button" className="danger" onClick={f.del} disabled={f.pending || Boolean(f.conflict)}>
              Yes, delete it
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
