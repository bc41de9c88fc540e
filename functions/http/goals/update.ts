import { updateGoal } from '../../../shared/contracts/goals';
import { httpHandler } from '../../../shared/http/handler';
import * as goals from '../../../shared/use-cases/goals';

export const handler = httpHandler(updateGoal, async ({ caller, params, body, expectedVersion }) => ({ body: await goals.updateGoal(caller.userId, params.id, body, expectedVersion) }));
