import * as z from 'zod/mini';
import { eventContract } from './envelope';

/** Exchange rates for a date were published (by an operator or the daily ECB fetch). */
export const FxRatesPublished = /*#__PURE__*/ (() => eventContract(
  'FxRatesPublished',
  1,
  z.object({ base: z.string(), date: z.string(), currencies: z.array(z.string()) }),
))();
