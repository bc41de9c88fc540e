import { deleteMe } from '../../../shared/contracts/me';
import { httpHandler } from '../../../shared/http/handler';
import { deleteMe as eraseAccount } from '../../../shared/use-cases/account-deletion';

export const handler = httpHandler(deleteMe, async ({ caller }) => {
  await eraseAccount(caller);
  return { status: 204 };
});
