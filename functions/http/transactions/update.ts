import { updateTransaction } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as transactions from '../../../shared/use-cases/transactions';

export const handler = httpHandler(updateTransaction, async ({ caller, params, body, headers }) => {
  const t = await transactions.updateTransaction(caller.userId, params.id, body, headers);
  return { body: transactions.transactionView(t), headers: { etag: `"${t.version}"` } };
});
