import { adviceFeedback } from '../../../shared/contracts/advice';
import { httpHandler } from '../../../shared/http/handler';
import * as advice from '../../../shared/use-cases/advice';

export const handler = httpHandler(adviceFeedback, async ({ caller, params, body }) => ({ body: await advice.adviceFeedback(caller.userId, params.id, body) }));
