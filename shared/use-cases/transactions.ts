import type { z } from 'zod/mini';
import type { TransactionInput, TransactionPatch, TransactionQuery } from '../contracts/ledger';
import { balanceDeltas } from '../domain/balances';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors';
import { validateTransaction } from '../domain/ledger';
import { newId } from '../adapters/ids';
import {
  balanceUpdates,
  deleteTransactionItem,
  failedConditions,
  getTransaction as readTransaction,
  putTransaction,
  transact,
  transactionListing,
  type TransactionRecord,
} from '../adapters/ledger';
import { getProfile } from '../adapters/profiles';
import { listRules } from '../adapters/rules';
import { existingCategoryIds } from '../adapters/categories';
import { getCategoryModel } from '../adapters/category-model';
import { emptyModel, predictCategory } from '../domain/categorise';
import { RateBook } from './fx';
import { rememberReply, replayOf, type StoredReply } from './idempotency';
import { applyUserRules } from './rules';
import { ensureDefaultCategories } from './categories';

type Input = z.infer<typeof TransactionInput>;
type Patch = z.infer<typeof TransactionPatch>;
type Query = z.infer<typeof TransactionQuery>;

/** The API view of a stored transaction. */
export function transactionView(t: TransactionRecord) {
  return {
    id: t.id,
    type: t.type,
    amount: t.amount,
    currency: t.currency,
    date: t.date,
    description: t.description,
    categoryId: t.categoryId,
    accountId: t.accountId,
    toAccountId: t.toAccountId,
    tags: t.tags,
    notes: t.notes,
    splits: t.splits,
    baseAmount: t.baseAmount,
    baseCurrency: t.baseCurrency,
    fxRate: t.fxRate,
    fxDate: t.fxDate,
    fxStatus: t.fxStatus,
    appliedRules: t.appliedRules,
    categorySource: t.categorySource ?? null,
    categoryConfidence: t.categoryConfidence ?? null,
    importId: t.importId,
    version: t.version,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

type Draft = Pick<TransactionRecord, 'type' | 'amount' | 'currency' | 'date' | 'description' | 'categoryId' | 'accountId' | 'toAccountId' | 'tags' | 'notes' | 'splits'>;

/**
 * Checks and normalises a transaction with the ledger's rules (shared/domain/ledger), answering problems with the
 * request paths they came from.
 */
export function checked(draft: Draft): Draft {
  try {
    const f = validateTransaction(draft);
    return {
      type: f.type,
      amount: f.amount,
      currency: f.currency,
      date: f.date,
      description: f.description,
      categoryId: f.categoryId ?? null,
      accountId: f.accountId ?? null,
      toAccountId: f.toAccountId ?? null,
      tags: f.tags,
      notes: f.notes ?? null,
      splits: f.splits ?? null,
    };
  } catch (e) {
    if (e instanceof ValidationError) {
      throw new ValidationError(e.message, e.errors.map((x) => ({ path: `body.${x.path}`, message: x.message })));
    }
    throw e;
  }
}

/** Refuses category ids the user does not have. */
async function assertCategories(userId: string, ids: (string | null | undefined)[], seeded = false): Promise<void> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return;
  const found = await existingCategoryIds(userId, wanted);
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length && !seeded) {
    await ensureDefaultCategories(userId);
    return assertCategories(userId, ids, true);
  }
  if (missing.length) throw new ValidationError(`Unknown category id(s): ${missing.join(', ')}.`, missing.map((id) => ({ path: 'body.categoryId', message: `no category ${id}` })));
}

/** Translates a cancelled write: an account update that failed means an unknown account. */
function explainCancellation(e: unknown, accountIds: string[], firstAccountIndex: number, idempotencyIndex: number): 'replay' | never {
  const failed = failedConditions(e);
  if (!failed) throw e;
  if (idempotencyIndex >= 0 && failed.has(idempotencyIndex)) return 'replay';
  const bad = accountIds.filter((_, i) => failed.has(firstAccountIndex + i));
  if (bad.length) throw new ValidationError(`Unknown account id(s): ${bad.join(', ')}.`, bad.map((id) => ({ path: 'body.accountId', message: `no account ${id}` })));
  if (failed.has(0)) throw new PreconditionFailedError('The transaction changed meanwhile; read it again and retry.');
  throw e;
}

type CategorySource = NonNullable<TransactionRecord['categorySource']>;
type Categorised = { categoryId: string | null; categorySource: CategorySource | null; categoryConfidence: number | null };

/** Whether the learned categoriser may fill this transaction's category (nobody set one; not a transfer or a split). */
function modelMayFill(t: Pick<Draft, 'type' | 'splits'>): boolean {
  return t.type !== 'transfer' && !t.splits?.length;
}

/**
 * The learned categoriser's category for a transaction neither the user nor a rule categorised (one GetItem of the
 * user's model), when it is sure enough (shared/domain/categorise) and the user has that category; else none.
 */
