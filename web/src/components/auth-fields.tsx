import type { InputHTMLAttributes } from 'react';
import { ApiError } from '../api/problem';
import { Field } from './field';

/** The account's password rules as the API applies them (shared/domain/password-policy.ts), told before typing. */
export const PASSWORD_HINT = 'At least 12 characters, with upper- and lower-case letters and a digit.';

/** A field for choosing a new password: the browser may suggest one, and the rules are shown under it. */
export function NewPasswordField({ label = 'New password', error, ...input }: { label?: string; error?: string | undefined } & InputHTMLAttributes<HTMLInputElement>) {
  return <Field label={label} type="password" autoComplete="new-password" required minLength={12} maxLength={256} hint={PASSWORD_HINT} error={error} {...input} />;
}

/** Each wrong field's messages from a problem document, joined: a password can break several rules at once. */
export function fieldMessages(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const e of error.problem.errors ?? []) out[e.path] = out[e.path] ? `${out[e.path]}; ${e.message}` : e.message;
  return out;
}
