import * as z from 'zod/mini';
import { eventContract } from './envelope';

/**
 * The daily digest of one user's alerts of one UTC day is due (the `alerts-digest` schedule, for each user with a
 * `DIGEST#<day>` marker). The notifications consumer lists that day's alerts when it sends, once per user and day
 * (a receipt named by both).
 */
export const AlertDigestRequested = /*#__PURE__*/ (() => eventContract('AlertDigestRequested', 1, z.object({ userId: z.string(), day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)) })))();