async function predicted(userId: string, t: Pick<Draft, 'type' | 'amount' | 'description'>, model?: Promise<Awaited<ReturnType<typeof getCategoryModel>>>): Promise<Categorised> {
  const none: Categorised = { categoryId: null, categorySource: null, categoryConfidence: null };
  const stored = await (model ?? getCategoryModel(userId));
  const p = predictCategory(stored?.model ?? emptyModel(), t);
  if (!p) return none;
  // A category the user has since deleted (or a prior's default one they never had) is not applied.
  if (!(await existingCategoryIds(userId, [p.categoryId])).has(p.categoryId)) return none;
  return { categoryId: p.categoryId, categorySource: 'model', categoryConfidence: p.confidence };
}

async function baseCurrencyOf(userId: string): Promise<string> {
  return (await getProfile(userId))?.baseCurrency ?? 'EUR';
}

/** A request's idempotency key, its body's hash, and the status its success answers: stored with the write. */
export interface Idempotency {
  key: string;
  hash: string;
  status: number;
}

/** What creating a transaction gave: the new transaction, or the reply stored for a repeated key that won a race. */
export type Created = { transaction: ReturnType<typeof transactionView>; replay?: undefined } | { transaction?: undefined; replay: StoredReply };

/**
 * Records a transaction (with rules, base-currency value and balances). With `idempotency`, the reply is stored in
 * the same transaction as the write, so a retry can never write twice.
 */
