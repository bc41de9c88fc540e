import { deleteMe } from '../../../shared/contracts/me';
import { httpHandler } from '../../../shared/http/handler';
import { assertRecentAuthentication, deleteMe as eraseAccount } from '../../../shared/use-cases/account-deletion';

export const handler = httpHandler(deleteMe, async ({ caller, body }) => {
  await assertRecentAuthentication(caller, body?.password, new Date());
  const { done } = await eraseAccount(caller);
  return done ? { status: 204 } : { status: 202, body: { status: 'erasing' } };
});
