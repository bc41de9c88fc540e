import { deleteGoal } from '../../../shared/contracts/goals';
import { httpHandler } from '../../../shared/http/handler';
import * as goals from '../../../shared/use-cases/goals';

export const handler = httpHandler(deleteGoal, async ({ caller, params, expectedVersion }) => {
  await goals.deleteGoal(caller.userId, params.id, expectedVersion);
  return { status: 204 };
});
