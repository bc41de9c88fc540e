import * as z from 'zod/mini';
import { CurrencyCode, NonNegativeAmount } from './common';
import { route } from './route';
import { REPORT_PREFERENCES } from '../domain/profile';

export const Profile = /*#__PURE__*/ (() => z.lazy(() => z.object({
  userId: z.string(),
  email: z.string(),
  name: z.nullable(z.string()),
  baseCurrency: z.string(),
  monthlyIncome: z.nullable(z.object({ amount: z.int(), currency: z.string() })),
  timezone: z.string(),
  /** Which periodic report emails the user gets (default weekly). */
  reports: z.enum(REPORT_PREFERENCES),
  roles: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
})))();

export const getMe = /*#__PURE__*/ (() => route({
  summary: 'The caller’s profile',
  auth: 'user',
  readAhead: ['profile'],
  response: Profile,
}))();

export const updateMe = /*#__PURE__*/ (() => route({
  summary: 'Change the caller’s basic financial details',
  description: '`monthlyIncome.amount` is in minor units of its currency (cents for EUR).',
  auth: 'user',
  readAhead: ['profile'],
  body: z.strictObject({
    name: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(100)))),
    baseCurrency: z.optional(CurrencyCode),
    monthlyIncome: z.optional(
      z.nullable(
        z.strictObject({
          amount: NonNegativeAmount,
          currency: CurrencyCode,
        }),
      ),
    ),
    timezone: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    reports: z.optional(z.enum(REPORT_PREFERENCES)),
  }),
  response: Profile,
}))();

export const deleteMe = /*#__PURE__*/ (() => route({
  summary: 'Erase the caller’s account and all its data',
  description:
    'Signs out every session and deletes the sign-in at once. Answers 204 when all the data is gone, or 202 `{"status": "erasing"}` when a large ledger is being finished in the background (a few minutes). Needs a sign-in within the last 5 minutes (a refresh does not count), or the password in the body; otherwise 403 asking to re-authenticate.',
  auth: 'user',
  body: z.optional(z.strictObject({ password: z.optional(z.string().check(z.minLength(1), z.maxLength(256))) })),
  answers: {
    '202': { description: 'Signed out and the sign-in deleted; the rest of a large ledger is being erased in the background (a few minutes).', response: z.lazy(() => z.object({ status: z.literal('erasing') })) },
    '403': { description: 'Sign in again: the sign-in is older than 5 minutes (a refresh does not count) and no password, or a wrong one, was sent.', problem: true },
  },
}))();
