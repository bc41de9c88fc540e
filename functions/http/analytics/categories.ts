import { categories } from '../../../shared/contracts/analytics';
import { httpHandler } from '../../../shared/http/handler';
import * as analytics from '../../../shared/use-cases/analytics';

export const handler = httpHandler(categories, async ({ caller, query }) => ({ body: await analytics.categoryRange(caller.userId, query.from, query.to) }));
