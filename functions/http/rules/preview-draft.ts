import { previewDraftRule } from '../../../shared/contracts/rules';
import { httpHandler } from '../../../shared/http/handler';
import * as rules from '../../../shared/use-cases/rules';

export const handler = httpHandler(previewDraftRule, async ({ caller, body, query }) => ({ body: await rules.previewDraftRule(caller.userId, body, query.limit) }));
