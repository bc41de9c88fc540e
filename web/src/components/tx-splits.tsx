import styles from '../pages/transactions.module.css';
import { Money } from './money';
import { CategoryOptions } from './tx-category';
import { Field, SelectField } from './field';
import { splitGap, splitLine, type FormValues, type SplitLine } from './tx-form-model';
import type { Category } from './tx-queries';

interface Props {
  values: FormValues;
  categories: Category[];
  errors: Record<string, string>;
  onChange: (splits: SplitLine[]) => void;
}

/** Parts of the amount across categories, with what is left to allocate shown as the person types. */
export function TxSplits({ values, categories, errors, onChange }: Props) {
  const set = (i: number, line: Partial<SplitLine>) => onChange(values.splits.map((s, j) => (j === i ? { ...s, ...line } : s)));
  return (
    <fieldset className={styles.splits}>
      <legend>Split across categories</legend>
      {values.splits.map((line, i) => (
        <div className="row" key={line.key}>
          <SelectField label={`Part ${i + 1} category`} value={line.categoryId} error={errors[`splits.${i}.categoryId`]} onChange={(e) => set(i, { categoryId: e.target.value })}>
            <option value="">Choose…</option>
            <CategoryOptions categories={categories} />
          </SelectField>
          <Field label={`Part ${i + 1} amount`} inputMode="decimal" autoComplete="off" value={line.amount} error={errors[`splits.${i}.amount`]} onChange={(e) => set(i, { amount: e.target.value })} />
          {values.splits.length > 1 && (
            <button type="button" className="secondary" onClick={() => onChange(values.splits.filter((_, j) => j !== i))}>
              Remove part {i + 1}
            </button>
          )}
        </div>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...values.splits, splitLine()])} disabled={values.splits.length >= 100}>
        Add a part
      </button>
      <SplitStatus values={values} error={errors.splits} />
    </fieldset>
  );
}

function SplitStatus({ values, error }: { values: FormValues; error: string | undefined }) {
  const gap = splitGap(values);
  const currency = values.currency;
  if (!gap || !/^[A-Z]{3}$/.test(currency)) return <p className="muted" role="status">Enter the amount and the parts to see what is left.</p>;
  const balanced = gap.left === 0;
  return (
    <p role="status" className={balanced ? styles.splitOk : styles.splitOff}>
      {balanced ? '✓ ' : '! '}
      Allocated <Money minor={gap.allocated} currency={currency} /> of <Money minor={gap.total} currency={currency} />
      {balanced ? ' — the parts add up.' : <> — <Money minor={Math.abs(gap.left)} currency={currency} /> {gap.left > 0 ? 'left to allocate' : 'too much'}.</>}
      {error && !balanced && <span className="field-error"> {error}</span>}
    </p>
  );
}
