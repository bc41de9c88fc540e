import { register } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as auth from '../../../shared/use-cases/auth';

/** POST /auth/register and POST /users/register. */
export const handler = httpHandler(register, async ({ body }) => ({ status: 201, body: await auth.register(body) }));
