import { listCategories } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as categories from '../../../shared/use-cases/categories';

export const handler = httpHandler(listCategories, async ({ caller }) => ({ body: await categories.listCategories(caller.userId) }));
