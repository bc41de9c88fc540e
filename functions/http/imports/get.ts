import { getImport } from '../../../shared/contracts/imports';
import { httpHandler } from '../../../shared/http/handler';
import * as imports from '../../../shared/use-cases/imports';

export const handler = httpHandler(getImport, async ({ caller, params }) => ({ body: await imports.importReport(caller.userId, params.id) }));
