import { getBudget } from '../../../shared/contracts/budgets';
import { httpHandler } from '../../../shared/http/handler';
import * as budgets from '../../../shared/use-cases/budgets';

export const handler = httpHandler(getBudget, async ({ caller, params }) => ({ body: await budgets.getBudget(caller.userId, params.id) }));
