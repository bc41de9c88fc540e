import { healthReport } from '../../../shared/contracts/health';
import { httpHandler } from '../../../shared/http/handler';
import * as health from '../../../shared/use-cases/health';

export const handler = httpHandler(healthReport, async ({ caller, query }) => ({ body: await health.healthReport(caller.userId, query.month) }));
