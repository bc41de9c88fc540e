import { changePassword } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as auth from '../../../shared/use-cases/auth';

export const handler = httpHandler(changePassword, async ({ body, caller, headers }) => {
  // The gateway verified this very token; Cognito's ChangePassword needs it to know whose password changes.
  const accessToken = (headers.authorization ?? '').replace(/^Bearer\s+/i, '');
  await auth.changePassword({ userId: caller.userId, tokenId: caller.tokenId, accessToken, ...body });
  return { status: 204 };
});
