import * as z from 'zod/mini';
import { eventContract } from './envelope';

/** A person created an account (their profile exists). */
export const UserRegistered = /*#__PURE__*/ (() => eventContract(
  'UserRegistered',
  1,
  z.object({
    userId: z.string(),
    email: z.string(),
    name: z.nullable(z.string()),
  }),
))();
