import { createRule } from '../../../shared/contracts/rules';
import { httpHandler } from '../../../shared/http/handler';
import * as rules from '../../../shared/use-cases/rules';

export const handler = httpHandler(createRule, async ({ caller, body }) => ({ status: 201, body: await rules.createRule(caller.userId, body) }));
