import { createGoal } from '../../../shared/contracts/goals';
import { httpHandler } from '../../../shared/http/handler';
import * as goals from '../../../shared/use-cases/goals';

export const handler = httpHandler(createGoal, async ({ caller, body }) => ({ status: 201, body: await goals.createGoal(caller.userId, body) }));
