import { createRole } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as roles from '../../../shared/use-cases/roles';

/** POST /auth/create_role (admin). */
export const handler = httpHandler(createRole, async ({ body }) => ({ status: 201, body: await roles.createRole(body) }));
