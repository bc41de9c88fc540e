import { getTransaction } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as transactions from '../../../shared/use-cases/transactions';

export const handler = httpHandler(getTransaction, async ({ caller, params }) => ({ body: transactions.transactionView(await transactions.getTransaction(caller.userId, params.id)) }));
