import { useInfiniteQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { ApiError } from '../api/problem';
import type { operations } from '../api/schema';
import { formatDateTime } from '../lib/format';
import { Empty, Loading, ProblemMessage } from './states';
import s from './admin.module.css';

type AuditRecord = operations['roles-audit']['responses'][200]['content']['application/json']['items'][number];

const PAGE = 25;

const ACTIONS: Record<AuditRecord['action'], string> = {
  'role.create': 'Created role',
  'role.member.add': 'Gave role',
  'role.member.remove': 'Took role',
};

const OUTCOMES: Record<AuditRecord['outcome'], string> = { applied: 'good', refused: 'bad', failed: 'bad', pending: 'warn' };

/** GET /auth/audit, newest first, a page at a time on its signed cursor. */
function useAudit() {
  return useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam }) => ok(api.GET('/auth/audit', { params: { query: { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The audit trail of role changes (needs audit:read, which holders of roles:read may lack). */
export function AuditLog() {
  const audit = useAudit();
  return (
    <section aria-labelledby="audit-heading">
      <div className="row">
        <h2 id="audit-heading">Audit log</h2>
        <button type="button" className="secondary" disabled={audit.isFetching} onClick={() => void audit.refetch()}>
          {audit.isFetching && !audit.isFetchingNextPage ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <AuditBody audit={audit} />
    </section>
  );
}

function AuditBody({ audit }: { audit: ReturnType<typeof useAudit> }) {
  if (audit.isPending) return <Loading label="Loading the audit log…" />;
  if (audit.error instanceof ApiError && audit.error.status === 403) {
    return (
      <div className="notice">
        <p>
          <strong>You don’t hold audit:read.</strong> The audit log shows only to roles with that permission.
        </p>
      </div>
    );
  }
  if (audit.error) return <ProblemMessage error={audit.error} />;
  const records = audit.data.pages.flatMap((p) => p.items);
  if (records.length === 0) return <Empty title="No role changes yet">Creating a role or changing who holds one is recorded here.</Empty>;
  return (
    <>
      <AuditTable records={records} />
      {audit.hasNextPage && (
        <button type="button" className="secondary" disabled={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
          {audit.isFetchingNextPage ? 'Loading…' : 'Show older changes'}
        </button>
      )}
    </>
  );
}

function AuditTable({ records }: { records: AuditRecord[] }) {
  return (
    // Focusable so that a keyboard can scroll it when it is wider than the screen.
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit log entries">
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Change</th>
            <th scope="col">Role</th>
            <th scope="col">User</th>
            <th scope="col">By</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.id}>
              <td>{formatDateTime(r.at)}</td>
              <td>{ACTIONS[r.action]}</td>
              <td>
                <code className={s.id}>{r.role}</code>
              </td>
              <td>{r.targetUserId ? <code className={s.id}>{r.targetUserId}</code> : <span className="muted">—</span>}</td>
              <td>
                <code className={s.id}>{r.actorUserId}</code>
              </td>
              <td>
                <span className={`badge ${OUTCOMES[r.outcome]}`}>{r.outcome}</span>
                {r.reason && <div className={s.reason}>{r.reason}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
