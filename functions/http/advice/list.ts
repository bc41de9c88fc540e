import { listAdvice } from '../../../shared/contracts/advice';
import { httpHandler } from '../../../shared/http/handler';
import * as advice from '../../../shared/use-cases/advice';

export const handler = httpHandler(listAdvice, async ({ caller, query }) => ({ body: await advice.listAdvice(caller.userId, query.status ?? 'open') }));
