import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ok } from '../api/client';
import { ApiError } from '../api/problem';
import { setTokens } from '../auth/session';
import { SIGN_IN_NOTICES, useEndSessionOnArrival } from '../components/auth-sign-out';
import { Field } from '../components/field';
import { ProblemMessage } from '../components/states';

/** Sign in with email and password; back to where the visitor was going. */
export default function SignIn() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  useEndSessionOnArrival();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => ok(api.POST('/auth/login', { body: { email, password } })),
    onSuccess: (tokens) => {
      queryClient.clear();
      setTokens(tokens);
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    },
  });
  const unconfirmed = signIn.error instanceof ApiError && /confirm/i.test(signIn.error.problem.detail + signIn.error.problem.title);
  const noticeKey = params.get('notice') ?? '';
  const notice = Object.hasOwn(SIGN_IN_NOTICES, noticeKey) ? SIGN_IN_NOTICES[noticeKey as keyof typeof SIGN_IN_NOTICES] : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <h1>Sign in</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Field label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <Field label="Password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      <ProblemMessage error={signIn.error} />
      {unconfirmed && (
        <p>
          <Link to={`/confirm?email=${encodeURIComponent(email)}`}>Enter your confirmation code</Link>
        </p>
      )}
      <button type="submit" disabled={signIn.isPending}>
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </button>
      <p>
        <Link to={email ? `/forgot-password?email=${encodeURIComponent(email)}` : '/forgot-password'}>Forgot your password?</Link> · <Link to="/sign-up">Create an account</Link>
      </p>
    </form>
  );
}
