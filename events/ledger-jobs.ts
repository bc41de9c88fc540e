import * as z from 'zod/mini';
import { eventContract } from './envelope';

/** A user changed their base currency: every transaction is re-valued in it (in pages; `cursor` continues). */
export const BaseCurrencyChanged = eventContract(
  'BaseCurrencyChanged',
  1,
  z.object({ userId: z.string(), from: z.string(), to: z.string(), cursor: z.optional(z.string()) }),
);
