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
  /** Which periodic report emails the owner wants; absent or null on older profiles means {@link DEFAULT_REPORTS}. */
  reports?: ReportPreference | null;
}

/** The report emails a user may choose (`PATCH /me`), or none. */
export const REPORT_PREFERENCES = ['weekly', 'monthly', 'both', 'off'] as const;
export type ReportPreference = (typeof REPORT_PREFERENCES)[number];
/** What a profile without a choice gets: the weekly report, as before the preference existed. */
export const DEFAULT_REPORTS: ReportPreference = 'weekly';

/** Whether a user with preference `p` gets the `kind` report. */
export function wantsReport(p: ReportPreference | null | undefined, kind: 'weekly' | 'monthly'): boolean {
  const pref = p ?? DEFAULT_REPORTS;
  return pref === 'both' || pref === kind;
}

/** Default profile of a new account. */
export function newProfile(userId: string, email: string, name: string | null, now: Date, confirmed = false): ProfileRecord {
  const at = now.toISOString();
  return { userId, email, username: email, name, baseCurrency: 'EUR', monthlyIncome: null, timezone: 'UTC', createdAt: at, updatedAt: at, version: 1, confirmedAt: confirmed ? at : null };
}

/** Accounts whose address nobody confirmed are deleted this long after they were created. */
export const UNCONFIRMED_ACCOUNT_DAYS = 7;

