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
  /**
   * When the owner proved the address (the emailed code, or a sign-in, which Cognito allows only to confirmed
   * accounts); null until then. Nothing but the confirmation code is emailed to an unconfirmed address.
   */
  confirmedAt: string | null;
}

/** Default profile of a new account. */
export function newProfile(userId: string, email: string, name: string | null, now: Date, confirmed = false): ProfileRecord {
  const at = now.toISOString();
  return { userId, email, username: email, name, baseCurrency: 'EUR', monthlyIncome: null, timezone: 'UTC', createdAt: at, updatedAt: at, version: 1, confirmedAt: confirmed ? at : null };
}

/** Accounts whose address nobody confirmed are deleted this long after they were created. */
export const UNCONFIRMED_ACCOUNT_DAYS = 7;

