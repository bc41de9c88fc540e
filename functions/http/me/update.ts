import { updateMe } from '../../../shared/contracts/me';
import { httpHandler } from '../../../shared/http/handler';
import * as me from '../../../shared/use-cases/me';

export const handler = httpHandler(updateMe, async ({ caller, body }) => ({ body: await me.updateMe(caller, body) }));
