import { useEffect, useRef, useState } from 'react';
import styles from '../pages/transactions.module.css';
import { Field, SelectField } from './field';
import { CategoryOptions } from './tx-category';
import type { Account, Category, TransactionFilters } from './tx-queries';

/** The filters GET /transactions answers, as they live in the address (so a filtered list can be shared or reloaded). */
export const FILTER_KEYS = ['accountId', 'categoryId', 'type', 'from', 'to', 'q'] as const;

/** The filters without empty values (so an unset filter is absent from the query and its cache key). */
export function clean(filters: TransactionFilters): TransactionFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as TransactionFilters;
}

export function filtersFrom(params: URLSearchParams): TransactionFilters {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k)?.trim();
    if (v) out[k] = v;
  }
  return out as TransactionFilters;
}

interface Props {
  filters: TransactionFilters;
  /** An update of the latest filters (not of this render's: a navigation may not have rendered yet). */
  onChange: (update: (previous: TransactionFilters) => TransactionFilters) => void;
  accounts: Account[];
  categories: Category[];
}

export function TxFilters({ filters, onChange, accounts, categories }: Props) {
  const set = (key: (typeof FILTER_KEYS)[number], value: string) => onChange((previous) => clean({ ...previous, [key]: value }));
  const active = FILTER_KEYS.some((k) => filters[k]);
  return (
    <form className={styles.filters} role="search" aria-label="Filter transactions" onSubmit={(e) => e.preventDefault()}>
      <SearchBox value={filters.q ?? ''} onSearch={(q) => set('q', q)} />
      <SelectField label="Account" value={filters.accountId ?? ''} onChange={(e) => set('accountId', e.target.value)}>
        <option value="">All accounts</option>
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Category" value={filters.categoryId ?? ''} onChange={(e) => set('categoryId', e.target.value)}>
        <option value="">All categories</option>
        <CategoryOptions categories={categories} />
      </SelectField>
      <SelectField label="Type" value={filters.type ?? ''} onChange={(e) => set('type', e.target.value)}>
        <option value="">All types</option>
        <option value="expense">Expenses</option>
        <option value="income">Income</option>
        <option value="transfer">Transfers</option>
      </SelectField>
      <Field label="From" type="date" value={filters.from ?? ''} max={filters.to} onChange={(e) => set('from', e.target.value)} />
      <Field label="To" type="date" value={filters.to ?? ''} min={filters.from} onChange={(e) => set('to', e.target.value)} />
      {active && (
        <button type="button" className="secondary" onClick={() => onChange(() => ({}))}>
          Clear filters
        </button>
      )}
    </form>
  );
}

/** Searches descriptions as the person types, once they pause (not one request per key). */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  // Only typing starts a search: a value set from outside (Clear filters) must not bring back the old text.
  const [typed, setTyped] = useState(false);
  const search = useRef(onSearch);
  useEffect(() => {
    search.current = onSearch;
  }, [onSearch]);
  useEffect(() => {
    setTyped(false);
    setText((t) => (t.trim() === value ? t : value));
  }, [value]);
  useEffect(() => {
    if (!typed) return;
    const timer = setTimeout(() => search.current(text.trim()), 350);
    return () => clearTimeout(timer);
  }, [text, typed]);
  const type = (next: string) => {
    setText(next);
    setTyped(true);
  };
  return <Field label="Search" type="search" placeholder="Description, payee…" maxLength={100} value={text} onChange={(e) => type(e.target.value)} />;
}
