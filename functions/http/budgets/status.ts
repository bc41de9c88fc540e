import { budgetStatus } from '../../../shared/contracts/budgets';
import { httpHandler } from '../../../shared/http/handler';
import * as budgets from '../../../shared/use-cases/budgets';

export const handler = httpHandler(budgetStatus, async ({ caller, query }) => ({ body: await budgets.budgetStatusReport(caller.userId, query.date) }));
