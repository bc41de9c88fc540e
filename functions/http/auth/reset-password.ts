import { resetPassword } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as auth from '../../../shared/use-cases/auth';

export const handler = httpHandler(resetPassword, async ({ body }) => {
  await auth.resetPassword(body);
  return { status: 204 };
});
