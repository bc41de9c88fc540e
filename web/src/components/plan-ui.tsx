import { useEffect, useId, useRef, type ReactNode } from 'react';
import { ApiError } from '../api/problem';
import { ProblemMessage } from './states';

/**
 * A modal dialog (native <dialog> with showModal: focus trapped, Escape closes); focus goes back to what opened it.
 * Mount it only while it is open.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={id}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={id}>{title}</h2>
      {children}
    </dialog>
  );
}

/**
 * The problem of a write. A stale If-Match (412) says that someone else changed the item meanwhile and offers to load
 * their copy (which discards the edits in the form).
 */
export function SaveProblem({ error, onReload }: { error: unknown; onReload?: () => void }) {
  if (!error) return null;
  const stale = error instanceof ApiError && error.status === 412;
  const now = error instanceof ApiError ? error.problem.currentVersion : undefined;
  return (
    <>
      <ProblemMessage error={error} />
      {stale && onReload && (
        <div className="notice">
          <p>
            Someone else changed this since you opened it (another tab or device){now === undefined ? '' : `; it is now at version ${now}`}. Load their copy to see what it holds now, then make your change again.
          </p>
          <button type="button" className="secondary" onClick={onReload}>
            Reload their copy
          </button>
        </div>
      )}
    </>
  );
}

/** The buttons at the foot of a dialog's form. */
export function DialogButtons({ busy, label, busyLabel, onCancel, danger }: { busy: boolean; label: string; busyLabel: string; onCancel: () => void; danger?: boolean }) {
  return (
    <div className="row" style={{ marginTop: '1rem' }}>
      <button type="submit" className={danger ? 'danger' : undefined} disabled={busy}>
        {busy ? busyLabel : label}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** A bar of `value` out of `max` with its words beside it (the colour is never the only signal). */
export function ProgressBar({ ratio, tone, label }: { ratio: number; tone?: 'warn' | 'bad' | undefined; label: string }) {
  const pct = Math.max(0, Math.min(1, Number.isFinite(ratio) ? ratio : 0)) * 100;
  return (
    <div className={tone ? `bar ${tone}` : 'bar'} role="img" aria-label={label}>
      <span style={{ width: `${pct}%` }} />
    </div>
  );
}
