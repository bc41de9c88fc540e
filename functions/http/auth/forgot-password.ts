import { forgotPassword } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as auth from '../../../shared/use-cases/auth';

export const handler = httpHandler(forgotPassword, async ({ body }) => {
  await auth.forgotPassword(body);
  return { status: 202, body: { status: 'accepted' as const, message: 'If a confirmed account has this address, a code to reset its password is on its way.' } };
});
