import { readAllAlerts } from '../../../shared/contracts/alerts';
import { httpHandler } from '../../../shared/http/handler';
import * as alerts from '../../../shared/use-cases/alerts';

export const handler = httpHandler(readAllAlerts, async ({ caller }) => ({ body: await alerts.readAllAlerts(caller.userId) }));
