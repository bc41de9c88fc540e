import { createImport } from '../../../shared/contracts/imports';
import { httpHandler } from '../../../shared/http/handler';
import * as imports from '../../../shared/use-cases/imports';

export const handler = httpHandler(createImport, async ({ caller, body, idempotency }) => {
  const reply = await imports.startImport(caller.userId, body, idempotency);
  return { status: reply.status, body: reply.body as { importId: string; status: string } };
});
