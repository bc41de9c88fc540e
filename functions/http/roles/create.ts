import { createRole } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as roles from '../../../shared/use-cases/roles';
import { roleRequest } from './request';

/** POST /auth/create_role (admin). */
export const handler = httpHandler(createRole, async ({ body, caller, requestId, event }) => ({
  status: 201,
  body: await roles.createRole(roleRequest(caller, requestId, event), body),
}));
