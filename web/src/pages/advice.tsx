import { useState } from 'react';
import { AdviceItem, CreatedBudgets, useCategoryNames } from '../components/insight-advice';
import { useAdvice, type Advice } from '../components/insight-api';
import s from '../components/insight.module.css';
import { SelectField } from '../components/field';
import { Empty, QueryState } from '../components/states';

type Status = 'open' | 'applied' | 'dismissed' | 'all';
const STATUSES: [Status, string][] = [
  ['open', 'Open'],
  ['applied', 'Applied'],
  ['dismissed', 'Dismissed'],
  ['all', 'All'],
];

/** Advice, highest monthly impact first, each with its evidence; feedback, dismissal, and applying suggested budgets. */
export default function AdviceScreen() {
  const [status, setStatus] = useState<Status>('open');
  const advice = useAdvice(status);
  const names = useCategoryNames();
  const [applied, setApplied] = useState<Advice | undefined>();
  return (
    <>
      <h1>Advice</h1>
      <div className={s.head}>
        <SelectField label="Show" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          {STATUSES.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </SelectField>
        <button type="button" className="secondary" onClick={() => void advice.refetch()} disabled={advice.isFetching}>
          {advice.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {applied?.appliedBudgetIds && <CreatedBudgets ids={applied.appliedBudgetIds} currency={applied.impact.currency} from={applied.title} />}
      <QueryState query={advice} label="Loading advice…">
        {(d) =>
          d.items.length === 0 ? (
            <Empty title={status === 'open' ? 'No open advice' : 'Nothing here'}>Advice is worked out from your rollups, budgets, goals and subscriptions as transactions arrive.</Empty>
          ) : (
            <ul className={s.list}>
              {d.items.map((a) => (
                <AdviceItem key={a.id} a={a} names={names} onApplied={setApplied} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
