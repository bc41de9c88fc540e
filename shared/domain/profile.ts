/** A user's profile: identity plus the basic financial details collected at sign-up. */
export interface ProfileRecord {
  userId: string;
  email: string;
  /** Cognito username (Admin API calls); the email for pools that sign in with email. */
  username: string;
  name: string | null;
  baseCurrency: string;
  monthlyIncome: { amount: number; currency: string } | null;
  timezone: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Default profile of a new account. */
export function newProfile(userId: string, email: string, name: string | null, now: Date): ProfileRecord {
  const at = now.toISOString();
  return { userId, email, username: email, name, baseCurrency: 'EUR', monthlyIncome: null, timezone: 'UTC', createdAt: at, updatedAt: at, version: 1 };
}

