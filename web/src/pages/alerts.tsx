import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { useMe } from '../api/queries';
import { insightKeys, type Alert } from '../components/insight-api';
import { Evidence } from '../components/insight-evidence';
import { AlertPreferencesForm, KIND_NAMES } from '../components/insight-preferences';
import { StatusBadge } from '../components/insight-status';
import s from '../components/insight.module.css';
import { Empty, Loading, ProblemMessage } from '../components/states';
import { formatDateTime } from '../lib/format';

const SEVERITY: Record<Alert['severity'], { words: string; tone: string }> = {
  info: { words: 'Info', tone: '' },
  warning: { words: 'Warning', tone: 'warn' },
  critical: { words: 'Critical', tone: 'bad' },
};

function useAlertPages(unread: boolean) {
  return useInfiniteQuery({
    queryKey: [...insightKeys.alerts, 'list', unread],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => ok(api.GET('/alerts', { params: { query: { limit: 20, ...(unread ? { unread: 'true' as const } : {}), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 20_000,
  });
}

function AlertItem({ a, currency, onRead, reading }: { a: Alert; currency: string | undefined; onRead: () => void; reading: boolean }) {
  return (
    <li className={`card ${a.readAt ? '' : s.unread}`} data-testid="alert">
      <div className={s.head}>
        <h2 style={{ margin: 0, fontSize: '1rem' }}>{a.title}</h2>
        <span>
          <StatusBadge {...SEVERITY[a.severity]} /> <span className="badge">{a.readAt ? 'Read' : 'Unread'}</span>
        </span>
      </div>
      <p className={`muted ${s.note}`}>
        {KIND_NAMES[a.kind]} · {formatDateTime(a.createdAt)}
      </p>
      <p>{a.message}</p>
      <details>
        <summary>Evidence</summary>
        <Evidence evidence={a.evidence} currency={currency} />
      </details>
      {!a.readAt && (
        <div className={s.actions}>
          <button type="button" className="secondary" onClick={onRead} disabled={reading}>
            Mark read<span className="visually-hidden">: {a.title}</span>
          </button>
        </div>
      )}
    </li>
  );
}

/** Marks every unread alert read, calling again while the API says some remain. */
async function readAll(): Promise<number> {
  let marked = 0;
  for (let i = 0; i < 20; i++) {
    const r = await ok(api.POST('/alerts/read-all'));
    marked += r.marked;
    if (!r.more) break;
  }
  return marked;
}

function AlertList({ unread }: { unread: boolean }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const pages = useAlertPages(unread);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: insightKeys.alerts });
  const read = useMutation({ mutationFn: (id: string) => ok(api.POST('/alerts/{id}/read', { params: { path: { id } } })), onSuccess: invalidate });
  const all = useMutation({ mutationFn: readAll, onSuccess: invalidate });
  if (pages.isPending) return <Loading label="Loading alerts…" />;
  if (pages.error) return <ProblemMessage error={pages.error} />;
  const items = pages.data.pages.flatMap((p) => p.items);
  return (
    <>
      <div className={s.actions}>
        <button type="button" className="secondary" onClick={() => void pages.refetch()} disabled={pages.isFetching}>
          {pages.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
        <button type="button" onClick={() => all.mutate()} disabled={all.isPending || items.every((a) => a.readAt)}>
          {all.isPending ? 'Marking…' : 'Mark all read'}
        </button>
      </div>
      <ProblemMessage error={read.error ?? all.error} />
      {all.isSuccess && <p role="status">{all.data} marked read.</p>}
      {items.length === 0 ? (
        <Empty title={unread ? 'No unread alerts' : 'No alerts yet'}>Budgets, goals, subscriptions and unusual expenses raise alerts here.</Empty>
      ) : (
        <ul className={s.list} style={{ marginTop: '1rem' }}>
          {items.map((a) => (
            <AlertItem key={a.id} a={a} currency={me.data?.baseCurrency} onRead={() => read.mutate(a.id)} reading={read.isPending && read.variables === a.id} />
          ))}
        </ul>
      )}
      {pages.hasNextPage && (
        <div className={s.actions}>
          <button type="button" className="secondary" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
            {pages.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
}

/** Alerts, newest first (all or unread only, more on demand), marked read one by one or all; preferences per kind. */
export default function Alerts() {
  const [unread, setUnread] = useState(false);
  return (
    <>
      <h1>Alerts</h1>
      <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="visually-hidden">Show</legend>
        <label>
          <input type="radio" name="show" checked={!unread} onChange={() => setUnread(false)} /> All
        </label>
        <label>
          <input type="radio" name="show" checked={unread} onChange={() => setUnread(true)} /> Unread only
        </label>
      </fieldset>
      <AlertList unread={unread} />
      <h2>Preferences</h2>
      <AlertPreferencesForm />
    </>
  );
}
