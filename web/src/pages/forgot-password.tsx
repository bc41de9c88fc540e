import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ok } from '../api/client';
import { ApiError } from '../api/problem';
import { fieldMessages, NewPasswordField } from '../components/auth-fields';
import { Field } from '../components/field';
import { ProblemMessage } from '../components/states';

/** A forgotten password: an emailed code first (POST /auth/forgot-password), then a new password with it. */
export default function ForgotPassword() {
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const request = useMutation({ mutationFn: () => ok(api.POST('/auth/forgot-password', { body: { email } })) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate();
  };
  if (request.isSuccess) return <ResetWithCode email={email} sent={request.data.message} onOtherEmail={() => request.reset()} />;
  const fields = request.error instanceof ApiError ? request.error.fieldErrors() : {};
  return (
    <form onSubmit={submit} noValidate>
      <h1>Reset your password</h1>
      <p>Enter the email address of your account. If it has one, we email it a code to set a new password.</p>
      <Field label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={fields['body.email']} />
      <ProblemMessage error={request.error} />
      <button type="submit" disabled={request.isPending}>
        {request.isPending ? 'Sending…' : 'Email me a code'}
      </button>
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </form>
  );
}

/** The second step: the emailed code and the new password; every session of the account ends on success. */
function ResetWithCode({ email, sent, onOtherEmail }: { email: string; sent: string; onOtherEmail: () => void }) {
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const reset = useMutation({
    mutationFn: () => ok(api.POST('/auth/reset-password', { body: { email, code: code.trim(), newPassword: password } })),
    onSuccess: () => void navigate(`/sign-in?email=${encodeURIComponent(email.trim())}&notice=reset`, { replace: true }),
  });
  const again = useMutation({ mutationFn: () => ok(api.POST('/auth/forgot-password', { body: { email } })) });
  const fields = fieldMessages(reset.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <h1>Reset your password</h1>
      <p className="notice" role="status">
        {again.isSuccess ? again.data.message : sent} Codes go to <strong>{email}</strong>.
      </p>
      <Field
        label="Code from the email"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={8}
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fields['body.code']}
      />
      <NewPasswordField value={password} onChange={(e) => setPassword(e.target.value)} error={fields['body.newPassword']} />
      <ProblemMessage error={reset.error} />
      <ProblemMessage error={again.error} />
      <div className="row">
        <button type="submit" disabled={reset.isPending}>
          {reset.isPending ? 'Saving…' : 'Set new password'}
        </button>
        <button type="button" className="secondary" disabled={again.isPending} onClick={() => again.mutate()}>
          {again.isPending ? 'Sending…' : 'Send another code'}
        </button>
        <button type="button" className="secondary" onClick={onOtherEmail}>
          Use another address
        </button>
      </div>
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </form>
  );
}
