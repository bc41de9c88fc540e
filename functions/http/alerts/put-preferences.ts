import { putAlertPreferences } from '../../../shared/contracts/alerts';
import { httpHandler } from '../../../shared/http/handler';
import * as alerts from '../../../shared/use-cases/alerts';

export const handler = httpHandler(putAlertPreferences, async ({ caller, body }) => ({ body: await alerts.putPreferences(caller.userId, body.kinds) }));
