import { getGoal } from '../../../shared/contracts/goals';
import { httpHandler } from '../../../shared/http/handler';
import * as goals from '../../../shared/use-cases/goals';

export const handler = httpHandler(getGoal, async ({ caller, params, query }) => ({ body: await goals.getGoal(caller.userId, params.id, query.asOf) }));
