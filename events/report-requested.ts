import * as z from 'zod/mini';
import { eventContract } from './envelope';

/** A periodic email report is due for one user. */
export const ReportRequested = /*#__PURE__*/ (() => eventContract(
  'ReportRequested',
  1,
  z.object({
    userId: z.string(),
    period: z.enum(['weekly', 'monthly']),
    /** Inclusive period bounds, YYYY-MM-DD. */
    from: z.string(),
    to: z.string(),
  }),
))();
