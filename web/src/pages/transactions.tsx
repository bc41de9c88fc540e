import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Empty, Loading, ProblemMessage } from '../components/states';
import { TxDialog, type DialogTarget } from '../components/tx-dialog';
import { clean, filtersFrom, TxFilters } from '../components/tx-filters';
import { LoadMore, TxTable } from '../components/tx-list';
import { useAccounts, useCategories, useTransactionPages, type Account, type Category, type TransactionFilters } from '../components/tx-queries';
import styles from './transactions.module.css';

/** Transactions: filters and search, pages on the signed cursor, add / edit / delete with conflict handling. */
export default function Transactions() {
  const [params, setParams] = useSearchParams();
  // The filters live in state (updated from the latest value) and are mirrored into the address for reloads.
  const [filters, setFilterState] = useState(() => filtersFrom(params));
  useEffect(() => {
    setParams(new URLSearchParams(Object.entries(filters) as [string, string][]), { replace: true });
  }, [filters, setParams]);
  const accounts = useAccounts();
  const categories = useCategories();
  const [target, setTarget] = useState<DialogTarget>(null);
  const setFilters = useCallback((update: (previous: TransactionFilters) => TransactionFilters) => setFilterState((previous) => clean(update(previous))), []);
  const accountList = accounts.data?.items ?? [];
  const categoryList = categories.data?.items ?? [];
  return (
    <>
      <div className={styles.head}>
        <h1>Transactions</h1>
        <div className="row">
          <button type="button" onClick={() => setTarget({ kind: 'new' })} disabled={accounts.isPending || categories.isPending}>
            Add transaction
          </button>
          <Link className="button secondary" to="/import">
            Import a file
          </Link>
        </div>
      </div>
      <ProblemMessage error={accounts.error ?? categories.error} />
      <TxFilters filters={filters} onChange={setFilters} accounts={accountList} categories={categoryList} />
      <TxResults filters={filters} accounts={accountList} categories={categoryList} onEdit={(tx) => setTarget({ kind: 'edit', tx })} onClear={() => setFilters(() => ({}))} onAdd={() => setTarget({ kind: 'new' })} />
      <TxDialog target={target} onClose={() => setTarget(null)} accounts={accountList} categories={categoryList} />
    </>
  );
}

interface ResultsProps {
  filters: TransactionFilters;
  accounts: Account[];
  categories: Category[];
  onEdit: Parameters<typeof TxTable>[0]['onEdit'];
  onClear: () => void;
  onAdd: () => void;
}

function TxResults({ filters, accounts, categories, onEdit, onClear, onAdd }: ResultsProps) {
  const pages = useTransactionPages(filters);
  const filtered = Object.keys(filters).length > 0;
  if (pages.isPending) return <Loading label="Loading transactions…" />;
  if (!pages.data) return <ProblemMessage error={pages.error} />;
  const items = pages.data.pages.flatMap((p) => p.items);
  // A page may come back empty with a cursor when the API stopped reading a long history for a narrow filter.
  if (items.length === 0 && pages.hasNextPage) {
    return <LoadMore hasNext loading={pages.isFetchingNextPage} onMore={() => void pages.fetchNextPage()} count={0} />;
  }
  if (items.length === 0) {
    return filtered ? (
      <Empty title="No transactions match these filters">
        <button type="button" className="secondary" onClick={onClear}>
          Clear filters
        </button>
      </Empty>
    ) : (
      <Empty title="No transactions yet">
        <p>Add one by hand, or import your bank's file.</p>
        <div className={styles.emptyActions}>
          <button type="button" onClick={onAdd}>
            Add your first transaction
          </button>
          <Link className="button secondary" to="/import">
            Import a file
          </Link>
        </div>
        {accounts.length === 0 && (
          <p>
            Tip: <Link to="/accounts">create an account</Link> first so amounts have a currency and a balance.
          </p>
        )}
      </Empty>
    );
  }
  return (
    <>
      {pages.isFetching && !pages.isFetchingNextPage && <Loading label="Refreshing…" />}
      <TxTable items={items} accounts={accounts} categories={categories} onEdit={onEdit} />
      {pages.isFetchNextPageError && <ProblemMessage error={pages.error} />}
      <LoadMore hasNext={pages.hasNextPage} loading={pages.isFetchingNextPage} onMore={() => void pages.fetchNextPage()} count={items.length} />
    </>
  );
}
