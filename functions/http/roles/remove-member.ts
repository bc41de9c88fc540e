import { removeMember } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as roles from '../../../shared/use-cases/roles';
import { roleRequest } from './request';

export const handler = httpHandler(removeMember, async ({ params, caller, requestId, event }) => {
  await roles.removeMember(roleRequest(caller, requestId, event), params.role, params.userId);
  return { status: 204 };
});
