import { addContribution } from '../../../shared/contracts/goals';
import { httpHandler } from '../../../shared/http/handler';
import * as goals from '../../../shared/use-cases/goals';

export const handler = httpHandler(addContribution, async ({ caller, params, body }) => ({ status: 201, body: await goals.addContribution(caller.userId, params.id, body) }));
