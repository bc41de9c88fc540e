import { cashflow } from '../../../shared/contracts/analytics';
import { httpHandler } from '../../../shared/http/handler';
import * as analytics from '../../../shared/use-cases/analytics';

export const handler = httpHandler(cashflow, async ({ caller, query }) => ({ body: await analytics.cashflowSeries(caller.userId, query.months) }));
