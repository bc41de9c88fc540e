import { listRoles } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as roles from '../../../shared/use-cases/roles';

export const handler = httpHandler(listRoles, async () => ({ body: await roles.roles() }));
