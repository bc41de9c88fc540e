import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ok } from '../api/client';
import { useMe } from '../api/queries';
import { fieldMessages, NewPasswordField } from '../components/auth-fields';
import { useSignOut } from '../components/auth-sign-out';
import { Field } from '../components/field';
import { DeleteAccount } from '../components/settings-delete';
import { ProfileForm } from '../components/settings-profile';
import { ProblemMessage, QueryState } from '../components/states';
import s from './settings.module.css';

/** Profile, password, sessions and account deletion. */
export default function Settings() {
  const me = useMe();
  return (
    <>
      <h1>Settings</h1>
      <div className={s.stack}>
        <QueryState query={me} label="Loading your profile…">
          {(profile) => (
            <div>
              <p className={s.signedIn}>
                Signed in as <strong>{profile.email}</strong>
              </p>
              <ProfileForm profile={profile} />
            </div>
          )}
        </QueryState>
        <div className={s.sections}>
          <ChangePassword />
          <Sessions />
        </div>
        <DeleteAccount />
      </div>
    </>
  );
}

/** POST /auth/change-password: this session stays signed in, every other one ends. */
function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () => ok(api.POST('/auth/change-password', { body: { currentPassword: current, newPassword: next } })),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(next !== repeat);
    if (next === repeat) change.mutate();
  };
  const fields = fieldMessages(change.error);
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Change password</h2>
      <Field label="Current password" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} error={fields['body.currentPassword']} />
      <NewPasswordField value={next} onChange={(e) => setNext(e.target.value)} error={fields['body.newPassword']} />
      <Field label="Repeat the new password" type="password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} error={mismatch ? 'does not match the new password' : undefined} />
      <ProblemMessage error={change.error} />
      {change.isSuccess && (
        <p className="notice" role="status">
          Password changed. You stay signed in here; every other session was signed out.
        </p>
      )}
      <button type="submit" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}

/** End every session of the account (other browsers and devices too); "Sign out" at the top ends only this one. */
function Sessions() {
  const signOut = useSignOut();
  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <p>Signing out everywhere ends every session of your account, in this browser and on every other device. To leave only this one, use Sign out at the top.</p>
      <ProblemMessage error={signOut.error} />
      <button type="button" className="secondary" disabled={signOut.isPending} onClick={() => signOut.mutate({ everywhere: true })}>
        {signOut.isPending ? 'Signing out everywhere…' : 'Sign out everywhere'}
      </button>
    </section>
  );
}
