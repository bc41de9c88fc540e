import { createBudget } from '../../../shared/contracts/budgets';
import { httpHandler } from '../../../shared/http/handler';
import * as budgets from '../../../shared/use-cases/budgets';

export const handler = httpHandler(createBudget, async ({ caller, body }) => ({ status: 201, body: await budgets.createBudget(caller.userId, body) }));
