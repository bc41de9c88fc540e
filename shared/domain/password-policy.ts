/**
 * The password policy. The Cognito user pool (infra) is created with these very numbers, and registration checks
 * them first so a weak password gets a 400 that names the rule it breaks, identically on AWS and locally.
 */
export const PASSWORD_POLICY = {
  minLength: 12,
  maxLength: 256,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: false,
} as const;

/** The rules a password breaks, each as a sentence; empty when it is acceptable. */
export function passwordProblems(password: string): string[] {
  const p = PASSWORD_POLICY;
  const problems: string[] = [];
  if ([...password].length < p.minLength) problems.push(`must be at least ${p.minLength} characters long`);
  if ([...password].length > p.maxLength) problems.push(`must be at most ${p.maxLength} characters long`);
  if (p.requireLowercase && !/[a-z]/.test(password)) problems.push('must contain a lowercase letter');
  if (p.requireUppercase && !/[A-Z]/.test(password)) problems.push('must contain an uppercase letter');
  if (p.requireDigits && !/[0-9]/.test(password)) problems.push('must contain a digit');
  if (/^\s|\s$/.test(password)) problems.push('must not begin or end with a space');
  return problems;
}
