import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, idempotencyKey, ifMatch, ok } from '../api/client';
import { ApiError } from '../api/problem';
import { useMe } from '../api/queries';
import type { paths } from '../api/schema';
import { decimalToMinor, formatMoney, minorToDecimal } from '../lib/format';
import { Field, SelectField } from './field';
import { categoryLabels, useAccounts, useCategories, type Account } from './plan-data';
import { Dialog, SaveProblem } from './plan-ui';
import { PreviewTable } from './plan-rule-preview';

type Json<T> = T extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;
export type Rule = Json<paths['/rules']['get']>['items'][number];
type Conditions = Rule['conditions'];
type Actions = Rule['actions'];
type TxType = NonNullable<Conditions['type']>;

/** A rule's conditions in words: “description contains “REWE” · 5.00 to 80.00 EUR · expenses”. */
export function describeConditions(c: Conditions, accounts: Account[] | undefined, base: string): string {
  const cur = c.currency;
  // Without a currency the bounds are minor units of each transaction's own currency: shown as plain decimals.
  const money = (m: number) => (cur ? formatMoney(m, cur) : minorToDecimal(m, base));
  const parts = [
    c.descriptionContains && `description contains “${c.descriptionContains}”`,
    c.descriptionRegex && `description matches /${c.descriptionRegex}/`,
    c.amountMin !== undefined && c.amountMax !== undefined ? `amount ${money(c.amountMin)} to ${money(c.amountMax)}` : c.amountMin !== undefined ? `amount at least ${money(c.amountMin)}` : c.amountMax !== undefined && `amount at most ${money(c.amountMax)}`,
    c.currency && `in ${c.currency}`,
    c.type && `${c.type}s only`,
    c.accountId && `account ${accounts?.find((a) => a.id === c.accountId)?.name ?? c.accountId}`,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'every transaction';
}

export function describeActions(a: Actions, labels: Map<string, string>): string {
  const parts = [a.categoryId && `category ${labels.get(a.categoryId) ?? a.categoryId}`, a.tags && a.tags.length > 0 && `tags ${a.tags.join(', ')}`].filter(Boolean);
  return parts.length ? `set ${parts.join(' and ')}` : 'nothing';
}

interface Draft {
  name: string;
  priority: string;
  enabled: boolean;
  contains: string;
  regex: string;
  min: string;
  max: string;
  currency: string;
  type: '' | TxType;
  accountId: string;
  categoryId: string;
  tags: string;
}

function draftOf(rule: Rule | undefined, base: string): Draft {
  const c = rule?.conditions ?? {};
  const amount = (m: number | undefined) => (m === undefined ? '' : minorToDecimal(m, c.currency ?? base));
  return {
    name: rule?.name ?? '',
    priority: String(rule?.priority ?? 100),
    enabled: rule?.enabled ?? true,
    contains: c.descriptionContains ?? '',
    regex: c.descriptionRegex ?? '',
    min: amount(c.amountMin),
    max: amount(c.amountMax),
    currency: c.currency ?? '',
    type: c.type ?? '',
    accountId: c.accountId ?? '',
    categoryId: rule?.actions.categoryId ?? '',
    tags: (rule?.actions.tags ?? []).join(', '),
  };
}

/** The body of a draft, or the field errors of what does not parse (amounts in the condition's currency). */
function bodyOf(d: Draft, base: string): { body?: Omit<Rule, 'id' | 'version' | 'createdAt' | 'updatedAt'>; errors: Record<string, string> } {
  const cur = d.currency.trim().toUpperCase();
  const errors: Record<string, string> = {};
  const amount = (text: string, key: string) => {
    if (!text.trim()) return undefined;
    const m = decimalToMinor(text, cur || base);
    if (m === undefined || m < 0) errors[key] = `Enter an amount such as 25.00 in ${cur || base}`;
    return m;
  };
  const priority = Number(d.priority);
  if (!Number.isInteger(priority) || priority < 0) errors['body.priority'] = 'A whole number, 0 or more (lower applies first)';
  const conditions: Conditions = {};
  if (d.contains.trim()) conditions.descriptionContains = d.contains.trim();
  if (d.regex) conditions.descriptionRegex = d.regex;
  const min = amount(d.min, 'body.conditions.amountMin');
  const max = amount(d.max, 'body.conditions.amountMax');
  if (min !== undefined) conditions.amountMin = min;
  if (max !== undefined) conditions.amountMax = max;
  if (cur) conditions.currency = cur;
  if (d.type) conditions.type = d.type;
  if (d.accountId) conditions.accountId = d.accountId;
  const tags = d.tags.split(',').map((t) => t.trim()).filter(Boolean);
  const actions: Actions = { ...(d.categoryId ? { categoryId: d.categoryId } : {}), ...(tags.length ? { tags } : {}) };
  if (Object.keys(errors).length) return { errors };
  return { body: { name: d.name, priority, enabled: d.enabled, conditions, actions }, errors };
}

function useSaveRule(rule: Rule | undefined, onSaved: (id: string) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NonNullable<ReturnType<typeof bodyOf>['body']>) =>
      rule ? ok(api.PATCH('/rules/{id}', { params: { path: { id: rule.id }, header: ifMatch(rule.version) }, body })) : ok(api.POST('/rules', { params: { header: idempotencyKey() }, body })),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['rules'] });
      onSaved(saved.id);
    },
  });
}

/** The preview of the form's draft, not saved (POST /rules/preview): nothing is written. */
function useDraftPreview() {
  return useMutation({
    mutationFn: ({ conditions, actions }: Pick<Rule, 'conditions' | 'actions'>) => ok(api.POST('/rules/preview', { params: { query: { limit: 100 } }, body: { conditions, actions } })),
  });
}

