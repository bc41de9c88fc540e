import { decimalToMinor, minorToDecimal, today } from '../lib/format';
import type { Account, Transaction, TransactionInput, TransactionPatch } from './tx-queries';

type TxType = Transaction['type'];

export interface SplitLine {
  key: string;
  categoryId: string;
  amount: string;
}

/** What the dialog's inputs hold: text as typed, turned into minor units only when sent. */
export interface FormValues {
  date: string;
  accountId: string;
  toAccountId: string;
  type: TxType;
  amount: string;
  currency: string;
  categoryId: string;
  description: string;
  split: boolean;
  splits: SplitLine[];
}

let lineSeq = 0;
export function splitLine(categoryId = '', amount = ''): SplitLine {
  lineSeq += 1;
  return { key: `s${lineSeq}`, categoryId, amount };
}

export function blankValues(account: Account | undefined): FormValues {
  return {
    date: today(),
    accountId: account?.id ?? '',
    toAccountId: '',
    type: 'expense',
    amount: '',
    currency: account?.currency ?? '',
    categoryId: '',
    description: '',
    split: false,
    splits: [splitLine(), splitLine()],
  };
}

/** The form as a transaction the API holds fills it. */
export function valuesOf(t: Transaction): FormValues {
  const splits = t.splits ?? [];
  return {
    date: t.date.slice(0, 10),
    accountId: t.accountId ?? '',
    toAccountId: t.toAccountId ?? '',
    type: t.type,
    amount: minorToDecimal(t.amount, t.currency),
    currency: t.currency,
    categoryId: t.categoryId ?? '',
    description: t.description,
    split: splits.length > 0,
    splits: splits.length > 0 ? splits.map((s) => splitLine(s.categoryId, minorToDecimal(s.amount, t.currency))) : [splitLine(), splitLine()],
  };
}

/** How far the parts are from the total, in minor units; undefined while an amount cannot be read. */
export function splitGap(v: FormValues): { total: number; allocated: number; left: number } | undefined {
  const total = decimalToMinor(v.amount, v.currency);
  if (total === undefined) return undefined;
  let allocated = 0;
  for (const line of v.splits) {
    if (line.amount.trim() === '') continue;
    const part = decimalToMinor(line.amount, v.currency);
    if (part === undefined) return undefined;
    allocated += part;
  }
  return { total, allocated, left: total - allocated };
}

/** Errors the browser can tell before asking the API, by field. */
export function localErrors(v: FormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const amount = decimalToMinor(v.amount, v.currency);
  if (!/^[A-Z]{3}$/.test(v.currency)) errors.currency = 'Enter a three-letter currency code such as EUR.';
  else if (amount === undefined || amount <= 0) errors.amount = `Enter a positive amount in ${v.currency}, e.g. 12.50.`;
  if (v.description.trim() === '') errors.description = 'Describe the transaction.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date)) errors.date = 'Choose a date.';
  if (v.type === 'transfer' && !v.toAccountId) errors.toAccountId = 'Choose the account the money goes to.';
  if (v.split && v.type !== 'transfer') Object.assign(errors, splitErrors(v));
  return errors;
}

function splitErrors(v: FormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  v.splits.forEach((line, i) => {
    if (!line.categoryId) errors[`splits.${i}.categoryId`] = 'Choose a category.';
    if (decimalToMinor(line.amount, v.currency) === undefined) errors[`splits.${i}.amount`] = `Enter an amount in ${v.currency}.`;
  });
  const gap = splitGap(v);
  if (gap && gap.left !== 0) errors.splits = 'The parts must add up to the amount.';
  return errors;
}

/** The body of a create; call only when localErrors is empty. */
export function toInput(v: FormValues): TransactionInput {
  const amount = decimalToMinor(v.amount, v.currency) ?? 0;
  const split = v.split && v.type !== 'transfer';
  return {
    type: v.type,
    amount,
    currency: v.currency,
    date: v.date,
    description: v.description.trim(),
    accountId: v.accountId || null,
    toAccountId: v.type === 'transfer' ? v.toAccountId || null : null,
    categoryId: split || v.type === 'transfer' ? null : v.categoryId || null,
    splits: split ? v.splits.map((s) => ({ categoryId: s.categoryId, amount: decimalToMinor(s.amount, v.currency) ?? 0 })) : null,
  };
}

/**
 * Only what the person changed against `base` (the version they read): a patch of untouched fields would overwrite
 * what someone else changed in the meantime.
 */
export function toPatch(v: FormValues, base: FormValues): TransactionPatch {
  const next = toInput(v);
  const was = toInput(base);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof TransactionInput)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(was[key])) patch[key] = next[key];
  }
  return patch as TransactionPatch;
}

/** Which inputs the person changed against what they started from (compared as sent, not as typed). */
export function changedFields(v: FormValues, base: FormValues): (keyof FormValues)[] {
  const patch = toPatch(v, base) as Record<string, unknown>;
  const out = new Set<keyof FormValues>();
  for (const key of Object.keys(patch)) {
    if (key === 'splits' || (key === 'categoryId' && v.split !== base.split)) out.add('split').add('splits');
    out.add(key as keyof FormValues);
  }
  return [...out];
}

/** The person's changes re-applied over the current version someone else saved. */
export function reapply(mine: FormValues, started: FormValues, current: FormValues): FormValues {
  const out: FormValues = { ...current };
  const record = out as unknown as Record<string, unknown>;
  for (const key of changedFields(mine, started)) record[key] = mine[key];
  // An amount typed in another currency is re-read in that currency.
  if (changedFields(mine, started).includes('amount')) out.currency = mine.currency;
  return out;
}

/** The account's currency follows the account, unless the person typed another one. */
export function withAccount(v: FormValues, account: Account | undefined, previous: Account | undefined): FormValues {
  const followed = !previous || v.currency === previous.currency || v.currency === '';
  return { ...v, accountId: account?.id ?? '', currency: followed && account ? account.currency : v.currency };
}

/** Field errors of a refusal mapped to the form's inputs (`body.amount` → `amount`). */
export function serverErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) out[path.replace(/^body\./, '')] ??= message;
  return out;
}
