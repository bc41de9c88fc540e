/**
 * Roles are Cognito groups; what each role may do is stored by the project (table, `ROLES` partition) and
 * enforced by the handler factory. These permissions are the whole vocabulary: a role may only grant these.
 */
export const PERMISSIONS = {
  'roles:write': 'Create roles and change who holds them',
  'roles:read': 'List roles',
  'users:read': 'Read other users’ profiles (support)',
  'fx:write': 'Publish exchange rates',
  'reports:run': 'Run scheduled reports on demand',
  'audit:read': 'Read the audit trail of role changes',
} as const;

export type Permission = keyof typeof PERMISSIONS;

/** A role: a Cognito group name plus the permissions the project grants to its members. */
export interface Role {
  name: string;
  description: string;
  permissions: string[];
  builtIn: boolean;
  createdAt: string;
}

/** The two roles every deployment has; they are not stored and cannot be redefined. */
export const BUILT_IN_ROLES: Record<string, Role> = {
  admin: { name: 'admin', description: 'Operators: every permission', permissions: ['*'], builtIn: true, createdAt: '1970-01-01T00:00:00.000Z' },
  user: { name: 'user', description: 'Every signed-up person', permissions: [], builtIn: true, createdAt: '1970-01-01T00:00:00.000Z' },
};

/** Role names are Cognito group names: letters, digits, `-` and `_`, starting with a letter. */
export const ROLE_NAME_PATTERN = /^[a-z][a-z0-9_-]{1,63}$/;

/** Whether a set of granted permissions (possibly `*`) includes `needed`. */
export function grants(granted: Iterable<string>, needed: string): boolean {
  for (const g of granted) {
    if (g === '*' || g === needed) return true;
    if (g.endsWith(':*') && needed.startsWith(g.slice(0, -1))) return true;
  }
  return false;
}

/** Permissions only a holder of `*` may grant (in a role, or by giving someone a role that carries them). */
export const PRIVILEGED_PERMISSIONS: readonly string[] = ['*', 'roles:*'];

/** The built-in role of operators; its membership is changed only by holders of `*`. */
export const ADMIN_ROLE = 'admin';

/** Who asks for a role change, with the permissions their roles grant right now. */
export interface Grantor {
  userId: string;
  permissions: string[];
}

/** A change to roles, as the grant rules see it. */
export type RoleChange =
  | { action: 'role.create'; role: string; permissions: string[] }
  | { action: 'role.member.add' | 'role.member.remove'; role: string; permissions: string[]; targetUserId: string };

/**
 * Why `grantor` may not make `change`, or `undefined` when they may. The rules:
 * - a role can carry only permissions its creator holds, and a membership can be changed only by someone who holds
 *   every permission of the role (nobody grants, or takes away, more than they have);
 * - `*`, `roles:*` and membership of the built-in `admin` role only by holders of `*`;
 * - nobody changes their own memberships (so an admin — the bootstrap admin included — leaves `admin` only when
 *   another holder of `*` removes them).
 */
export function roleChangeRefusal(grantor: Grantor, change: RoleChange): string | undefined {
  const isSuper = grantor.permissions.includes('*');
  if (change.action !== 'role.create') {
    if (change.targetUserId === grantor.userId) return 'Nobody can change their own role memberships; ask another administrator.';
    if (change.role === ADMIN_ROLE && !isSuper) return 'Only a holder of "*" can change who is in the admin role.';
  }
  const privileged = change.permissions.filter((p) => PRIVILEGED_PERMISSIONS.includes(p));
  if (privileged.length > 0 && !isSuper) {
    return `Only a holder of "*" can grant ${privileged.map((p) => `"${p}"`).join(', ')}.`;
  }
  const lacking = change.permissions.filter((p) => !grants(grantor.permissions, p));
  if (lacking.length > 0) {
    const what = change.action === 'role.create' ? 'A role can only carry' : 'You can only give or take a role whose permissions are all';
    return `${what} permissions you hold yourself; you lack ${lacking.map((p) => `"${p}"`).join(', ')}.`;
  }
  return undefined;
}

/** What became of an audited role change. */
export type AuditOutcome = 'applied' | 'refused' | 'pending' | 'failed';

/**
 * One entry of the audit trail: who (the caller's user id) did what (action, role, target, permissions), when, from
 * which request. A change that calls Cognito is recorded `pending` before the call and then set to `applied` or
 * `failed`, so a crash in between leaves a `pending` entry rather than no entry.
 */
export interface AuditRecord {
  id: string;
  /** ISO 8601 time of the request. */
  at: string;
  actorUserId: string;
  action: RoleChange['action'];
  role: string;
  /** The user whose membership changed (membership changes only). */
  targetUserId?: string;
  /** The permissions the role carries (or, for a new role, will carry). */
  permissions: string[];
  outcome: AuditOutcome;
  /** Why a change was refused or failed. */
  reason?: string;
  requestId: string;
  sourceIp?: string;
  userAgent?: string;
}
