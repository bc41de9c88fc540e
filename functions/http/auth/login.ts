import { login } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as auth from '../../../shared/use-cases/auth';

export const handler = httpHandler(login, async ({ body }) => ({ body: await auth.login(body), headers: { 'cache-control': 'no-store' } }));
