import * as z from 'zod/mini';
import { Email, Password, Uuid } from './common';
import { route } from './route';

const Name = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

export const register = route({
  summary: 'Create an account',
  description: 'New accounts join the `user` role. Where auto-confirm is off, confirm with `POST /auth/confirm`.',
  auth: 'public',
  body: z.strictObject({ email: Email, password: Password, name: z.optional(Name) }),
  response: z.object({ userId: z.string(), email: z.string(), confirmed: z.boolean() }),
  status: 201,
});

export const confirm = route({
  summary: 'Confirm an account with the code sent by email',
  auth: 'public',
  body: z.strictObject({ email: Email, code: z.string().check(z.regex(/^\d{4,8}$/, 'must be the numeric code from the email')) }),
});

export const Tokens = z.object({
  accessToken: z.string(),
  idToken: z.string(),
  refreshToken: z.optional(z.string()),
  expiresIn: z.int(),
  tokenType: z.literal('Bearer'),
});

export const login = route({
  summary: 'Sign in with email and password',
  auth: 'public',
  body: z.strictObject({ email: Email, password: Password }),
  response: Tokens,
});

export const refresh = route({
  summary: 'Exchange a refresh token for new access and id tokens',
  auth: 'public',
  body: z.strictObject({ refreshToken: z.string().check(z.minLength(1), z.maxLength(8192)) }),
  response: Tokens,
});

export const logout = route({
  summary: 'Sign out: this session’s access tokens and refresh token stop working at once',
  auth: 'user',
  body: z.optional(z.strictObject({ refreshToken: z.optional(z.string().check(z.maxLength(8192))) })),
});

const PermissionName = z.string().check(z.regex(/^(\*|[a-z]+:(\*|[a-z]+))$/, 'must look like resource:action'));
export const RoleSchema = z.object({
  name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
  builtIn: z.boolean(),
  createdAt: z.string(),
});

export const createRole = route({
  summary: 'Create a role (admin)',
  auth: { permission: 'roles:write' },
  body: z.strictObject({
    name: z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z][a-z0-9_-]{1,63}$/, 'must be 2–64 of a-z, 0-9, - and _, starting with a letter')),
    description: z._default(z.string().check(z.maxLength(500)), ''),
    permissions: z.array(PermissionName).check(z.maxLength(50)),
  }),
  response: RoleSchema,
  status: 201,
});

export const listRoles = route({
  summary: 'List roles and their permissions',
  auth: 'user',
  response: z.object({ items: z.array(RoleSchema) }),
});

const MemberParams = z.strictObject({
  role: z.string().check(z.regex(/^[a-z][a-z0-9_-]{1,63}$/, 'must be a role name')),
  userId: Uuid,
});

export const addMember = route({
  summary: 'Give a user a role (admin)',
  auth: { permission: 'roles:write' },
  params: MemberParams,
});

export const removeMember = route({
  summary: 'Take a role from a user (admin)',
  auth: { permission: 'roles:write' },
  params: MemberParams,
});
