import { applyAdvice } from '../../../shared/contracts/advice';
import { httpHandler } from '../../../shared/http/handler';
import * as advice from '../../../shared/use-cases/advice';

export const handler = httpHandler(applyAdvice, async ({ caller, params }) => ({ body: await advice.applyAdvice(caller.userId, params.id) }));
