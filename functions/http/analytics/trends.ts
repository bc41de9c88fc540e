import { trends } from '../../../shared/contracts/analytics';
import { httpHandler } from '../../../shared/http/handler';
import * as analytics from '../../../shared/use-cases/analytics';

export const handler = httpHandler(trends, async ({ caller, query }) => ({ body: await analytics.trendSeries(caller.userId, query.from, query.to) }));
