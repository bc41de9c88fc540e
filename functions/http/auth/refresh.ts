import { refresh } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as auth from '../../../shared/use-cases/auth';

export const handler = httpHandler(refresh, async ({ body }) => ({ body: await auth.refresh(body), headers: { 'cache-control': 'no-store' } }));
