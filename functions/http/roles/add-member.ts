import { addMember } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as roles from '../../../shared/use-cases/roles';
import { roleRequest } from './request';

export const handler = httpHandler(addMember, async ({ params, caller, requestId, event }) => {
  await roles.addMember(roleRequest(caller, requestId, event), params.role, params.userId);
  return { status: 204 };
});
