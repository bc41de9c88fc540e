import * as z from 'zod/mini';
import { PAGE_LIMITS } from '../domain/limits';
import { capSentence, CurrencyCode, ExactSum, IsoDate, PageLimit, PositiveAmount as PositiveMinor, SignedAmount as SignedMinor } from './common';
import { route } from './route';

const Id = /*#__PURE__*/ (() => z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be an id')))();
const IdParams = /*#__PURE__*/ (() => z.strictObject({ id: Id }))();
const Text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const Limit = /*#__PURE__*/ (() => PageLimit(PAGE_LIMITS.transactions.max, PAGE_LIMITS.transactions.default))();
const Cursor = /*#__PURE__*/ (() => z.string().check(z.maxLength(2048)))();

// ── accounts ────────────────────────────────────────────────────────────────────────────────────────────────────
export const AccountType = /*#__PURE__*/ (() => z.enum(['checking', 'savings', 'credit', 'cash', 'investment', 'loan']))();
export const Account = /*#__PURE__*/ (() => z.lazy(() => z.object({
  id: z.string(),
  name: z.string(),
  type: AccountType,
  currency: z.string(),
  openingBalance: z.int(),
  /** openingBalance plus every transaction in the account's currency, in minor units (exact, see ExactSum). */
  balance: ExactSum,
  /** Sums of transactions recorded in other currencies, kept apart (never converted 1:1). */
  otherCurrencies: z.array(z.object({ currency: z.string(), amount: ExactSum })),
  archived: z.boolean(),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
})))();

const AccountInput = /*#__PURE__*/ (() => ({
  name: Text(100).check(z.minLength(1)),
  type: AccountType,
  currency: CurrencyCode,
  openingBalance: z._default(SignedMinor, 0),
}))();

export const listAccounts = /*#__PURE__*/ (() => route({
  summary: 'List accounts with balances',
  description: `Every account in one answer (there are at most as many as the cap). ${capSentence('accounts', 'accounts')}`,
  auth: 'user',
  response: z.lazy(() => z.object({ items: z.array(Account) })),
}))();
export const createAccount = /*#__PURE__*/ (() => route({ summary: 'Create an account', description: capSentence('accounts', 'accounts'), auth: 'user', body: z.strictObject(AccountInput), response: Account, status: 201, idempotent: true, concurrency: 'if-match' }))();
export const getAccount = /*#__PURE__*/ (() => route({ summary: 'One account with its balance', auth: 'user', params: IdParams, response: Account, concurrency: 'if-match' }))();
export const updateAccount = /*#__PURE__*/ (() => route({
  summary: 'Rename, retype or archive an account',
  auth: 'user',
  params: IdParams,
  body: z.strictObject({ name: z.optional(AccountInput.name), type: z.optional(AccountType), openingBalance: z.optional(SignedMinor), archived: z.optional(z.boolean()) }),
  response: Account,
  concurrency: 'if-match',
}))();
export const deleteAccount = /*#__PURE__*/ (() => route({
  summary: 'Delete an account that has no transactions (archive it otherwise)',
  auth: 'user',
  params: IdParams,
  concurrency: 'if-match',
}))();

// ── categories ──────────────────────────────────────────────────────────────────────────────────────────────────
export const CategoryKind = /*#__PURE__*/ (() => z.enum(['income', 'expense']))();
export const Category = /*#__PURE__*/ (() => z.lazy(() => z.object({ id: z.string(), name: z.string(), kind: CategoryKind, parentId: z.nullable(z.string()), version: z.int(), createdAt: z.string(), updatedAt: z.string() })))();
export const listCategories = /*#__PURE__*/ (() => route({
  summary: 'List categories (two levels)',
  description: `Every category in one answer (there are at most as many as the cap). ${capSentence('categories', 'categories (the defaults included)')}`,
  auth: 'user',
  response: z.lazy(() => z.object({ items: z.array(Category) })),
}))();
export const createCategory = /*#__PURE__*/ (() => route({
  summary: 'Create a category (optionally under a parent)',
  description: capSentence('categories', 'categories (the defaults given at sign-up included)'),
  auth: 'user',
  body: z.strictObject({ name: Text(60).check(z.minLength(1)), kind: CategoryKind, parentId: z.optional(z.nullable(Id)) }),
  response: Category,
  status: 201,
  idempotent: true,
  concurrency: 'if-match',
}))();
export const updateCategory = /*#__PURE__*/ (() => route({
  summary: 'Rename or move a category',
  auth: 'user',
  params: IdParams,
  body: z.strictObject({ name: z.optional(Text(60).check(z.minLength(1))), parentId: z.optional(z.nullable(Id)) }),
  response: Category,
  concurrency: 'if-match',
}))();
export const deleteCategory = /*#__PURE__*/ (() => route({
  summary: 'Delete a category; `reassignTo` moves its transactions, else a category in use is refused (409)',
  auth: 'user',
  params: IdParams,
  query: z.strictObject({ reassignTo: z.optional(Id) }),
  concurrency: 'if-match',
}))();

// ── transactions ────────────────────────────────────────────────────────────────────────────────────────────────
export const TransactionType = /*#__PURE__*/ (() => z.enum(['expense', 'income', 'transfer']))();
/** A part of a split; a negative part is a refund inside a purchase. The parts sum exactly to the amount. */
const Split = /*#__PURE__*/ (() => z.strictObject({ categoryId: Id, amount: SignedMinor }))();
const Tags = /*#__PURE__*/ (() => z.array(Text(40).check(z.minLength(1))).check(z.maxLength(20)))();

export const TransactionInput = /*#__PURE__*/ (() => z.strictObject({
  type: TransactionType,
  amount: PositiveMinor,
  currency: CurrencyCode,
  date: IsoDate,
  description: Text(500).check(z.minLength(1)),
  categoryId: z.optional(z.nullable(Id)),
  accountId: z.optional(z.nullable(Id)),
  toAccountId: z.optional(z.nullable(Id)),
  tags: z.optional(Tags),
  notes: z.optional(z.nullable(Text(2000))),
  splits: z.optional(z.nullable(z.array(Split).check(z.minLength(1), z.maxLength(100)))),
}))();

export const TransactionPatch = /*#__PURE__*/ (() => z.strictObject({
  type: z.optional(TransactionType),
  amount: z.optional(PositiveMinor),
  currency: z.optional(CurrencyCode),
  date: z.optional(IsoDate),
  description: z.optional(Text(500).check(z.minLength(1))),
  categoryId: z.optional(z.nullable(Id)),
  accountId: z.optional(z.nullable(Id)),
  toAccountId: z.optional(z.nullable(Id)),
  tags: z.optional(Tags),
  notes: z.optional(z.nullable(Text(2000))),
  splits: z.optional(z.nullable(z.array(Split).check(z.minLength(1), z.maxLength(100)))),
}))();

export const Transaction = /*#__PURE__*/ (() => z.lazy(() => z.object({
  id: z.string(),
  type: TransactionType,
  amount: z.int(),
  currency: z.string(),
  date: z.string(),
  description: z.string(),
  categoryId: z.nullable(z.string()),
  accountId: z.nullable(z.string()),
  toAccountId: z.nullable(z.string()),
  tags: z.array(z.string()),
  notes: z.nullable(z.string()),
  splits: z.nullable(z.array(z.object({ categoryId: z.string(), amount: z.int() }))),
  /** Value in the user's base currency at the rate of `fxDate`; null while `fxStatus` is pending. */
  baseAmount: z.nullable(z.int()),
  baseCurrency: z.string(),
  /** Units of base currency per unit of `currency`, as a decimal string. */
  fxRate: z.nullable(z.string()),
  fxDate: z.nullable(z.string()),
  fxStatus: z.enum(['converted', 'pending']),
  /** Rules that set fields of this transaction, in the order they applied. */
  appliedRules: z.array(z.string()),
  /**
   * Who set `categoryId`: `user` (chosen by hand), `rule`, `model` (the learned categoriser, which fills it only where
   * neither the user nor a rule did, and never overrides either) or `import` (the file's own category); null when
   * uncategorised or recorded before sources were kept.
   */
  categorySource: z.nullable(z.enum(['user', 'rule', 'model', 'import'])),
  /** The learned model's confidence (0..1) in `categoryId` when `categorySource` is `model`; null otherwise. */
  categoryConfidence: z.nullable(z.number().check(z.gte(0), z.lte(1))),
  importId: z.nullable(z.string()),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
})))();

export const createTransaction = /*#__PURE__*/ (() => route({
  summary: 'Record a transaction',
  description: '`amount` is a positive integer in minor units of `currency`; splits must sum to it exactly. Rules fill fields you did not set.',
  auth: 'user',
  body: TransactionInput,
  response: Transaction,
  status: 201,
  // The stored reply is written in the same DynamoDB transaction as the transaction and its balances.
  idempotent: 'with-write',
  concurrency: 'if-match',
}))();
export const getTransaction = /*#__PURE__*/ (() => route({ summary: 'One transaction', auth: 'user', params: IdParams, response: Transaction, concurrency: 'if-match' }))();
export const updateTransaction = /*#__PURE__*/ (() => route({ summary: 'Change a transaction', auth: 'user', params: IdParams, body: TransactionPatch, response: Transaction, concurrency: 'if-match' }))();
export const deleteTransaction = /*#__PURE__*/ (() => route({ summary: 'Delete a transaction', auth: 'user', params: IdParams, concurrency: 'if-match' }))();

export const TransactionQuery = /*#__PURE__*/ (() => z.strictObject({
  from: z.optional(IsoDate),
  to: z.optional(IsoDate),
  type: z.optional(TransactionType),
  categoryId: z.optional(Id),
  accountId: z.optional(Id),
  tag: z.optional(Text(40)),
  q: z.optional(Text(100)),
  minAmount: z.optional(z.coerce.number().check(z.int(), z.gte(0))),
  maxAmount: z.optional(z.coerce.number().check(z.int(), z.gte(0))),
  limit: Limit,
  cursor: z.optional(Cursor),
}))();
export const listTransactions = /*#__PURE__*/ (() => route({
  summary: 'Transactions, newest first, filtered and paginated',
  description: '`nextCursor` is opaque and signed; pass it back as `cursor` with the same filters.',
  auth: 'user',
  query: TransactionQuery,
  response: z.lazy(() => z.object({ items: z.array(Transaction), nextCursor: z.nullable(z.string()) })),
}))();
export const exportTransactions = /*#__PURE__*/ (() => route({
  summary: 'Export transactions as CSV (the columns the importer reads back)',
  auth: 'user',
  query: z.strictObject({ format: z._default(z.literal('csv'), 'csv'), from: z.optional(IsoDate), to: z.optional(IsoDate), accountId: z.optional(Id) }),
  produces: 'text/csv',
}))();

// ── fx ──────────────────────────────────────────────────────────────────────────────────────────────────────────
const Decimal = /*#__PURE__*/ (() => z.string().check(z.regex(/^\d{1,12}(\.\d{1,12})?$/, 'must be a positive decimal string such as "1.0842"')))();
export const RatesBody = /*#__PURE__*/ (() => z.strictObject({ date: IsoDate, base: CurrencyCode, rates: z.record(CurrencyCode, Decimal) }))();
export const putRates = /*#__PURE__*/ (() => route({
  summary: 'Publish exchange rates for a date (units of each currency per 1 base)',
  description: 'Pending transactions whose date this rate covers are converted.',
  auth: { permission: 'fx:write' },
  body: RatesBody,
  response: z.lazy(() => z.object({ date: z.string(), base: z.string(), rates: z.record(z.string(), z.string()), count: z.int() })),
}))();
export const getRates = /*#__PURE__*/ (() => route({
  summary: 'Rates in effect on a date (latest on or before it, at most 7 days older)',
  auth: 'user',
  query: z.strictObject({ date: IsoDate, base: z._default(CurrencyCode, 'EUR') }),
  response: z.lazy(() => z.object({ date: z.string(), requestedDate: z.string(), base: z.string(), rates: z.record(z.string(), z.string()) })),
}))();
