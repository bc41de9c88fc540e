import { previewRule } from '../../../shared/contracts/rules';
import { httpHandler } from '../../../shared/http/handler';
import * as rules from '../../../shared/use-cases/rules';

export const handler = httpHandler(previewRule, async ({ caller, params, query }) => ({ body: await rules.previewRule(caller.userId, params.id, query.limit) }));
