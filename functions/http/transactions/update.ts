import { updateTransaction } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as transactions from '../../../shared/use-cases/transactions';

export const handler = httpHandler(updateTransaction, async ({ caller, params, body, expectedVersion }) => ({
  body: transactions.transactionView(await transactions.updateTransaction(caller.userId, params.id, body, expectedVersion)),
}));
