import { deleteMe } from '../../../shared/contracts/me';
import { httpHandler } from '../../../shared/http/handler';
import * as me from '../../../shared/use-cases/me';

export const handler = httpHandler(deleteMe, async ({ caller }) => {
  await me.deleteMe(caller);
  return { status: 204 };
});
