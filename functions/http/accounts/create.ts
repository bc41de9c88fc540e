import { createAccount } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as accounts from '../../../shared/use-cases/accounts';

export const handler = httpHandler(createAccount, async ({ caller, body }) => ({ status: 201, body: await accounts.createAccount(caller.userId, body) }));
