import { getTransaction } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as transactions from '../../../shared/use-cases/transactions';

export const handler = httpHandler(getTransaction, async ({ caller, params }) => {
  const t = await transactions.getTransaction(caller.userId, params.id);
  return { body: transactions.transactionView(t), headers: { etag: `"${t.version}"` } };
});
