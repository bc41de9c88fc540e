import { listTransactions } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as transactions from '../../../shared/use-cases/transactions';

export const handler = httpHandler(listTransactions, async ({ caller, query }) => ({ body: await transactions.listTransactions(caller.userId, query) }));
