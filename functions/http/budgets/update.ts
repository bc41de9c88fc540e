import { updateBudget } from '../../../shared/contracts/budgets';
import { httpHandler } from '../../../shared/http/handler';
import * as budgets from '../../../shared/use-cases/budgets';

export const handler = httpHandler(updateBudget, async ({ caller, params, body, expectedVersion }) => ({ body: await budgets.updateBudget(caller.userId, params.id, body, expectedVersion) }));
