import { createTransaction } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as transactions from '../../../shared/use-cases/transactions';

/** POST /transactions and POST /transactions/add. */
export const handler = httpHandler(createTransaction, async ({ caller, body, headers }) => {
  const reply = await transactions.createTransaction(caller.userId, body, headers);
  return { ...reply, headers: { etag: `"${(reply.body as { version: number }).version}"` } };
});
