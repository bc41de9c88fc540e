import { createTransaction } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as transactions from '../../../shared/use-cases/transactions';

/** POST /transactions and POST /transactions/add. */
export const handler = httpHandler(createTransaction, async ({ caller, body, idempotency }) => {
  const created = await transactions.createTransaction(caller.userId, body, idempotency);
  return created.replay ? { status: created.replay.status, body: created.replay.body as typeof created.transaction } : { body: created.transaction };
});
