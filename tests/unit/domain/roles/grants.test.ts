import { describe, expect, it } from 'vitest';
import { grants, roleChangeRefusal, type Grantor } from '../../../../shared/domain/roles';

const admin: Grantor = { userId: 'admin-1', permissions: ['*'] };
const otherAdmin: Grantor = { userId: 'admin-2', permissions: ['*'] };
const roleWriter: Grantor = { userId: 'writer', permissions: ['roles:write', 'users:read'] };
const rolesStar: Grantor = { userId: 'roles-star', permissions: ['roles:*', 'fx:write'] };

describe('grants', () => {
  it('matches exact, resource:* and * grants only', () => {
    expect(grants(['*'], 'audit:read')).toBe(true);
    expect(grants(['roles:*'], 'roles:write')).toBe(true);
    expect(grants(['roles:*'], 'rolesx:write')).toBe(false);
    expect(grants(['roles:write'], 'roles:*')).toBe(false);
    expect(grants(['roles:write'], '*')).toBe(false);
    expect(grants([], 'roles:read')).toBe(false);
  });
});

describe('creating a role', () => {
  const create = (permissions: string[]) => ({ action: 'role.create' as const, role: 'r', permissions });

  it('may carry only permissions the creator holds', () => {
    expect(roleChangeRefusal(roleWriter, create(['users:read', 'roles:write']))).toBeUndefined();
    expect(roleChangeRefusal(roleWriter, create([]))).toBeUndefined();
    expect(roleChangeRefusal(roleWriter, create(['fx:write']))).toMatch(/you lack "fx:write"/);
    expect(roleChangeRefusal(roleWriter, create(['users:*']))).toMatch(/you lack "users:\*"/);
    expect(roleChangeRefusal(rolesStar, create(['roles:read', 'roles:write']))).toBeUndefined();
  });

  it('grants * and roles:* only from a holder of *', () => {
    expect(roleChangeRefusal(roleWriter, create(['*']))).toMatch(/Only a holder of "\*" can grant "\*"/);
    expect(roleChangeRefusal(rolesStar, create(['roles:*']))).toMatch(/Only a holder of "\*" can grant "roles:\*"/);
    expect(roleChangeRefusal(admin, create(['*']))).toBeUndefined();
    expect(roleChangeRefusal(admin, create(['roles:*', 'audit:read']))).toBeUndefined();
  });
});

describe('changing memberships', () => {
  const add = (role: string, permissions: string[], targetUserId: string) => ({ action: 'role.member.add' as const, role, permissions, targetUserId });
  const remove = (role: string, permissions: string[], targetUserId: string) => ({ action: 'role.member.remove' as const, role, permissions, targetUserId });

  it('never lets anyone change their own memberships, admins included', () => {
    expect(roleChangeRefusal(roleWriter, add('admin', ['*'], roleWriter.userId))).toMatch(/own role memberships/);
    expect(roleChangeRefusal(roleWriter, add('readers', ['users:read'], roleWriter.userId))).toMatch(/own role memberships/);
    expect(roleChangeRefusal(admin, remove('admin', ['*'], admin.userId))).toMatch(/own role memberships/);
    expect(roleChangeRefusal(admin, remove('user', [], admin.userId))).toMatch(/own role memberships/);
  });

  it('changes admin membership only by another holder of *', () => {
    expect(roleChangeRefusal(roleWriter, add('admin', ['*'], 'someone'))).toMatch(/admin role/);
    expect(roleChangeRefusal(rolesStar, remove('admin', ['*'], admin.userId))).toMatch(/admin role/);
    expect(roleChangeRefusal(otherAdmin, remove('admin', ['*'], admin.userId))).toBeUndefined();
    expect(roleChangeRefusal(admin, add('admin', ['*'], 'someone'))).toBeUndefined();
  });

  it('gives or takes a role only when the caller holds all of its permissions', () => {
    expect(roleChangeRefusal(roleWriter, add('readers', ['users:read'], 'someone'))).toBeUndefined();
    expect(roleChangeRefusal(roleWriter, add('user', [], 'someone'))).toBeUndefined();
    expect(roleChangeRefusal(roleWriter, add('fx', ['fx:write'], 'someone'))).toMatch(/you lack "fx:write"/);
    expect(roleChangeRefusal(roleWriter, remove('fx', ['fx:write'], 'someone'))).toMatch(/you lack "fx:write"/);
    expect(roleChangeRefusal(roleWriter, add('ops', ['*'], 'someone'))).toMatch(/Only a holder of "\*"/);
    expect(roleChangeRefusal(rolesStar, add('role-admins', ['roles:*'], 'someone'))).toMatch(/Only a holder of "\*" can grant "roles:\*"/);
  });
});
