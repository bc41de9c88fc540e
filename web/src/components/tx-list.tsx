import { useEffect, useRef } from 'react';
import { formatDate } from '../lib/format';
import styles from '../pages/transactions.module.css';
import { Money } from './money';
import { categoryLabel, sourceText } from './tx-category';
import type { Account, Category, Transaction } from './tx-queries';

interface Props {
  items: Transaction[];
  accounts: Account[];
  categories: Category[];
  onEdit: (t: Transaction) => void;
}

/** The rows: a table on wide screens, stacked cards on a phone (the same markup, so the headers stay). */
export function TxTable({ items, accounts, categories, onEdit }: Props) {
  return (
    <div className="table-wrap">
      <table className={styles.table}>
        <caption className={styles.visuallyHidden}>Transactions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Description</th>
            <th scope="col">Category</th>
            <th scope="col">Account</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">
              <span className={styles.visuallyHidden}>Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((t) => (
            <TxRow key={t.id} t={t} accounts={accounts} categories={categories} onEdit={onEdit} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TxRow({ t, accounts, categories, onEdit }: { t: Transaction; accounts: Account[]; categories: Category[]; onEdit: (t: Transaction) => void }) {
  const name = (id: string | null) => (id ? (accounts.find((a) => a.id === id)?.name ?? 'Unknown account') : '—');
  const source = sourceText(t);
  return (
    <tr>
      <td data-label="Date">{formatDate(t.date)}</td>
      <td data-label="Description">{t.description}</td>
      <td data-label="Category">
        {t.splits?.length ? (
          <span>Split: {t.splits.map((s) => categoryLabel(s.categoryId, categories)).join(', ')}</span>
        ) : (
          <span className={t.categoryId ? undefined : 'muted'}>{t.type === 'transfer' ? 'Transfer' : categoryLabel(t.categoryId, categories)}</span>
        )}
        {source && <small className={styles.source}>{source}</small>}
      </td>
      <td data-label="Account">{t.type === 'transfer' ? `${name(t.accountId)} → ${name(t.toAccountId)}` : name(t.accountId)}</td>
      <td data-label="Amount" className="num">
        <TxAmount t={t} />
      </td>
      <td>
        <button type="button" className="secondary" onClick={() => onEdit(t)}>
          Edit<span className={styles.visuallyHidden}> {t.description}</span>
        </button>
      </td>
    </tr>
  );
}

/** The amount signed by its direction in its own currency, and its value in the base currency when that differs. */
export function TxAmount({ t }: { t: Transaction }) {
  const signed = t.type === 'expense' ? -t.amount : t.amount;
  return (
    <>
      <Money minor={signed} currency={t.currency} signed={t.type === 'income'} tone={t.type !== 'transfer'} />
      {t.currency !== t.baseCurrency && (
        <small className={styles.base}>
          {t.baseAmount !== null ? (
            <>
              ≈ <Money minor={t.type === 'expense' ? -t.baseAmount : t.baseAmount} currency={t.baseCurrency} />
              <span className={styles.visuallyHidden}> in {t.baseCurrency}</span>
            </>
          ) : (
            <span className="badge warn" title={`The ${t.currency}→${t.baseCurrency} rate for this date is not known yet`}>
              pending FX
            </span>
          )}
        </small>
      )}
    </>
  );
}

/**
 * Loads the next page when the sentinel scrolls into view, and offers the same as a button for keyboards and for
 * browsers that do not scroll (both follow the cursor the API handed back).
 */
export function LoadMore({ hasNext, loading, onMore, count }: { hasNext: boolean; loading: boolean; onMore: () => void; count: number }) {
  const sentinel = useRef<HTMLDivElement>(null);
  const more = useRef(onMore);
  useEffect(() => {
    more.current = onMore;
  }, [onMore]);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNext || loading || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && more.current(), { rootMargin: '200px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNext, loading]);
  return (
    <div className={styles.more}>
      <div ref={sentinel} aria-hidden="true" />
      <p className="muted" role="status">
        {loading ? 'Loading more…' : hasNext ? `Showing ${count} so far.` : `All ${count} shown.`}
      </p>
      {hasNext && (
        <button type="button" className="secondary" onClick={onMore} disabled={loading}>
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
