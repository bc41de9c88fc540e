import { NotFoundError, ValidationError } from '../domain/errors';
import type { Principal } from '../ports/principal';
import { getProfile, putProfileIfAbsent, updateProfile, type ProfileChanges, type ProfileRecord } from '../adapters/profiles';
import { DEFAULT_REPORTS, newProfile } from '../domain/profile';
import { assertCurrency } from './currency';
import { newEvent } from '../adapters/outbox';
import { BaseCurrencyChanged } from '../../events/ledger-jobs';

function view(profile: ProfileRecord, caller: Principal) {
  return {
    userId: profile.userId,
    email: profile.email,
    name: profile.name,
    baseCurrency: profile.baseCurrency,
    monthlyIncome: profile.monthlyIncome,
    timezone: profile.timezone,
    reports: profile.reports ?? DEFAULT_REPORTS,
    roles: caller.groups,
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
  };
}

/** The caller's profile; recreated with defaults if registration stopped after Cognito but before the profile. */
export async function getMe(caller: Principal, now = new Date()) {
  let profile = await getProfile(caller.userId);
  if (!profile) {
    await putProfileIfAbsent({ ...newProfile(caller.userId, caller.username, null, now), username: caller.username });
    profile = await getProfile(caller.userId);
    if (!profile) throw new NotFoundError('No profile for this account.');
  }
  return view(profile, caller);
}

function assertTimezone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new ValidationError(`Unknown time zone "${tz}"; use an IANA name such as Europe/Berlin.`, [{ path: 'body.timezone', message: 'unknown IANA time zone' }]);
  }
}

export async function updateMe(caller: Principal, changes: ProfileChanges, now = new Date()) {
  if (changes.baseCurrency) assertCurrency(changes.baseCurrency, 'body.baseCurrency');
  if (changes.monthlyIncome) assertCurrency(changes.monthlyIncome.currency, 'body.monthlyIncome.currency');
  if (changes.timezone) assertTimezone(changes.timezone);
  const before = await getMe(caller, now);
  const rebase = changes.baseCurrency !== undefined && changes.baseCurrency !== before.baseCurrency;
  const events = rebase ? [newEvent(BaseCurrencyChanged, { userId: caller.userId, from: before.baseCurrency, to: changes.baseCurrency as string }, now)] : [];
  const profile = await updateProfile(caller.userId, changes, now, events);
  if (!profile) throw new NotFoundError('No profile for this account.');
  return view(profile, caller);
}
