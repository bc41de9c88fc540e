import { addMember } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as roles from '../../../shared/use-cases/roles';

export const handler = httpHandler(addMember, async ({ params }) => {
  await roles.addMember(params.role, params.userId);
  return { status: 204 };
});
