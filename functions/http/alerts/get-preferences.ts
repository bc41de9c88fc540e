import { getAlertPreferences } from '../../../shared/contracts/alerts';
import { httpHandler } from '../../../shared/http/handler';
import * as alerts from '../../../shared/use-cases/alerts';

export const handler = httpHandler(getAlertPreferences, async ({ caller }) => ({ body: await alerts.getPreferences(caller.userId) }));
