import { deleteRule } from '../../../shared/contracts/rules';
import { httpHandler } from '../../../shared/http/handler';
import * as rules from '../../../shared/use-cases/rules';

export const handler = httpHandler(deleteRule, async ({ caller, params, expectedVersion }) => {
  await rules.deleteRule(caller.userId, params.id, expectedVersion);
  return { status: 204 };
});