/**
 * Create or edit a rule. A new rule can be previewed on the existing transactions before it is saved (the draft as
 * typed; a change to the form clears the preview), then saved on or off.
 */
export function RuleForm({ rule, onClose, onSaved, onReload }: { rule?: Rule; onClose: () => void; onSaved: (id: string) => void; onReload?: () => void }) {
  const base = useMe().data?.baseCurrency ?? 'EUR';
  const [draft, setDraft] = useState(() => draftOf(rule, base));
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useSaveRule(rule, onSaved);
  const preview = useDraftPreview();
  const labels = categoryLabels(useCategories().data?.items);
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => {
    preview.reset();
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const submit = (enabled: boolean) => (e?: FormEvent) => {
    e?.preventDefault();
    const { body, errors } = bodyOf({ ...draft, enabled }, base);
    setLocal(errors);
    if (body) save.mutate(body);
  };
  const runPreview = () => {
    const { body, errors } = bodyOf(draft, base);
    setLocal(errors);
    if (body) preview.mutate(body);
  };
  const failed = save.error ?? preview.error;
  const fields = { ...(failed instanceof ApiError ? failed.fieldErrors() : {}), ...local };
  return (
    <Dialog title={rule ? `Edit ${rule.name}` : 'New rule'} onClose={onClose}>
      <form onSubmit={submit(rule ? draft.enabled : true)} noValidate>
        <div className="row">
          <Field label="Name" required value={draft.name} onChange={(e) => set('name')(e.target.value)} error={fields['body.name']} />
          <Field label="Priority" inputMode="numeric" value={draft.priority} onChange={(e) => set('priority')(e.target.value)} error={fields['body.priority']} hint="Lower applies first" />
        </div>
        <ConditionFields draft={draft} set={set} fields={fields} base={base} />
        <ActionFields draft={draft} set={set} fields={fields} />
        {rule && (
          <label className="row" style={{ alignItems: 'center', marginBottom: '.75rem' }}>
            <input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled')(e.target.checked)} /> On (applies to new and imported transactions)
          </label>
        )}
        {preview.data && (
          <section aria-label="Preview of this rule">
            <p className="muted">Which of your existing transactions this rule would change, newest first. Nothing is saved or changed by a preview.</p>
            <PreviewTable preview={preview.data} labels={labels} />
          </section>
        )}
        <SaveProblem error={failed} {...(onReload ? { onReload } : {})} />
        <FormButtons isNew={!rule} busy={save.isPending || preview.isPending} onOff={() => submit(false)()} onPreview={runPreview} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function FormButtons({ isNew, busy, onOff, onPreview, onCancel }: { isNew: boolean; busy: boolean; onOff: () => void; onPreview: () => void; onCancel: () => void }) {
  return (
    <div className="row" style={{ marginTop: '1rem' }}>
      {isNew && (
        <button type="button" className="secondary" disabled={busy} onClick={onPreview}>
          Preview
        </button>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Working…' : isNew ? 'Save and turn on' : 'Save changes'}
      </button>
      {isNew && (
        <button type="button" className="secondary" disabled={busy} onClick={onOff}>
          Save switched off
        </button>
      )}
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

type SetDraft = <K extends keyof Draft>(key: K) => (value: Draft[K]) => void;

function ConditionFields({ draft, set, fields, base }: { draft: Draft; set: SetDraft; fields: Record<string, string>; base: string }) {
  const accounts = useAccounts().data?.items ?? [];
  const cur = draft.currency.trim().toUpperCase() || base;
  return (
    <fieldset>
      <legend>When a transaction…</legend>
      <div className="row">
        <Field label="Description contains" value={draft.contains} onChange={(e) => set('contains')(e.target.value)} error={fields['body.conditions.descriptionContains']} />
        <Field label="Description matches (regular expression)" value={draft.regex} onChange={(e) => set('regex')(e.target.value)} error={fields['body.conditions.descriptionRegex']} />
      </div>
      <div className="row">
        <Field label={`Amount at least (${cur})`} inputMode="decimal" value={draft.min} onChange={(e) => set('min')(e.target.value)} error={fields['body.conditions.amountMin']} />
        <Field label={`Amount at most (${cur})`} inputMode="decimal" value={draft.max} onChange={(e) => set('max')(e.target.value)} error={fields['body.conditions.amountMax']} />
        <Field label="Currency" value={draft.currency} maxLength={3} onChange={(e) => set('currency')(e.target.value)} error={fields['body.conditions.currency']} hint="Empty: any currency" />
      </div>
      <div className="row">
        <SelectField label="Type" value={draft.type} onChange={(e) => set('type')(e.target.value as Draft['type'])}>
          <option value="">Any type</option>
          <option value="expense">Expense</option>
          <option value="income">Income</option>
          <option value="transfer">Transfer</option>
        </SelectField>
        <SelectField label="Account" value={draft.accountId} onChange={(e) => set('accountId')(e.target.value)} error={fields['body.conditions.accountId']}>
          <option value="">Any account</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
      </div>
    </fieldset>
  );
}

function ActionFields({ draft, set, fields }: { draft: Draft; set: SetDraft; fields: Record<string, string> }) {
  const categories = useCategories().data?.items ?? [];
  const labels = categoryLabels(categories);
  const options = [...labels.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <fieldset>
      <legend>…then</legend>
      <div className="row">
        <SelectField label="Set category" value={draft.categoryId} onChange={(e) => set('categoryId')(e.target.value)} error={fields['body.actions.categoryId']}>
          <option value="">Leave the category</option>
          {options.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </SelectField>
        <Field label="Add tags" value={draft.tags} onChange={(e) => set('tags')(e.target.value)} error={fields['body.actions.tags']} hint="Comma-separated" />
      </div>
    </fieldset>
  );
}
