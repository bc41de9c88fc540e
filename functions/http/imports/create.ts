import { createImport } from '../../../shared/contracts/imports';
import { httpHandler } from '../../../shared/http/handler';
import * as imports from '../../../shared/use-cases/imports';

export const handler = httpHandler(createImport, async ({ caller, body, headers }) => {
  const reply = await imports.startImport(caller.userId, body, headers);
  return { ...reply, headers: { location: `/imports/${(reply.body as { importId: string }).importId}` } };
});
