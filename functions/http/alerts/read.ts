import { readAlert } from '../../../shared/contracts/alerts';
import { httpHandler } from '../../../shared/http/handler';
import * as alerts from '../../../shared/use-cases/alerts';

export const handler = httpHandler(readAlert, async ({ caller, params }) => ({ body: await alerts.readAlert(caller.userId, params.id) }));
