import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ok } from '../api/client';
import { insightKeys, type AlertPreferences } from './insight-api';
import { Loading, ProblemMessage } from './states';

type Kinds = AlertPreferences['kinds'];
type Kind = keyof Kinds;
type Email = Kinds[Kind]['email'];

export const KIND_NAMES: Record<Kind, string> = {
  'budget.threshold': 'Budget thresholds',
  'budget.pace': 'Budget pace warnings',
  'transaction.unusual': 'Unusual expenses',
  'goal.reached': 'Goal reached',
  'goal.off_track': 'Goal off track',
  'recurring.price_rise': 'Subscription price rises',
  'health.drop': 'Health score drops',
};

const EMAIL: Record<Email, string> = { off: 'No email', immediate: 'Right away', daily: 'Daily digest' };

function KindRow({ kind, pref, onChange }: { kind: Kind; pref: Kinds[Kind]; onChange: (p: Kinds[Kind]) => void }) {
  const name = KIND_NAMES[kind];
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        <label>
          <input type="checkbox" checked={pref.enabled} onChange={(e) => onChange({ ...pref, enabled: e.target.checked })} /> <span>On</span>
          <span className="visually-hidden"> — {name}</span>
        </label>
      </td>
      <td>
        <select aria-label={`Email for ${name}`} value={pref.email} onChange={(e) => onChange({ ...pref, email: e.target.value as Email })}>
          {(Object.keys(EMAIL) as Email[]).map((e) => (
            <option key={e} value={e}>
              {EMAIL[e]}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );
}

/** Per kind of alert: raised or not, and emailed never, at once, or in the morning's digest. */
export function AlertPreferencesForm() {
  const queryClient = useQueryClient();
  const prefs = useQuery({ queryKey: insightKeys.preferences, queryFn: () => ok(api.GET('/alerts/preferences')) });
  const [draft, setDraft] = useState<Kinds | undefined>();
  useEffect(() => setDraft(prefs.data?.kinds), [prefs.data]);
  const save = useMutation({
    mutationFn: (kinds: Kinds) => ok(api.PUT('/alerts/preferences', { body: { kinds } })),
    onSuccess: (saved) => queryClient.setQueryData(insightKeys.preferences, saved),
  });
  if (prefs.isPending) return <Loading />;
  if (prefs.error || !draft) return <ProblemMessage error={prefs.error} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(draft);
  };
  return (
    <form onSubmit={submit} aria-label="Alert preferences">
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Alert preferences by kind">
        <table>
          <thead>
            <tr>
              <th scope="col">Alert</th>
              <th scope="col">Raised</th>
              <th scope="col">Email</th>
            </tr>
          </thead>
          <tbody>
            {(Object.keys(KIND_NAMES) as Kind[]).map((k) => (
              <KindRow key={k} kind={k} pref={draft[k]} onChange={(p) => setDraft({ ...draft, [k]: p })} />
            ))}
          </tbody>
        </table>
      </div>
      <ProblemMessage error={save.error} />
      {save.isSuccess && !save.isPending && <p role="status">Preferences saved.</p>}
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save preferences'}
      </button>
    </form>
  );
}
