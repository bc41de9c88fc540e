import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ok } from '../api/client';
import { ApiError } from '../api/problem';
import type { operations } from '../api/schema';
import { decimalToMinor, minorToDecimal } from '../lib/format';
import { Field, SelectField } from './field';
import { ProblemMessage } from './states';
import s from '../pages/settings.module.css';

type Profile = operations['me-get']['responses'][200]['content']['application/json'];
type Changes = NonNullable<operations['me-update']['requestBody']>['content']['application/json'];
type Reports = Profile['reports'];

const REPORTS: [Reports, string][] = [
  ['weekly', 'Weekly summary'],
  ['monthly', 'Monthly report'],
  ['both', 'Weekly and monthly'],
  ['off', 'No report emails'],
];

const CURRENCIES = Intl.supportedValuesOf('currency');

/** Every IANA zone the browser knows, plus the profile's own (browsers leave out aliases such as UTC). */
function timeZones(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  zones.add(current);
  return [...zones].sort();
}

interface Draft {
  name: string;
  baseCurrency: string;
  timezone: string;
  reports: Reports;
  income: string;
  incomeCurrency: string;
}

function draftOf(p: Profile): Draft {
  const incomeCurrency = p.monthlyIncome?.currency ?? p.baseCurrency;
  return {
    name: p.name ?? '',
    baseCurrency: p.baseCurrency,
    timezone: p.timezone,
    reports: p.reports,
    income: p.monthlyIncome ? minorToDecimal(p.monthlyIncome.amount, p.monthlyIncome.currency) : '',
    incomeCurrency,
  };
}

type DraftError = { error: { field: 'income' | 'incomeCurrency'; message: string } };

/** The monthly income as the API takes it, or what is wrong with it before asking (its minor digits need a code). */
function incomeOf(d: Draft): { value: Changes['monthlyIncome'] } | DraftError {
  if (!d.income.trim()) return { value: null };
  const currency = d.incomeCurrency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return { error: { field: 'incomeCurrency', message: 'must be a three-letter code such as EUR' } };
  const amount = decimalToMinor(d.income, currency);
  if (amount === undefined || amount < 0) return { error: { field: 'income', message: `must be an amount such as 2500.00 in ${currency}` } };
  return { value: { amount, currency } };
}

/** Only what the person changed, so an untouched field is never overwritten with an older copy. */
function changesOf(d: Draft, p: Profile): { changes: Changes } | DraftError {
  const income = incomeOf(d);
  if ('error' in income) return income;
  const changes: Changes = {};
  const name = d.name.trim() || null;
  if (name !== p.name) changes.name = name;
  const base = d.baseCurrency.trim().toUpperCase();
  if (base !== p.baseCurrency) changes.baseCurrency = base;
  if (d.timezone !== p.timezone) changes.timezone = d.timezone;
  if (d.reports !== p.reports) changes.reports = d.reports;
  const before = p.monthlyIncome;
  const after = income.value;
  if (before?.amount !== after?.amount || before?.currency !== after?.currency) changes.monthlyIncome = after;
  return { changes };
}

/** Profile settings (PATCH /me: last write wins, the contract has no If-Match); only changed fields are sent. */
export function ProfileForm({ profile }: { profile: Profile }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(profile));
  const [draftError, setDraftError] = useState<DraftError['error']>();
  const save = useMutation({
    mutationFn: (changes: Changes) => ok(api.PATCH('/me', { body: changes })),
    onSuccess: (updated) => {
      queryClient.setQueryData(['me'], updated);
      // The base currency and the zone change how every other screen counts and shows money and months.
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      setDraft(draftOf(updated));
    },
  });
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    save.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = changesOf(draft, profile);
    setDraftError('error' in result ? result.error : undefined);
    if ('changes' in result) save.mutate(result.changes);
  };
  const fields = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  if (draftError) fields[draftError.field === 'income' ? 'body.monthlyIncome.amount' : 'body.monthlyIncome.currency'] = draftError.message;
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <ProfileFields draft={draft} set={set} fields={fields} />
      <ProblemMessage error={save.error} />
      {save.isSuccess && (
        <p className="notice" role="status">
          Saved.
        </p>
      )}
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save profile'}
      </button>
    </form>
  );
}

type Setter = <K extends keyof Draft>(key: K) => (value: Draft[K]) => void;

function ProfileFields({ draft, set, fields }: { draft: Draft; set: Setter; fields: Record<string, string> }) {
  return (
    <>
      <datalist id="currency-codes">
        {CURRENCIES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <div className={s.fields}>
        <Field label="Name" autoComplete="name" maxLength={100} value={draft.name} onChange={(e) => set('name')(e.target.value)} error={fields['body.name']} />
        <Field
          label="Base currency"
          list="currency-codes"
          autoCapitalize="characters"
          maxLength={3}
          value={draft.baseCurrency}
          onChange={(e) => set('baseCurrency')(e.target.value.toUpperCase())}
          error={fields['body.baseCurrency']}
          hint="ISO 4217 code. Totals and budgets are counted in it."
        />
      </div>
      <div className={s.fields}>
        <SelectField label="Time zone" value={draft.timezone} onChange={(e) => set('timezone')(e.target.value)} error={fields['body.timezone']} hint="Days and months start at midnight here.">
          {timeZones(draft.timezone).map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </SelectField>
        <SelectField label="Report emails" value={draft.reports} onChange={(e) => set('reports')(e.target.value as Reports)} error={fields['body.reports']}>
          {REPORTS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className={s.fields}>
        <Field
          label="Monthly income"
          inputMode="decimal"
          value={draft.income}
          onChange={(e) => set('income')(e.target.value)}
          error={fields['body.monthlyIncome.amount'] ?? fields['body.monthlyIncome']}
          hint="After tax. Leave empty to clear it."
        />
        <Field
          label="Income currency"
          list="currency-codes"
          autoCapitalize="characters"
          maxLength={3}
          value={draft.incomeCurrency}
          onChange={(e) => set('incomeCurrency')(e.target.value.toUpperCase())}
          error={fields['body.monthlyIncome.currency']}
        />
      </div>
    </>
  );
}
