import { getMe } from '../../../shared/contracts/me';
import { httpHandler } from '../../../shared/http/handler';
import * as me from '../../../shared/use-cases/me';

export const handler = httpHandler(getMe, async ({ caller }) => ({ body: await me.getMe(caller) }));
