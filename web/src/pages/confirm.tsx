import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ok } from '../api/client';
import { ApiError } from '../api/problem';
import { Field } from '../components/field';
import { ProblemMessage } from '../components/states';

/** Confirm a new account with the emailed code, or have a new code sent. */
export default function Confirm() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [code, setCode] = useState('');
  const confirm = useMutation({
    mutationFn: () => ok(api.POST('/auth/confirm', { body: { email, code: code.trim() } })),
    onSuccess: () => void navigate(`/sign-in?email=${encodeURIComponent(email.trim())}&notice=confirmed`, { replace: true }),
  });
  const resend = useMutation({ mutationFn: () => ok(api.POST('/auth/resend-confirmation', { body: { email } })) });
  const fields = confirm.error instanceof ApiError ? confirm.error.fieldErrors() : {};
  const resendFields = resend.error instanceof ApiError ? resend.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    resend.reset();
    confirm.mutate();
  };
  const sendAgain = () => {
    confirm.reset();
    resend.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <h1>Confirm your email</h1>
      {params.get('sent') && !resend.isSuccess && (
        <p className="notice" role="status">
          We emailed a code to {email}. Enter it here to finish creating your account.
        </p>
      )}
      <Field label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={fields['body.email'] ?? resendFields['body.email']} />
      <Field
        label="Confirmation code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={8}
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fields['body.code']}
        hint="The 4–8 digits from the email."
      />
      <ProblemMessage error={confirm.error} />
      <ProblemMessage error={resend.error} />
      {resend.isSuccess && (
        <p className="notice" role="status">
          {resend.data.message}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={confirm.isPending}>
          {confirm.isPending ? 'Confirming…' : 'Confirm'}
        </button>
        <button type="button" className="secondary" disabled={resend.isPending} onClick={sendAgain}>
          {resend.isPending ? 'Sending…' : 'Send a new code'}
        </button>
      </div>
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </form>
  );
}
