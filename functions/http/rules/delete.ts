import { deleteRule } from '../../../shared/contracts/rules';
import { httpHandler } from '../../../shared/http/handler';
import * as rules from '../../../shared/use-cases/rules';

export const handler = httpHandler(deleteRule, async ({ caller, params }) => {
  await rules.deleteRule(caller.userId, params.id);
  return { status: 204 };
});
