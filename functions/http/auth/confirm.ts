import { confirm } from '../../../shared/contracts/auth';
import { httpHandler } from '../../../shared/http/handler';
import * as auth from '../../../shared/use-cases/auth';

export const handler = httpHandler(confirm, async ({ body }) => {
  await auth.confirm(body);
  return { status: 204 };
});
