import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { BUILT_IN_ROLES, PERMISSIONS, roleChangeRefusal, type AuditRecord, type Role, type RoleChange } from '../domain/roles';
import type { Principal } from '../ports/principal';
import { decodeCursor, encodeCursor } from '../adapters/cursor';
import * as idp from '../adapters/identity-provider';
import { listAudit, putAudit, settleAudit } from '../adapters/audit';
import { getProfile } from '../adapters/profiles';
import { getRoles, listRoles, putRoleIfAbsent } from '../adapters/roles';

/** Who asks for a role change, and from which request (what the audit trail records). */
export interface RoleRequest {
  caller: Principal;
  requestId: string;
  sourceIp?: string;
  userAgent?: string;
}

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

function auditRecord(req: RoleRequest, change: RoleChange, now: Date, outcome: AuditRecord['outcome'], reason?: string): AuditRecord {
  return {
    id: randomUUID(),
    at: now.toISOString(),
    actorUserId: req.caller.userId,
    action: change.action,
    role: change.role,
    ...('targetUserId' in change ? { targetUserId: change.targetUserId } : {}),
    permissions: change.permissions,
    outcome,
    ...(reason ? { reason } : {}),
    requestId: req.requestId,
    ...(req.sourceIp ? { sourceIp: req.sourceIp } : {}),
    ...(req.userAgent ? { userAgent: req.userAgent.slice(0, 512) } : {}),
  };
}

/**
 * Refuses (403, and an audit record of the attempt) a change the caller may not make: the permissions the caller's
 * roles grant now, against the rules of `roleChangeRefusal`.
 */
async function assertMayChange(req: RoleRequest, change: RoleChange, now: Date): Promise<void> {
  const held = (await getRoles(req.caller.groups)).flatMap((r) => r.permissions);
  const refusal = roleChangeRefusal({ userId: req.caller.userId, permissions: held }, change);
  if (refusal === undefined) return;
  await putAudit(auditRecord(req, change, now, 'refused', refusal));
  throw new ForbiddenError(refusal);
}

/**
 * Creates a role: a Cognito group plus the permissions the project grants it, each held by the caller. The role and
 * its audit record are stored in one transaction.
 */
export async function createRole(req: RoleRequest, input: { name: string; description: string; permissions: string[] }, now = new Date()): Promise<Role> {
  if (Object.hasOwn(BUILT_IN_ROLES, input.name)) throw new ConflictError(`The role "${input.name}" is built in.`);
  assertKnownPermissions(input.permissions);
  const role: Role = { name: input.name, description: input.description, permissions: [...new Set(input.permissions)].sort(), builtIn: false, createdAt: now.toISOString() };
  const change: RoleChange = { action: 'role.create', role: role.name, permissions: role.permissions };
  await assertMayChange(req, change, now);
  // The group first: if storing the role then fails, a retry finds the group and completes the role.
  await idp.createGroup(role.name, role.description);
  if (!(await putRoleIfAbsent(role, auditRecord(req, change, now, 'applied')))) throw new ConflictError(`A role named "${input.name}" already exists.`);
  return role;
}

export async function roles(): Promise<{ items: Role[] }> {
  return { items: await listRoles() };
}

async function memberChange(req: RoleRequest, action: 'role.member.add' | 'role.member.remove', roleName: string, userId: string, now: Date): Promise<void> {
  const [role] = await getRoles([roleName]);
  if (!role) throw new NotFoundError(`No role named "${roleName}".`);
  const profile = await getProfile(userId);
  if (!profile) throw new NotFoundError(`No user with id ${userId}.`);
  const change: RoleChange = { action, role: role.name, permissions: role.permissions, targetUserId: userId };
  await assertMayChange(req, change, now);
  // Cognito is not part of a table transaction: the record is written first as `pending`, then settled, so a crash
  // between the two leaves a trace of an attempt whose outcome is unknown, never a change without a trace.
  const record = auditRecord(req, change, now, 'pending');
  await putAudit(record);
  try {
    if (action === 'role.member.add') await idp.addToGroup(profile.username, role.name);
    else await idp.removeFromGroup(profile.username, role.name);
  } catch (e) {
    await settleAudit(record, 'failed', (e as Error).message.slice(0, 500)).catch(() => undefined);
    throw e;
  }
  await settleAudit(record, 'applied');
}

/** Gives a user a role; it shows in their tokens from their next sign-in or refresh. */
export async function addMember(req: RoleRequest, roleName: string, userId: string, now = new Date()): Promise<void> {
  await memberChange(req, 'role.member.add', roleName, userId, now);
}

export async function removeMember(req: RoleRequest, roleName: string, userId: string, now = new Date()): Promise<void> {
  await memberChange(req, 'role.member.remove', roleName, userId, now);
}

const AUDIT_SCOPE = 'audit';

/** The audit trail of role changes, newest first, `limit` at a time; `nextCursor` continues it. */
export async function auditTrail(caller: Principal, input: { limit: number; cursor?: string }): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
  let start: { sk: string } | undefined;
  if (input.cursor) {
    const position = await decodeCursor(input.cursor, caller.userId, AUDIT_SCOPE);
    if (typeof position.sk !== 'string') throw new ValidationError('The cursor is invalid; start again without it.', [{ path: 'query.cursor', message: 'invalid cursor' }]);
    start = { sk: position.sk };
  }
  const page = await listAudit(input.limit, start);
  return { items: page.items, nextCursor: page.lastKey ? await encodeCursor(caller.userId, AUDIT_SCOPE, page.lastKey) : null };
}
