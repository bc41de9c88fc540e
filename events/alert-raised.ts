import * as z from 'zod/mini';
import { eventContract } from './envelope';

/**
 * An alert the user wants emailed at once was stored (shared/use-cases/alerts.ts). The notifications consumer reads
 * the alert and the address when it sends, and sends once per alert (a receipt named by the alert id).
 */
export const AlertRaised = /*#__PURE__*/ (() => eventContract('AlertRaised', 1, z.object({ userId: z.string(), alertId: z.string() })))();
