import { resendConfirmation } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as auth from '../../../shared/use-cases/auth';

export const handler = httpHandler(resendConfirmation, async ({ body }) => {
  await auth.resendConfirmation(body);
  return { status: 202, body: { status: 'accepted' as const, message: 'If an account waiting for confirmation has this address, a new code is on its way.' } };
});
