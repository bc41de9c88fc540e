import { putRates } from '../../../shared/contracts/ledger';
import { httpHandler } from '../../../shared/http/handler';
import * as fx from '../../../shared/use-cases/fx';

export const handler = httpHandler(putRates, async ({ body }) => ({ body: await fx.publishRates(body) }));
