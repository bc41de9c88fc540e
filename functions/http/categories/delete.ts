import { deleteCategory } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as categories from '../../../shared/use-cases/categories';

export const handler = httpHandler(deleteCategory, async ({ caller, params, query, expectedVersion }) => {
  await categories.deleteCategory(caller.userId, params.id, query.reassignTo, expectedVersion);
  return { status: 204 };
});
