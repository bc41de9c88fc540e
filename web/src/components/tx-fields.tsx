import styles from '../pages/transactions.module.css';
import { Field, SelectField } from './field';
import { CategoryOptions } from './tx-category';
import { withAccount, type FormValues } from './tx-form-model';
import type { Account, Category } from './tx-queries';
import { TxSplits } from './tx-splits';

interface Props {
  values: FormValues;
  set: (next: FormValues) => void;
  accounts: Account[];
  categories: Category[];
  errors: Record<string, string>;
}

const TYPES: [FormValues['type'], string][] = [
  ['expense', 'Expense (money out)'],
  ['income', 'Income (money in)'],
  ['transfer', 'Transfer between accounts'],
];

/** The inputs of the add/edit dialog; the amount is read in the currency shown next to it. */
export function TxFields({ values, set, accounts, categories, errors }: Props) {
  const patch = (p: Partial<FormValues>) => set({ ...values, ...p });
  const account = accounts.find((a) => a.id === values.accountId);
  const open = accounts.filter((a) => !a.archived || a.id === values.accountId || a.id === values.toAccountId);
  return (
    <>
      <div className={styles.pair}>
        <SelectField label="Type" value={values.type} error={errors.type} onChange={(e) => patch({ type: e.target.value as FormValues['type'] })}>
          {TYPES.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </SelectField>
        <Field label="Date" type="date" required value={values.date} error={errors.date} onChange={(e) => patch({ date: e.target.value })} />
      </div>
      <div className={styles.pair}>
        <SelectField label={values.type === 'transfer' ? 'From account' : 'Account'} value={values.accountId} error={errors.accountId} onChange={(e) => set(withAccount(values, accounts.find((a) => a.id === e.target.value), account))}>
          <option value="">No account</option>
          {open.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.currency})
            </option>
          ))}
        </SelectField>
        {values.type === 'transfer' && (
          <SelectField label="To account" value={values.toAccountId} error={errors.toAccountId} onChange={(e) => patch({ toAccountId: e.target.value })}>
            <option value="">Choose…</option>
            {open.filter((a) => a.id !== values.accountId).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.currency})
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <AmountRow values={values} patch={patch} errors={errors} />
      <Field label="Description" required maxLength={500} value={values.description} error={errors.description} onChange={(e) => patch({ description: e.target.value })} />
      <CategoryPart values={values} patch={patch} categories={categories} errors={errors} />
    </>
  );
}

function AmountRow({ values, patch, errors }: { values: FormValues; patch: (p: Partial<FormValues>) => void; errors: Record<string, string> }) {
  return (
    <div className={styles.pair}>
      <Field
        label="Amount"
        inputMode="decimal"
        autoComplete="off"
        required
        value={values.amount}
        error={errors.amount}
        hint={values.currency ? `In ${values.currency}, e.g. 12.50` : 'Choose an account or a currency first'}
        onChange={(e) => patch({ amount: e.target.value })}
      />
      <Field
        label="Currency"
        maxLength={3}
        size={4}
        autoComplete="off"
        value={values.currency}
        error={errors.currency}
        hint="The account's unless paid in another"
        onChange={(e) => patch({ currency: e.target.value.toUpperCase() })}
      />
    </div>
  );
}

function CategoryPart({ values, patch, categories, errors }: { values: FormValues; patch: (p: Partial<FormValues>) => void; categories: Category[]; errors: Record<string, string> }) {
  if (values.type === 'transfer') return null;
  return (
    <>
      {!values.split && (
        <SelectField label="Category" value={values.categoryId} error={errors.categoryId} onChange={(e) => patch({ categoryId: e.target.value })}>
          <option value="">Uncategorised (rules may fill it)</option>
          <CategoryOptions categories={categories} />
        </SelectField>
      )}
      <label className={styles.check}>
        <input type="checkbox" checked={values.split} onChange={(e) => patch({ split: e.target.checked })} /> Split across categories
      </label>
      {values.split && <TxSplits values={values} categories={categories} errors={errors} onChange={(splits) => patch({ splits })} />}
    </>
  );
}
