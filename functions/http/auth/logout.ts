import { logout } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as auth from '../../../shared/use-cases/auth';

export const handler = httpHandler(logout, async ({ body, caller, headers }) => {
  // The gateway verified this very token; the session's refresh token is sealed under it.
  const accessToken = (headers.authorization ?? '').replace(/^Bearer\s+/i, '');
  await auth.logout({
    userId: caller.userId,
    username: caller.username,
    tokenId: caller.tokenId,
    accessToken,
    ...(body?.refreshToken ? { refreshToken: body.refreshToken } : {}),
    ...(body?.everywhere ? { everywhere: true } : {}),
  });
  return { status: 204 };
});
