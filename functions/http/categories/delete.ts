import { deleteCategory } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as categories from '../../../shared/use-cases/categories';

export const handler = httpHandler(deleteCategory, async ({ caller, params, query }) => {
  await categories.deleteCategory(caller.userId, params.id, query.reassignTo);
  return { status: 204 };
});
