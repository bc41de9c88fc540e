import { getForecast } from '../../../shared/contracts/forecast';
import { httpHandler } from '../../../shared/http/handler';
import * as forecast from '../../../shared/use-cases/forecast';

export const handler = httpHandler(getForecast, async ({ caller, query }) => ({ body: await forecast.getForecast(caller.userId, query.months) }));
