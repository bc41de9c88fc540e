import * as z from 'zod/mini';
import { PAGE_LIMITS } from '../domain/limits';
import { Email, PageLimit, Password, Uuid } from './common';
import { route } from './route';

const Name = /*#__PURE__*/ (() => z.string().check(z.trim(), z.minLength(1), z.maxLength(100)))();

export const register = /*#__PURE__*/ (() => route({
  summary: 'Create an account',
  description:
    'New accounts join the `user` role. Where auto-confirm is off (`confirmed: false`), the address gets a code: confirm with `POST /auth/confirm`.\n\n' +
    'The answer is the same, in status, body shape and roughly in time (at least 1 s), whether or not the address already has an account, so it does not tell who has one. ' +
    'For an address that has one nothing is created: an account still waiting for confirmation gets a new code (its first password stays), the owner of a confirmed one an email saying someone tried to register with it (at most one a day); ' +
    '`userId` is then a random id that belongs to nobody, and `confirmed` what a new account would have. A `userId` is therefore only yours once you can sign in. ' +
    'At most 5 registrations per address and hour (then 429 with `Retry-After`).',
  auth: 'public',
  body: z.strictObject({ email: Email, password: Password, name: z.optional(Name) }),
  response: z.lazy(() => z.object({ userId: z.string(), email: z.string(), confirmed: z.boolean() })),
  status: 201,
}))();

export const confirm = /*#__PURE__*/ (() => route({
  summary: 'Confirm an account with the code sent by email',
  description:
    'A wrong or expired code, an unknown address and an address with nothing to confirm get the same 400. At most 5 attempts per address and hour, then 429 with `Retry-After` (also for the right code) until the hour is over; `POST /auth/resend-confirmation` sends a new code.',
  auth: 'public',
  body: z.strictObject({ email: Email, code: z.string().check(z.regex(/^\d{4,8}$/, 'must be the numeric code from the email')) }),
}))();

export const Tokens = /*#__PURE__*/ (() => z.lazy(() => z.object({
  accessToken: z.string(),
  idToken: z.string(),
  refreshToken: z.optional(z.string()),
  expiresIn: z.int(),
  tokenType: z.literal('Bearer'),
})))();

export const login = /*#__PURE__*/ (() => route({
  summary: 'Sign in with email and password',
  description:
    'A wrong password, an unknown address and an account not confirmed yet get the same 401. After 10 failed sign-ins of an address within 15 minutes, every sign-in of it is 429 with `Retry-After` until those minutes are over (successful sign-ins do not count).',
  auth: 'public',
  body: z.strictObject({ email: Email, password: Password }),
  response: Tokens,
}))();

export const refresh = /*#__PURE__*/ (() => route({
  summary: 'Exchange a refresh token for new access and id tokens',
  auth: 'public',
  body: z.strictObject({ refreshToken: z.string().check(z.minLength(1), z.maxLength(8192)) }),
  response: Tokens,
}))();

export const logout = /*#__PURE__*/ (() => route({
  summary: 'Sign out: this session’s access tokens and refresh token stop working at once',
  description:
    'The session’s refresh token is also revoked at the identity provider, whether or not the client sends it. With `{"everywhere": true}` every session of the user ends.',
  auth: 'user',
  body: z.optional(z.strictObject({ refreshToken: z.optional(z.string().check(z.maxLength(8192))), everywhere: z.optional(z.boolean()) })),
}))();

const PermissionName = /*#__PURE__*/ (() => z.string().check(z.regex(/^(\*|[a-z]+:(\*|[a-z]+))$/, 'must look like resource:action')))();
export const RoleSchema = /*#__PURE__*/ (() => z.lazy(() => z.object({
  name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
  builtIn: z.boolean(),
  createdAt: z.string(),
})))();

export const createRole = /*#__PURE__*/ (() => route({
  summary: 'Create a role (admin)',
  description:
    'Every permission of the role must be one the caller holds; `*` and `roles:*` only by holders of `*`. Recorded in the audit trail (`GET /auth/audit`).',
  auth: { permission: 'roles:write' },
  body: z.strictObject({
    name: z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z][a-z0-9_-]{1,63}$/, 'must be 2–64 of a-z, 0-9, - and _, starting with a letter')),
    description: z._default(z.string().check(z.maxLength(500)), ''),
    permissions: z.array(PermissionName).check(z.maxLength(50)),
  }),
  response: RoleSchema,
  status: 201,
}))();

