import * as z from 'zod/mini';
import { eventContract } from './envelope';

/**
 * Someone registered with the address of an existing account (nothing was created). The owner of a confirmed
 * address is told so by email, at most once a day; the event carries no text the registrant chose.
 */
export const RegistrationAttempted = /*#__PURE__*/ (() => eventContract('RegistrationAttempted', 1, z.object({ userId: z.string() })))();