export async function createTransaction(userId: string, input: Input, idempotency?: Idempotency, now = new Date()): Promise<Created> {
  const key = idempotency?.key;
  const hash = idempotency?.hash ?? '';
  const manualFields = [input.categoryId ? 'categoryId' : '', input.tags?.length ? 'tags' : ''].filter(Boolean);
  const draft = checked({
    type: input.type,
    amount: input.amount,
    currency: input.currency,
    date: input.date,
    description: input.description,
    categoryId: input.categoryId ?? null,
    accountId: input.accountId ?? null,
    toAccountId: input.toAccountId ?? null,
    tags: input.tags ?? [],
    notes: input.notes ?? null,
    splits: input.splits ?? null,
  });
  // The model is read beside the rules (one GetItem) only when it may be needed; a rule still wins over it.
  const model = !draft.categoryId && modelMayFill(draft) ? getCategoryModel(userId) : undefined;
  model?.catch(() => undefined);
  const [rules, baseCurrency] = await Promise.all([listRules(userId), baseCurrencyOf(userId)]);
  const ruled = applyUserRules(draft, manualFields, rules);
  await assertCategories(userId, [ruled.categoryId, ...(draft.splits ?? []).map((s) => s.categoryId)]);
  const categorised: Categorised = draft.categoryId
    ? { categoryId: draft.categoryId, categorySource: 'user', categoryConfidence: null }
    : ruled.categoryId
      ? { categoryId: ruled.categoryId, categorySource: 'rule', categoryConfidence: null }
      : model
        ? await predicted(userId, draft, model)
        : { categoryId: null, categorySource: null, categoryConfidence: null };
  const base = await new RateBook().baseView(draft.amount, draft.currency, draft.date, baseCurrency);
  const at = now.toISOString();
  const record: TransactionRecord = {
    id: newId(now.getTime()),
    userId,
    ...draft,
    ...categorised,
    tags: ruled.tags,
    appliedRules: ruled.appliedRules,
    ...base,
    manualFields,
    importId: null,
    bankId: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const view = transactionView(record);
  const deltas = balanceDeltas(undefined, record);
  const items = [putTransaction(record, 'new'), ...balanceUpdates(userId, deltas, at)];
  const idempotencyIndex = key ? items.length : -1;
  if (key) items.push(rememberReply(userId, key, hash, { status: idempotency.status, body: view }, now));
  try {
    await transact(items);
  } catch (e) {
    explainCancellation(e, [...deltas.keys()], 1, idempotencyIndex);
    // The same key won a race: answer what it stored.
    const replay = key ? await replayOf(userId, key, hash) : undefined;
    if (!replay) throw e;
    return { replay };
  }
  return { transaction: view };
}

export async function getTransaction(userId: string, id: string) {
  const t = await readTransaction(userId, id);
  if (!t) throw new NotFoundError(`No transaction ${id}.`);
  return t;
}

/**
 * Changes a transaction at the version the caller read; rules re-apply to fields the user never set by hand. The
 * write is conditional on that version, so a change made meanwhile is refused (412), never overwritten.
 */
export async function updateTransaction(userId: string, id: string, patch: Patch, expected: number, now = new Date()) {
  const current = await getTransaction(userId, id);
  if (current.version !== expected) throw new PreconditionFailedError(`The transaction is at version ${current.version}, not ${expected}; read it again.`, current.version);
  const manual = new Set(current.manualFields);
  if (patch.categoryId !== undefined) manual.add('categoryId');
  if (patch.tags !== undefined) manual.add('tags');
  const draft = checked({
    type: patch.type ?? current.type,
    amount: patch.amount ?? current.amount,
    currency: patch.currency ?? current.currency,
    date: patch.date ?? current.date,
    description: patch.description ?? current.description,
    categoryId: patch.categoryId !== undefined ? patch.categoryId : current.categoryId,
    accountId: patch.accountId !== undefined ? patch.accountId : current.accountId,
    toAccountId: patch.toAccountId !== undefined ? patch.toAccountId : current.toAccountId,
    tags: patch.tags !== undefined ? patch.tags : current.tags,
    notes: patch.notes !== undefined ? patch.notes : current.notes,
    splits: patch.splits !== undefined ? patch.splits : current.splits,
    // Changing the type away from transfer drops the destination, unless the patch names one.
    ...(patch.type !== undefined && patch.type !== 'transfer' && patch.toAccountId === undefined ? { toAccountId: null } : {}),
  });
  const ruled = applyUserRules(draft, [...manual], await listRules(userId));
  await assertCategories(userId, [ruled.categoryId, ...(draft.splits ?? []).map((s) => s.categoryId)]);
  const categorised = await categoryAfterPatch(userId, current, patch, draft, ruled.categoryId, manual);
  const baseCurrency = await baseCurrencyOf(userId);
  const base = await new RateBook().baseView(draft.amount, draft.currency, draft.date, baseCurrency);
  const at = now.toISOString();
  const next: TransactionRecord = {
    ...current,
    ...draft,
    ...categorised,
    tags: ruled.tags,
    appliedRules: ruled.appliedRules,
    ...base,
    manualFields: [...manual].sort(),
    version: current.version + 1,
    updatedAt: at,
  };
  const deltas = balanceDeltas(current, next);
  try {
    await transact([putTransaction(next, { version: current.version }), ...balanceUpdates(userId, deltas, at)]);
  } catch (e) {
    explainCancellation(e, [...deltas.keys()], 1, -1);
  }
  return next;
}

/**
 * Who sets the category after a change: the user when the patch names one (or none); a rule when it set one now;
 * else the learned categoriser again when it had set it (or nothing had) and what it reads — description, amount,
 * type — changed; otherwise the category and its source stay as they were.
 */
async function categoryAfterPatch(userId: string, current: TransactionRecord, patch: Patch, draft: Draft, ruledCategory: string | null, manual: Set<string>): Promise<Categorised> {
  if (patch.categoryId !== undefined) return { categoryId: draft.categoryId, categorySource: draft.categoryId ? 'user' : null, categoryConfidence: null };
  const kept: Categorised = { categoryId: ruledCategory, categorySource: current.categorySource ?? null, categoryConfidence: current.categoryConfidence ?? null };
  if (ruledCategory !== null && ruledCategory !== current.categoryId) return { categoryId: ruledCategory, categorySource: 'rule', categoryConfidence: null };
  const modelOwned = current.categorySource === 'model' || (current.categoryId === null && !manual.has('categoryId'));
  const reads = draft.description !== current.description || draft.amount !== current.amount || draft.type !== current.type;
  if (!modelOwned || !reads || (ruledCategory !== null && current.categorySource !== 'model')) return kept;
  if (!modelMayFill(draft)) return { categoryId: ruledCategory, categorySource: ruledCategory ? (current.categorySource ?? null) : null, categoryConfidence: null };
  return predicted(userId, draft);
}

/** Deletes a transaction at the version the caller read (conditional on it) and takes it off its balances. */
export async function deleteTransaction(userId: string, id: string, expected: number, now = new Date()): Promise<void> {
  const current = await getTransaction(userId, id);
  if (current.version !== expected) throw new PreconditionFailedError(`The transaction is at version ${current.version}, not ${expected}; read it again.`, current.version);
  const deltas = balanceDeltas(current, undefined);
  try {
    await transact([deleteTransactionItem(userId, id, current.version), ...balanceUpdates(userId, deltas, now.toISOString())]);
  } catch (e) {
    // Deleted meanwhile, or its account is gone: nothing left to undo.
    if (failedConditions(e)?.has(0)) throw new PreconditionFailedError('The transaction changed meanwhile; read it again and retry.');
    throw e;
  }
}

/**
 * Lists transactions newest first: a page of at most `limit` read through the ledger's listing (filters applied by
 * the store), and a signed cursor. Never the whole history in memory.
 */
export async function listTransactions(userId: string, q: Query) {
  const { cursor, limit, ...filters } = q;
  if (filters.from && filters.to && filters.from > filters.to) throw new ValidationError('from is after to.', [{ path: 'query.from', message: 'after to' }]);
  if (filters.minAmount !== undefined && filters.maxAmount !== undefined && filters.minAmount > filters.maxAmount) {
    throw new ValidationError('minAmount is above maxAmount.', [{ path: 'query.minAmount', message: 'above maxAmount' }]);
  }
  const page = await transactionListing(userId, filters, limit, cursor);
  return { items: page.items.map(transactionView), nextCursor: page.nextCursor };
}
