import { listAlerts } from '../../../shared/contracts/alerts';
import { httpHandler } from '../../../shared/http/handler';
import * as alerts from '../../../shared/use-cases/alerts';

export const handler = httpHandler(listAlerts, async ({ caller, query }) => ({ body: await alerts.listAlerts(caller.userId, { unread: query.unread === 'true', limit: query.limit, cursor: query.cursor }) }));
