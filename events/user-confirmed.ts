import * as z from 'zod/mini';
import { eventContract } from './envelope';

/**
 * A person proved their address (the emailed code, auto-confirm, or a first sign-in after an operator confirmed
 * them). Only from now on does Tally email them anything but the confirmation code: the welcome follows this event.
 */
export const UserConfirmed = /*#__PURE__*/ (() => eventContract('UserConfirmed', 1, z.object({ userId: z.string() })))();
