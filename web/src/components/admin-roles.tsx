import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ok } from '../api/client';
import { ApiError } from '../api/problem';
import type { operations } from '../api/schema';
import { formatDateTime } from '../lib/format';
import { Field } from './field';
import { Empty, ProblemMessage } from './states';
import s from './admin.module.css';

export type Role = operations['roles-list']['responses'][200]['content']['application/json']['items'][number];

/** GET /auth/roles (needs roles:read), shared by the roles table and the members form. */
export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: () => ok(api.GET('/auth/roles')) });
}

/** The permissions the API knows (shared/domain/roles.ts), offered as choices; others can be typed. */
const KNOWN_PERMISSIONS: [string, string][] = [
  ['roles:read', 'List roles'],
  ['roles:write', 'Create roles and change who holds them'],
  ['audit:read', 'Read the audit trail of role changes'],
  ['users:read', 'Read other users’ profiles (support)'],
  ['fx:write', 'Publish exchange rates'],
  ['reports:run', 'Run scheduled reports on demand'],
];

export function RolesTable({ roles }: { roles: Role[] }) {
  if (roles.length === 0) return <Empty title="No roles yet" />;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Roles">
      <table>
        <caption className="muted">Roles and what they allow</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Permissions</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {roles.map((r) => (
            <tr key={r.name}>
              <th scope="row">
                <code>{r.name}</code> {r.builtIn && <span className="badge">built in</span>}
                {r.description && <div className="muted">{r.description}</div>}
              </th>
              <td>
                {r.permissions.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <span className={s.perms}>
                    {r.permissions.map((p) => (
                      <code key={p} className="badge">
                        {p}
                      </code>
                    ))}
                  </span>
                )}
              </td>
              <td>{r.builtIn ? '—' : formatDateTime(r.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** POST /auth/create_role: a name, a description and permissions the caller holds themself. */
export function CreateRole() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [others, setOthers] = useState('');
  const permissions = [...chosen, ...others.split(/[\s,]+/).filter(Boolean)];
  const create = useMutation({
    mutationFn: () => ok(api.POST('/auth/create_role', { body: { name, description, permissions } })),
    onSuccess: () => {
      setName('');
      setDescription('');
      setChosen([]);
      setOthers('');
      void queryClient.invalidateQueries({ queryKey: ['roles'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const toggle = (p: string, on: boolean) => setChosen((c) => (on ? [...c, p] : c.filter((x) => x !== p)));
  const fields = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const permissionError = Object.entries(fields).find(([path]) => path.startsWith('body.permissions'))?.[1];
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="create-role-heading">
      <h2 id="create-role-heading">Create a role</h2>
      <Field label="Name" required value={name} onChange={(e) => setName(e.target.value)} error={fields['body.name']} hint="2–64 of a-z, 0-9, - and _, starting with a letter." />
      <Field label="Description" maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} error={fields['body.description']} />
      <fieldset className={s.fieldset}>
        <legend>Permissions</legend>
        {KNOWN_PERMISSIONS.map(([p, label]) => (
          <label key={p} className={s.check}>
            <input type="checkbox" checked={chosen.includes(p)} onChange={(e) => toggle(p, e.target.checked)} /> <code>{p}</code> — {label}
          </label>
        ))}
        <Field label="Other permissions" value={others} onChange={(e) => setOthers(e.target.value)} error={permissionError} hint="Separated by commas, such as roles:* (only holders of * may grant it)." />
      </fieldset>
      <ProblemMessage error={create.error} />
      {create.isSuccess && (
        <p className="notice" role="status">
          Role <code>{create.data.name}</code> created.
        </p>
      )}
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create role'}
      </button>
    </form>
  );
}
