import { deleteTransaction } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as transactions from '../../../shared/use-cases/transactions';

export const handler = httpHandler(deleteTransaction, async ({ caller, params }) => {
  await transactions.deleteTransaction(caller.userId, params.id);
  return { status: 204 };
});
