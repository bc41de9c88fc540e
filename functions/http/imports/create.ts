import { createImport } from '../../../shared/contracts/imports';
import { httpHandler } from '../../../shared/http/handler';
import * as imports from '../../../shared/use-cases/imports';

export const handler = httpHandler(createImport, async ({ caller, body, headers }) => {
  const reply = await imports.startImport(caller.userId, body, headers);
  const answer = reply.body as { importId: string; status: string };
  return { status: reply.status, body: answer, headers: { location: `/imports/${answer.importId}` } };
});
