import { getAccount } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as accounts from '../../../shared/use-cases/accounts';

export const handler = httpHandler(getAccount, async ({ caller, params }) => ({ body: await accounts.getAccount(caller.userId, params.id) }));
