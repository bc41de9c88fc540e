import { updateAccount } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as accounts from '../../../shared/use-cases/accounts';

export const handler = httpHandler(updateAccount, async ({ caller, params, body, expectedVersion }) => ({ body: await accounts.updateAccount(caller.userId, params.id, body, expectedVersion) }));
