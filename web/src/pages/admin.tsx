import { ApiError } from '../api/problem';
import { AuditLog } from '../components/admin-audit';
import { Members } from '../components/admin-members';
import { CreateRole, RolesTable, useRoles } from '../components/admin-roles';
import { Loading, ProblemMessage } from '../components/states';
import s from '../components/admin.module.css';

/** Roles and their permissions, role changes, and the audit trail: for holders of roles:read (and roles:write). */
export default function Admin() {
  const roles = useRoles();
  if (roles.isPending) {
    return (
      <>
        <h1>Admin</h1>
        <Loading label="Loading roles…" />
      </>
    );
  }
  if (roles.error) return <AdminRefused error={roles.error} />;
  return (
    <>
      <h1>Admin</h1>
      <h2>Roles</h2>
      <RolesTable roles={roles.data.items} />
      <div className={s.sections}>
        <CreateRole />
        <Members roles={roles.data.items} />
      </div>
      <AuditLog />
    </>
  );
}

/** A 403 says plainly which permission is missing; anything else is its problem document. */
function AdminRefused({ error }: { error: unknown }) {
  if (!(error instanceof ApiError && error.status === 403)) {
    return (
      <>
        <h1>Admin</h1>
        <ProblemMessage error={error} />
      </>
    );
  }
  return (
    <>
      <h1>Admin</h1>
      <div className={`notice ${s.notice}`} role="status">
        <h2>You don’t hold roles:read</h2>
        <p>This screen lists roles, who can change them and the audit trail. It needs the roles:read permission, which an administrator can give you through a role.</p>
        {error.problem.detail && <p className="muted">The server said: {error.problem.detail}</p>}
      </div>
    </>
  );
}
