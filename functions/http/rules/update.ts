import { updateRule } from '../../../shared/contracts/rules';
import { httpHandler } from '../../../shared/http/handler';
import * as rules from '../../../shared/use-cases/rules';

export const handler = httpHandler(updateRule, async ({ caller, params, body, expectedVersion }) => ({ body: await rules.updateRule(caller.userId, params.id, body, expectedVersion) }));
