import { UnauthorizedError } from '../domain/errors';
import { grants } from '../domain/roles';
import { isTokenActive } from '../adapters/sessions';
import { getRoles } from '../adapters/roles';
import type { Caller } from './identity';

/** The checks the handler factory makes after API Gateway verified the token. */
export const authorization = {
  /** The token must be one this API issued and not signed out (logout is immediate). */
  async assertActive(caller: Caller): Promise<void> {
    if (!(await isTokenActive(caller.tokenId, caller.userId))) {
      throw new UnauthorizedError('This access token has been signed out or was not issued by this API; sign in again.');
    }
  },
  /** Whether any of the caller's roles grants the permission. */
  async hasPermission(caller: Caller, permission: string): Promise<boolean> {
    if (caller.groups.length === 0) return false;
    const roles = await getRoles(caller.groups);
    return grants(roles.flatMap((r) => r.permissions), permission);
  },
};
