import styles from '../pages/transactions.module.css';
import { formatDate } from '../lib/format';
import { Money } from './money';
import { categoryLabel } from './tx-category';
import type { Account, Category, Transaction } from './tx-queries';

const LABELS: Record<string, string> = { accountId: 'account', toAccountId: 'destination account', categoryId: 'category', split: 'split', splits: 'split' };

interface Props {
  current: Transaction | 'deleted';
  /** The fields this person changed, re-applied over the current version on request. */
  mine: string[];
  accounts: Account[];
  categories: Category[];
  onAdopt: (current: Transaction, keepMine: boolean) => void;
  onClose: () => void;
}

/** A stale If-Match (412): what the transaction holds now, and the choice to re-apply one's changes over it. */
export function TxConflict({ current, mine, accounts, categories, onAdopt, onClose }: Props) {
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
      {mine.length > 0 && <p>Your changes ({[...new Set(mine.map((m) => LABELS[m] ?? m))].join(', ')}) are kept if you re-apply them; check them, then save.</p>}
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
