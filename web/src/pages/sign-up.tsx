import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ok } from '../api/client';
import { fieldMessages, NewPasswordField } from '../components/auth-fields';
import { Field } from '../components/field';
import { ProblemMessage } from '../components/states';

/** Create an account; then the emailed code (where the pool asks for one) or straight to sign in. */
export default function SignUp() {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signUp = useMutation({
    mutationFn: () => ok(api.POST('/auth/register', { body: { email, password, ...(name.trim() ? { name: name.trim() } : {}) } })),
    onSuccess: (account) => {
      const address = encodeURIComponent(account.email);
      void navigate(account.confirmed ? `/sign-in?email=${address}&notice=confirmed` : `/confirm?email=${address}&sent=1`);
    },
  });
  const fields = fieldMessages(signUp.error);
  // An answer about what was typed before no longer applies once it changes.
  const edit = (set: (v: string) => void, value: string) => {
    set(value);
    if (signUp.isError) signUp.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signUp.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <h1>Create your account</h1>
      <Field label="Name (optional)" autoComplete="name" maxLength={100} value={name} onChange={(e) => edit(setName, e.target.value)} error={fields['body.name']} />
      <Field label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => edit(setEmail, e.target.value)} error={fields['body.email']} />
      <NewPasswordField label="Password" value={password} onChange={(e) => edit(setPassword, e.target.value)} error={fields['body.password']} />
      <ProblemMessage error={signUp.error} />
      <button type="submit" disabled={signUp.isPending}>
        {signUp.isPending ? 'Creating your account…' : 'Create account'}
      </button>
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link> · <Link to="/confirm">Enter a confirmation code</Link>
      </p>
    </form>
  );
}
