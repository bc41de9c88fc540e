import styles from '../pages/transactions.module.css';
import { formatDate } from '../lib/format';
import { Money } from './money';
import { categoryLabel } from './tx-category';
import type { Account, Category, Transaction } from './tx-queries';

interface Props {
  current: Transaction | 'deleted';
  accounts: Account[];
  categories: Category[];
  onAdopt: (current: Transaction, keepMine: boolean) => void;
  onClose: () => void;
}

/** A stale If-Match (412): what the transaction holds now, and the choice to re-apply one's changes over it. */
export function TxConflict({ current, accounts, categories, onAdopt, onClose }: Props) {
  if (current === 'deleted') {
    return (
      <div className="problem" role="alert">
        <strong>This transaction was deleted elsewhere.</strong>
        <p>Your changes cannot be saved to it.</p>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    );
  }
  const account = accounts.find((a) => a.id === current.accountId);
  return (
    <div className="problem" role="alert">
      <strong>This transaction was changed elsewhere.</strong>
      <p>Someone (or another tab) saved a newer version after you opened it. It now holds:</p>
      <dl className={styles.conflict}>
        <dt>Date</dt>
        <dd>{formatDate(current.date)}</dd>
        <dt>Description</dt>
        <dd>{current.description}</dd>
        <dt>Amount</dt>
        <dd>
          <Money minor={current.amount} currency={current.currency} /> ({current.type})
        </dd>
        <dt>Category</dt>
        <dd>{current.splits?.length ? `Split in ${current.splits.length} parts` : categoryLabel(current.categoryId, categories)}</dd>
        <dt>Account</dt>
        <dd>{account?.name ?? 'No account'}</dd>
      </dl>
      <div className="row">
        <button type="button" onClick={() => onAdopt(current, true)}>
          Reload and re-apply my changes
        </button>
        <button type="button" className="secondary" onClick={() => onAdopt(current, false)}>
          Discard my changes
        </button>
      </div>
    </div>
  );
}
