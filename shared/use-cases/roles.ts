import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { BUILT_IN_ROLES, PERMISSIONS, type Role } from '../domain/roles';
import * as idp from '../adapters/identity-provider';
import { getProfile } from '../adapters/profiles';
import { getRoles, listRoles, putRoleIfAbsent } from '../adapters/roles';

function assertKnownPermissions(permissions: string[]): void {
  const known = Object.keys(PERMISSIONS);
  const resources = new Set(known.map((p) => p.split(':')[0]));
  const unknown = permissions.filter((p) => !(p === '*' || known.includes(p) || (p.endsWith(':*') && resources.has(p.split(':')[0]))));
  if (unknown.length > 0) {
    throw new ValidationError(
      `Unknown permission(s): ${unknown.join(', ')}. Known: ${known.join(', ')} (or resource:* / *).`,
      unknown.map((p) => ({ path: 'body.permissions', message: `unknown permission ${p}` })),
    );
  }
}

/** Creates a role: a Cognito group plus the permissions the project grants it. */
export async function createRole(input: { name: string; description: string; permissions: string[] }, now = new Date()): Promise<Role> {
  if (BUILT_IN_ROLES[input.name]) throw new ConflictError(`The role "${input.name}" is built in.`);
  assertKnownPermissions(input.permissions);
  const role: Role = { name: input.name, description: input.description, permissions: [...new Set(input.permissions)].sort(), builtIn: false, createdAt: now.toISOString() };
  // The group first: if storing the role then fails, a retry finds the group and completes the role.
  await idp.createGroup(role.name, role.description);
  if (!(await putRoleIfAbsent(role))) throw new ConflictError(`A role named "${input.name}" already exists.`);
  return role;
}

export async function roles(): Promise<{ items: Role[] }> {
  return { items: await listRoles() };
}

async function memberTarget(roleName: string, userId: string): Promise<string> {
  const [role] = await getRoles([roleName]);
  if (!role) throw new NotFoundError(`No role named "${roleName}".`);
  const profile = await getProfile(userId);
  if (!profile) throw new NotFoundError(`No user with id ${userId}.`);
  return profile.username;
}

/** Gives a user a role; it shows in their tokens from their next sign-in or refresh. */
export async function addMember(roleName: string, userId: string): Promise<void> {
  await idp.addToGroup(await memberTarget(roleName, userId), roleName);
}

export async function removeMember(roleName: string, userId: string): Promise<void> {
  await idp.removeFromGroup(await memberTarget(roleName, userId), roleName);
}
