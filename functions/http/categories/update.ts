import { updateCategory } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as categories from '../../../shared/use-cases/categories';

export const handler = httpHandler(updateCategory, async ({ caller, params, body, expectedVersion }) => ({ body: await categories.updateCategory(caller.userId, params.id, body, expectedVersion) }));
