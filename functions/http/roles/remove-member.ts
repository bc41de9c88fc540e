import { removeMember } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as roles from '../../../shared/use-cases/roles';

export const handler = httpHandler(removeMember, async ({ params }) => {
  await roles.removeMember(params.role, params.userId);
  return { status: 204 };
});
