import { listAudit } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as roles from '../../../shared/use-cases/roles';

/** GET /auth/audit (admin). */
export const handler = httpHandler(listAudit, async ({ query, caller }) => ({ body: await roles.auditTrail(caller, query) }));
