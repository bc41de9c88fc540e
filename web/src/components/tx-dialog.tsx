import { useEffect, useId, useRef } from 'react';
import styles from '../pages/transactions.module.css';
import type { Account, Category, Transaction } from './tx-queries';
import { TxForm } from './tx-form';

export type DialogTarget = { kind: 'new' } | { kind: 'edit'; tx: Transaction } | null;

interface Props {
  target: DialogTarget;
  onClose: () => void;
  accounts: Account[];
  categories: Category[];
}

/** The add/edit dialog: a modal <dialog>, Escape closes it, focus goes back to the button that opened it. */
export function TxDialog({ target, onClose, accounts, categories }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (target && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!target && dialog.open) dialog.close();
  }, [target]);
  const closed = () => {
    onClose();
    opener.current?.focus();
  };
  const formKey = target?.kind === 'edit' ? `${target.tx.id}:${target.tx.version}` : 'new';
  return (
    <dialog ref={ref} className={styles.dialog} aria-labelledby={titleId} onClose={closed}>
      {target && (
        <TxForm key={formKey} titleId={titleId} tx={target.kind === 'edit' ? target.tx : undefined} accounts={accounts} categories={categories} onDone={() => ref.current?.close()} />
      )}
    </dialog>
  );
}
