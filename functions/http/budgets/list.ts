import { listBudgets } from '../../../shared/contracts/budgets';
import { httpHandler } from '../../../shared/http/handler';
import * as budgets from '../../../shared/use-cases/budgets';

export const handler = httpHandler(listBudgets, async ({ caller }) => ({ body: await budgets.listBudgets(caller.userId) }));
