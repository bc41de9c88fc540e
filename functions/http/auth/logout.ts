import { logout } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as auth from '../../../shared/use-cases/auth';

export const handler = httpHandler(logout, async ({ body, caller }) => {
  await auth.logout({ tokenId: caller.tokenId, refreshToken: body?.refreshToken });
  return { status: 204 };
});
