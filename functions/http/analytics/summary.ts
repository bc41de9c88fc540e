import { summary } from '../../../shared/contracts/analytics';
import { httpHandler } from '../../../shared/http/handler';
import * as analytics from '../../../shared/use-cases/analytics';

export const handler = httpHandler(summary, async ({ caller, query }) => ({ body: await analytics.summary(caller.userId, query.month) }));
