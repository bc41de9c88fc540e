import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ok } from '../api/client';
import { ApiError } from '../api/problem';
import type { Role } from './admin-roles';
import { Field, SelectField } from './field';
import { ProblemMessage } from './states';

type Change = { kind: 'add' | 'remove'; role: string; userId: string };

function applyChange({ kind, role, userId }: Change) {
  const params = { params: { path: { role, userId } } };
  return ok(kind === 'add' ? api.PUT('/auth/roles/{role}/members/{userId}', params) : api.DELETE('/auth/roles/{role}/members/{userId}', params));
}

/** Give a user a role or take it back, by user id (PUT / DELETE /auth/roles/{role}/members/{userId}). */
export function Members({ roles }: { roles: Role[] }) {
  const queryClient = useQueryClient();
  const assignable = roles.filter((r) => r.name !== 'user');
  const [role, setRole] = useState(assignable[0]?.name ?? '');
  const [userId, setUserId] = useState('');
  const change = useMutation({
    mutationFn: applyChange,
    // A refused change is in the audit trail too.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['audit'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Which of the two buttons sent the form; Enter in the field adds.
    const kind = (e.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'remove' ? 'remove' : 'add';
    change.mutate({ kind, role: role || (assignable[0]?.name ?? ''), userId: userId.trim() });
  };
  const fields = change.error instanceof ApiError ? change.error.fieldErrors() : {};
  const done = change.isSuccess ? change.variables : undefined;
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <p className="muted">A user’s id is in their profile (GET /me). A new role takes effect at their next sign-in or token refresh.</p>
      <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value)} error={fields['path.role']}>
        {assignable.map((r) => (
          <option key={r.name} value={r.name}>
            {r.name}
          </option>
        ))}
      </SelectField>
      <Field label="User id" required spellCheck={false} autoComplete="off" value={userId} onChange={(e) => setUserId(e.target.value)} error={fields['path.userId']} placeholder="00000000-0000-0000-0000-000000000000" />
      <ProblemMessage error={change.error} />
      {done && (
        <p className="notice" role="status">
          {done.kind === 'add' ? `User ${done.userId} now holds the role ${done.role}.` : `User ${done.userId} no longer holds the role ${done.role}.`}
        </p>
      )}
      <div className="row">
        <button type="submit" value="add" disabled={change.isPending}>
          Add to role
        </button>
        <button type="submit" value="remove" className="secondary" disabled={change.isPending}>
          Remove from role
        </button>
      </div>
    </form>
  );
}