export const listRoles = /*#__PURE__*/ (() => route({
  summary: 'List roles and their permissions',
  auth: { permission: 'roles:read' },
  response: z.lazy(() => z.object({ items: z.array(RoleSchema) })),
}))();

const MemberParams = /*#__PURE__*/ (() => z.strictObject({
  role: z.string().check(z.regex(/^[a-z][a-z0-9_-]{1,63}$/, 'must be a role name')),
  userId: Uuid,
}))();

export const addMember = /*#__PURE__*/ (() => route({
  summary: 'Give a user a role (admin)',
  description:
    'The caller must hold every permission of the role; the `admin` role and roles carrying `*` or `roles:*` only by holders of `*`; nobody changes their own memberships. Recorded in the audit trail.',
  auth: { permission: 'roles:write' },
  params: MemberParams,
}))();

export const removeMember = /*#__PURE__*/ (() => route({
  summary: 'Take a role from a user (admin)',
  description: 'The same rules as giving a role: an administrator leaves `admin` only when another holder of `*` removes them.',
  auth: { permission: 'roles:write' },
  params: MemberParams,
}))();

export const AuditRecordSchema = /*#__PURE__*/ (() => z.lazy(() => z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: z.string(),
  action: z.enum(['role.create', 'role.member.add', 'role.member.remove']),
  role: z.string(),
  targetUserId: z.optional(z.string()),
  permissions: z.array(z.string()),
  outcome: z.enum(['applied', 'refused', 'pending', 'failed']),
  reason: z.optional(z.string()),
  requestId: z.string(),
  sourceIp: z.optional(z.string()),
  userAgent: z.optional(z.string()),
})))();

export const listAudit = /*#__PURE__*/ (() => route({
  summary: 'The audit trail of role changes, newest first (admin)',
  description:
    'Who changed which role or membership, when and from which request, including refused attempts. `pending` means the change was under way and its outcome is unknown. `nextCursor` is opaque and signed; pass it back as `cursor`.',
  auth: { permission: 'audit:read' },
  query: z.strictObject({
    limit: PageLimit(PAGE_LIMITS.audit.max, PAGE_LIMITS.audit.default),
    cursor: z.optional(z.string().check(z.maxLength(2048))),
  }),
  response: z.lazy(() => z.object({ items: z.array(AuditRecordSchema), nextCursor: z.nullable(z.string()) })),
}))();

const Code = /*#__PURE__*/ (() => z.string().check(z.regex(/^\d{4,8}$/, 'must be the numeric code from the email')))();
const Accepted = /*#__PURE__*/ (() => z.lazy(() => z.object({ status: z.literal('accepted'), message: z.string() })))();
const LIFECYCLE_NOTE =
  'At most 5 requests per address and hour (then 429 with `Retry-After`). The answer is the same, in status, body and roughly in time, whether or not an account has this address.';

export const changePassword = /*#__PURE__*/ (() => route({
  summary: 'Change the password; every other session of the account ends',
  description: 'Needs the current password. The session this request comes with stays signed in. At most 5 per account and hour (then 429 with `Retry-After`).',
  auth: 'user',
  body: z.strictObject({ currentPassword: Password, newPassword: Password }),
}))();

export const forgotPassword = /*#__PURE__*/ (() => route({
  summary: 'Email a code to reset a forgotten password',
  description: `A confirmed account with this address gets a code by email; use it with \`POST /auth/reset-password\`. ${LIFECYCLE_NOTE}`,
  auth: 'public',
  body: z.strictObject({ email: Email }),
  response: Accepted,
  status: 202,
}))();

export const resetPassword = /*#__PURE__*/ (() => route({
  summary: 'Set a new password with the emailed code; every session of the account ends',
  description: `A wrong or expired code and an unknown address get the same 400. ${LIFECYCLE_NOTE}`,
  auth: 'public',
  body: z.strictObject({ email: Email, code: Code, newPassword: Password }),
}))();

export const resendConfirmation = /*#__PURE__*/ (() => route({
  summary: 'Email a new confirmation code',
  description: `An account still waiting for confirmation gets a new code by email (unconfirmed accounts are deleted 7 days after registration). ${LIFECYCLE_NOTE}`,
  auth: 'public',
  body: z.strictObject({ email: Email }),
  response: Accepted,
  status: 202,
}))();
