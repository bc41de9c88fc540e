import { deleteBudget } from '../../../shared/contracts/budgets';
import { httpHandler } from '../../../shared/http/handler';
import * as budgets from '../../../shared/use-cases/budgets';

export const handler = httpHandler(deleteBudget, async ({ caller, params, expectedVersion }) => {
  await budgets.deleteBudget(caller.userId, params.id, expectedVersion);
  return { status: 204 };
});
