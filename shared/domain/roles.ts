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
