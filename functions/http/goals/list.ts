import { listGoals } from '../../../shared/contracts/goals';
import { httpHandler } from '../../../shared/http/handler';
import * as goals from '../../../shared/use-cases/goals';

export const handler = httpHandler(listGoals, async ({ caller, query }) => ({ body: await goals.listGoals(caller.userId, query.asOf) }));
