import { updateRecurring } from '../../../shared/contracts/recurring';
import { httpHandler } from '../../../shared/http/handler';
import * as recurring from '../../../shared/use-cases/recurring';

export const handler = httpHandler(updateRecurring, async ({ caller, params, body, expectedVersion }) => ({ body: await recurring.setRecurringStatus(caller.userId, params.id, body.status, expectedVersion) }));
