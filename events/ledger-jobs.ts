import * as z from 'zod/mini';
import { eventContract } from './envelope';

/** A user changed their base currency: every transaction is re-valued in it (in pages; `cursor` continues). */
export const BaseCurrencyChanged = eventContract(
  'BaseCurrencyChanged',
  1,
  z.object({ userId: z.string(), from: z.string(), to: z.string(), cursor: z.optional(z.string()) }),
);

/**
 * An account was erased (DELETE /me): what the request could not delete in its time is deleted by the ledger-jobs
 * worker, one time-bounded pass per message, re-queued until nothing is left.
 */
export const AccountErasureRequested = eventContract('AccountErasureRequested', 1, z.object({ userId: z.string() }));
