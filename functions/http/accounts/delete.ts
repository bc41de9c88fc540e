import { deleteAccount } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as accounts from '../../../shared/use-cases/accounts';

export const handler = httpHandler(deleteAccount, async ({ caller, params, expectedVersion }) => {
  await accounts.deleteAccount(caller.userId, params.id, expectedVersion);
  return { status: 204 };
});
