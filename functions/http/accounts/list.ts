import { listAccounts } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as accounts from '../../../shared/use-cases/accounts';

export const handler = httpHandler(listAccounts, async ({ caller }) => ({ body: await accounts.listAccounts(caller.userId) }));
