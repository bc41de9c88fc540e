import { createCategory } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as categories from '../../../shared/use-cases/categories';

export const handler = httpHandler(createCategory, async ({ caller, body }) => ({ status: 201, body: await categories.createCategory(caller.userId, body) }));
