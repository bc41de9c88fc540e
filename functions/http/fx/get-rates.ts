import { getRates } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as fx from '../../../shared/use-cases/fx';

export const handler = httpHandler(getRates, async ({ query }) => ({ body: await fx.ratesOn(query.date, query.base) }));
