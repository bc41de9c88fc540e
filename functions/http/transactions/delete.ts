import { deleteTransaction } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as transactions from '../../../shared/use-cases/transactions';

export const handler = httpHandler(deleteTransaction, async ({ caller, params, expectedVersion }) => {
  await transactions.deleteTransaction(caller.userId, params.id, expectedVersion);
  return { status: 204 };
});
