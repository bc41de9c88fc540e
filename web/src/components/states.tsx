import type { ReactNode } from 'react';
import { ApiError, type Problem } from '../api/problem';

/** A problem document for people: its title, its detail and each wrong field. `role="alert"` so it is announced. */
export function ProblemMessage({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const problem: Problem = error instanceof ApiError ? error.problem : { type: 'about:blank', title: title ?? 'Something went wrong', status: 0, detail: error instanceof Error ? error.message : String(error) };
  return (
    <div className="problem" role="alert">
      <strong>{title ?? problem.title}</strong>
      {problem.detail && <p>{problem.detail}</p>}
      {problem.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={e.path + e.message}>
              <code>{e.path}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

/** The three states of a query in one place: loading, its problem, or its data. */
export function QueryState<T>({ query, children, label }: { query: { isPending: boolean; error: unknown; data: T | undefined }; children: (data: T) => ReactNode; label?: string }) {
  if (query.isPending) return <Loading {...(label ? { label } : {})} />;
  if (query.error) return <ProblemMessage error={query.error} />;
  return <>{children(query.data as T)}</>;
}
