import { listRules } from '../../../shared/contracts/rules';
import { httpHandler } from '../../../shared/http/handler';
import * as rules from '../../../shared/use-cases/rules';

export const handler = httpHandler(listRules, async ({ caller }) => ({ body: await rules.listRules(caller.userId) }));
