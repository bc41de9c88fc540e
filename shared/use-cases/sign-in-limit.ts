import { TooManyRequestsError, UnauthorizedError } from '../domain/errors';
import * as idp from '../adapters/identity-provider';
import * as rateLimits from '../adapters/rate-limits';
import { logger } from '../observability';

/** Failed sign-ins per address in 15 minutes; past them every sign-in of the address is 429 until the window ends. */
export const LOGIN_FAILURE_LIMIT = { limit: 10, windowSeconds: 900 } as const;

/**
 * Signs in with the password, counted against the address's failed sign-ins: each attempt takes a slot before the
 * password is tried (so concurrent guesses cannot pass the limit) and gives it back unless the password was
 * refused. An unknown address is counted the same way, so a 429 does not tell either.
 */
export async function passwordLoginLimited(email: string, password: string, now: Date): Promise<idp.AuthTokens> {
  const rule = { scope: 'login-failures', ...LOGIN_FAILURE_LIMIT };
  const decision = await rateLimits.hit(rule, email, now);
  if (!decision.allowed) {
    throw new TooManyRequestsError(
      `Too many failed sign-ins for this address (at most ${rule.limit} in ${rule.windowSeconds / 60} minutes); try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minutes, or reset the password.`,
      decision.retryAfterSeconds,
    );
  }
  let refused = false;
  try {
    return await idp.passwordLogin(email, password);
  } catch (e) {
    refused = e instanceof UnauthorizedError;
    throw e;
  } finally {
    if (!refused) {
      await rateLimits.release(rule, email, now).catch((error: unknown) => {
        logger.warn('Could not give back a sign-in attempt; it counts as failed until its window ends', { error: error as Error });
      });
    }
  }
}
