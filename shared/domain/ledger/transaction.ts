import { ValidationError } from '../errors';
import { ceilingMessage, formatAmount, isAmount, isCurrency, isMinor, MAX_AMOUNT, type Currency, type Minor } from '../money';
import { isCalendarDate, MAX_YEAR, MIN_YEAR } from './calendar';

/**
 * Transactions as the ledger understands them, independent of how they are stored. An amount is always a
 * positive integer in minor units; its direction comes from `type` (see {@link signedAmount}).
 */

/** The three kinds of transaction. */
export const TRANSACTION_TYPES = ['expense', 'income', 'transfer'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

/** Limits a transaction must respect (also the numbers the API documents). */
export const TRANSACTION_LIMITS = Object.freeze({
  maxDescriptionLength: 500,
  maxNotesLength: 2000,
  maxTags: 20,
  maxTagLength: 40,
  maxSplits: 100,
  maxIdLength: 128,
});

/** One part of a split transaction: how much of the amount goes to which category. */
export interface Split {
  categoryId: string;
  /** Non-zero integer minor units; a negative part (a refund inside a purchase) is allowed. */
  amount: Minor;
}

/** A transaction as submitted (by a user, an import, a rule): unchecked, possibly untidy. */
export interface TransactionDraft {
  type: string;
  amount: number;
  currency: string;
  /** `YYYY-MM-DD`. */
  date: string;
  description: string;
  categoryId?: string | null;
  accountId?: string | null;
  /** Destination account of a transfer (`accountId` is the source). */
  toAccountId?: string | null;
  tags?: readonly string[] | null;
  notes?: string | null;
  splits?: readonly { categoryId: string; amount: number }[] | null;
}

/** A checked, normalised transaction (what the ledger stores, minus ids and bookkeeping). */
export interface TransactionFields {
  type: TransactionType;
  /** Positive integer minor units of `currency`. */
  amount: Minor;
  currency: Currency;
  date: string;
  /** Trimmed, inner whitespace collapsed. */
  description: string;
  categoryId?: string;
  accountId?: string;
  toAccountId?: string;
  /** Lower case, unique, at most {@link TRANSACTION_LIMITS.maxTags}, in first-seen order. */
  tags: string[];
  notes?: string;
  splits?: Split[];
}

/** A problem with one field. */
export interface FieldProblem {
  path: string;
  message: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * A tag in its stored form: trimmed, NFKC, lower case, inner whitespace collapsed to one space, a leading `#`
 * dropped (`"  #Business  Trip "` → `"business trip"`). Returns `''` for a blank tag.
 */
export function normaliseTag(tag: string): string {
  return String(tag)
    .normalize('NFKC')
    .trim()
    .replace(/^#+/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/**
 * Normalised, de-duplicated tags in first-seen order, plus the problems (blank, too long, control characters,
 * too many).
 */
export function normaliseTags(tags: readonly string[]): { tags: string[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const out: string[] = [];
  const seen = new Set<string>();
  tags.forEach((raw, i) => {
    if (typeof raw !== 'string') {
      problems.push({ path: `tags[${i}]`, message: 'must be text' });
      return;
    }
    const tag = normaliseTag(raw);
    if (tag === '') problems.push({ path: `tags[${i}]`, message: 'must not be blank' });
    else if ([...tag].length > TRANSACTION_LIMITS.maxTagLength) problems.push({ path: `tags[${i}]`, message: `must be at most ${TRANSACTION_LIMITS.maxTagLength} characters` });
    else if (CONTROL.test(tag)) problems.push({ path: `tags[${i}]`, message: 'must not contain control characters' });
    else if (!seen.has(tag)) {
      seen.add(tag);
      out.push(tag);
    }
  });
  if (out.length > TRANSACTION_LIMITS.maxTags) problems.push({ path: 'tags', message: `must have at most ${TRANSACTION_LIMITS.maxTags} distinct tags (got ${out.length})` });
  return { tags: out, problems };
}

function checkId(value: unknown, path: string, problems: FieldProblem[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !ID.test(value) || value.length > TRANSACTION_LIMITS.maxIdLength) {
    problems.push({ path, message: `must be an id of 1 to ${TRANSACTION_LIMITS.maxIdLength} letters, digits, '.', '_', ':' or '-'` });
    return undefined;
  }
  return value;
}

function checkText(value: unknown, path: string, max: number, problems: FieldProblem[], required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (required) problems.push({ path, message: 'is required' });
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.push({ path, message: 'must be text' });
    return undefined;
  }
  const text = path === 'notes' ? value.trim() : value.replace(/\s+/g, ' ').trim();
  if (text === '') {
    if (required) problems.push({ path, message: 'must not be blank' });
    return undefined;
  }
  if ([...text].length > max) problems.push({ path, message: `must be at most ${max} characters` });
  if (CONTROL.test(text)) problems.push({ path, message: 'must not contain control characters' });
  return text;
}

/**
 * Everything wrong with a draft, each with the path of the field; empty when it is valid.
 * See {@link validateTransaction} for the rules.
 */
export function transactionProblems(draft: TransactionDraft): FieldProblem[] {
  return check(draft).problems;
}

/**
 * Checks a draft and returns it normalised.
 *
 * Rules: `type` is expense, income or transfer; `amount` a positive integer of minor units at most
 * {@link MAX_AMOUNT} (the ceiling, 10^13; split parts too, in magnitude); `currency` a known
 * ISO 4217 code; `date` a real calendar date `YYYY-MM-DD`; `description` non-blank, at most 500 characters; ids
 * are short slugs/UUIDs; tags are normalised (lower case, unique) and at most 20; notes at most 2000 characters.
 * A transfer needs `accountId` and a different `toAccountId`, and has no category or splits; only a transfer
 * has `toAccountId`. `splits` (1–100 parts, non-zero amounts) must add up exactly to `amount` — the error names
 * the difference — and replace `categoryId`, which must then be absent.
 *
 * @throws ValidationError listing every problem (`errors[].path`, `errors[].message`).
 */
export function validateTransaction(draft: TransactionDraft): TransactionFields {
  const { fields, problems } = check(draft);
  if (problems.length > 0 || !fields) {
    const first = problems[0];
    const summary = first ? `${first.path} ${first.message}` : 'is invalid';
    throw new ValidationError(`The transaction is invalid: ${summary}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, problems);
  }
  return fields;
}

function check(draft: TransactionDraft): { fields?: TransactionFields; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (typeof draft !== 'object' || draft === null) return { problems: [{ path: '', message: 'must be an object' }] };

  const type = (TRANSACTION_TYPES as readonly string[]).includes(draft.type) ? (draft.type as TransactionType) : undefined;
  if (!type) problems.push({ path: 'type', message: `must be one of ${TRANSACTION_TYPES.join(', ')}` });

  const currency = isCurrency(draft.currency) ? draft.currency : undefined;
  if (!currency) problems.push({ path: 'currency', message: `must be a known ISO 4217 code such as EUR (got ${JSON.stringify(draft.currency)})` });

  const amount = isAmount(draft.amount) && draft.amount > 0 ? draft.amount : undefined;
  if (amount === undefined) {
    const tooLarge = isMinor(draft.amount) && Math.abs(draft.amount) > MAX_AMOUNT;
    problems.push({ path: 'amount', message: tooLarge ? ceilingMessage(draft.amount) : 'must be a positive whole number of minor units (e.g. 1250 for 12.50 EUR)' });
  }

  const date = isCalendarDate(draft.date) ? draft.date : undefined;
  if (!date) problems.push({ path: 'date', message: `must be a real calendar date YYYY-MM-DD between ${MIN_YEAR} and ${MAX_YEAR}` });

  const description = checkText(draft.description, 'description', TRANSACTION_LIMITS.maxDescriptionLength, problems, true);
  const notes = checkText(draft.notes, 'notes', TRANSACTION_LIMITS.maxNotesLength, problems, false);
  const categoryId = checkId(draft.categoryId, 'categoryId', problems);
  const accountId = checkId(draft.accountId, 'accountId', problems);
  const toAccountId = checkId(draft.toAccountId, 'toAccountId', problems);

  let tags: string[] = [];
  if (draft.tags !== undefined && draft.tags !== null) {
    if (!Array.isArray(draft.tags)) problems.push({ path: 'tags', message: 'must be a list of text' });
    else {
      const result = normaliseTags(draft.tags);
      tags = result.tags;
      problems.push(...result.problems);
    }
  }

  if (type === 'transfer') {
    if (!accountId && !problems.some((p) => p.path === 'accountId')) problems.push({ path: 'accountId', message: 'is required for a transfer (the account the money leaves)' });
    if (!toAccountId && !problems.some((p) => p.path === 'toAccountId')) problems.push({ path: 'toAccountId', message: 'is required for a transfer (the account the money goes to)' });
    if (accountId && toAccountId && accountId === toAccountId) problems.push({ path: 'toAccountId', message: 'must differ from accountId: a transfer moves money between two accounts' });
    if (categoryId) problems.push({ path: 'categoryId', message: 'must be absent on a transfer (transfers are not income or spending)' });
  } else if (type && toAccountId) {
    problems.push({ path: 'toAccountId', message: `is only for transfers, not for an ${type}` });
  }

  let splits: Split[] | undefined;
  if (draft.splits !== undefined && draft.splits !== null) {
    splits = checkSplits(draft.splits, type, categoryId, amount, currency, problems);
  }

  if (problems.length > 0 || !type || !currency || amount === undefined || !date || description === undefined) return { problems };
  const fields: TransactionFields = { type, amount, currency, date, description, tags };
  if (categoryId) fields.categoryId = categoryId;
  if (accountId) fields.accountId = accountId;
  if (toAccountId) fields.toAccountId = toAccountId;
  if (notes) fields.notes = notes;
  if (splits) fields.splits = splits;
  return { fields, problems };
}

function checkSplits(
  raw: unknown,
  type: TransactionType | undefined,
  categoryId: string | undefined,
  amount: Minor | undefined,
  currency: Currency | undefined,
  problems: FieldProblem[],
): Split[] | undefined {
  if (!Array.isArray(raw)) {
    problems.push({ path: 'splits', message: 'must be a list of {categoryId, amount}' });
    return undefined;
  }
  if (type === 'transfer') {
    problems.push({ path: 'splits', message: 'must be absent on a transfer' });
    return undefined;
  }
  if (raw.length === 0 || raw.length > TRANSACTION_LIMITS.maxSplits) {
    problems.push({ path: 'splits', message: `must have from 1 to ${TRANSACTION_LIMITS.maxSplits} parts` });
    return undefined;
  }
  if (categoryId) problems.push({ path: 'categoryId', message: 'must be absent when there are splits (each split names its category)' });
  const splits: Split[] = [];
  let sum = 0n;
  let ok = true;
  raw.forEach((s: unknown, i) => {
    const part = (typeof s === 'object' && s !== null ? s : {}) as { categoryId?: unknown; amount?: unknown };
    const before = problems.length;
    const id = checkId(part.categoryId, `splits[${i}].categoryId`, problems);
    if (id === undefined && problems.length === before) problems.push({ path: `splits[${i}].categoryId`, message: 'is required' });
    const value = part.amount;
    if (!isAmount(value) || value === 0) {
      const tooLarge = isMinor(value) && Math.abs(value) > MAX_AMOUNT;
      problems.push({ path: `splits[${i}].amount`, message: tooLarge ? ceilingMessage(value) : 'must be a non-zero whole number of minor units' });
      ok = false;
      return;
    }
    sum += BigInt(value);
    if (id !== undefined) splits.push({ categoryId: id, amount: value });
  });
  if (ok && amount !== undefined && sum !== BigInt(amount)) {
    const diff = sum - BigInt(amount);
    const show = (v: bigint) => (currency && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? `${formatAmount(Number(v), currency)} ${currency}` : `${v} minor units`);
    const magnitude = diff < 0n ? -diff : diff;
    problems.push({
      path: 'splits',
      message: `must add up to the amount ${show(BigInt(amount))} but add up to ${show(sum)}: ${show(magnitude)} ${diff < 0n ? 'short' : 'over'}`,
    });
  }
  return splits;
}

/**
 * The amount with its direction from the point of view of one account: money out is negative.
 * An expense is `-amount`, an income `+amount`; a transfer is `-amount` for its source account (or when no
 * account is given) and `+amount` for its destination.
 */
export function signedAmount(tx: { type: TransactionType; amount: Minor; accountId?: string; toAccountId?: string }, accountId?: string): Minor {
  switch (tx.type) {
    case 'expense':
      return -tx.amount;
    case 'income':
      return tx.amount;
    case 'transfer':
      return accountId !== undefined && accountId === tx.toAccountId ? tx.amount : -tx.amount;
  }
}
