/**
 * The emails Cognito sends itself: the confirmation code of a new account (also when resent) and the code of a
 * forgotten password. They go to addresses nobody has confirmed yet, so they carry the code and fixed text only —
 * never anything the registrant typed (their name, or the address's local part). The user pool (infra) is created
 * with this template, and the local cloud renders the same one into its outbox.
 */
export const CODE_EMAIL = {
  subject: 'Your Tally code',
  /** Cognito's placeholder `{####}` is replaced by the code. */
  body: 'Your Tally code is {####}. It confirms this address or resets the password of its Tally account. If you did not ask for it, ignore this email.',
} as const;

/** Why Cognito sent a code (its trigger sources). */
export type CodeEmailSource = 'SignUp' | 'ResendCode' | 'ForgotPassword';

/** The code email as it reaches the recipient. */
export function codeEmail(code: string): { subject: string; text: string } {
  return { subject: CODE_EMAIL.subject, text: CODE_EMAIL.body.replace('{####}', code) };
}
