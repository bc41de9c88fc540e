import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { api, ok } from '../api/client';
import { ApiError } from '../api/problem';
import { useEndSession } from './auth-sign-out';
import { Field } from './field';
import { ProblemMessage } from './states';

/** What the person types to show they mean it. */
const CONFIRM_WORD = 'DELETE';

/** DELETE /me with the password (the API asks for it unless the sign-in is under 5 minutes old): true while erasing. */
async function deleteAccount(password: string): Promise<boolean> {
  // 204 has no body; 202 answers {"status": "erasing"} (typed from the contract).
  const answer = await ok(api.DELETE('/me', { body: { password } }));
  return answer?.status === 'erasing';
}

/** Account deletion behind a dialog that needs the word DELETE and the password; then the session ends here. */
export function DeleteAccount() {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const endSession = useEndSession();
  const [typed, setTyped] = useState('');
  const [password, setPassword] = useState('');
  const remove = useMutation({
    mutationFn: () => deleteAccount(password),
    onSuccess: (erasing) => endSession(erasing ? 'erasing' : 'deleted'),
  });
  const close = () => {
    dialog.current?.close();
    setTyped('');
    setPassword('');
    remove.reset();
    opener.current?.focus();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim() === CONFIRM_WORD && password) remove.mutate();
  };
  const fields = remove.error instanceof ApiError ? remove.error.fieldErrors() : {};
  return (
    <section className="card" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete account</h2>
      <p>Erases your profile, accounts, transactions, budgets, goals and everything else, and signs you out everywhere. It cannot be undone.</p>
      <button type="button" className="danger" ref={opener} onClick={() => dialog.current?.showModal()}>
        Delete account…
      </button>
      <dialog ref={dialog} aria-labelledby="delete-dialog-heading" onClose={close}>
        <form onSubmit={submit} noValidate>
          <h2 id="delete-dialog-heading">Delete your account for good?</h2>
          <p>Everything in Tally for this account is erased. Type {CONFIRM_WORD} and your password to confirm.</p>
          <Field label={`Type ${CONFIRM_WORD} to confirm`} autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
          <Field label="Your password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={fields['body.password']} />
          <ProblemMessage error={remove.error} />
          <div className="row">
            <button type="submit" className="danger" disabled={remove.isPending || typed.trim() !== CONFIRM_WORD || !password}>
              {remove.isPending ? 'Deleting…' : 'Delete my account'}
            </button>
            <button type="button" className="secondary" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
