import { listRecurring } from '../../../shared/contracts/recurring';
import { httpHandler } from '../../../shared/http/handler';
import * as recurring from '../../../shared/use-cases/recurring';

export const handler = httpHandler(listRecurring, async ({ caller }) => ({ body: await recurring.listRecurring(caller.userId) }));
