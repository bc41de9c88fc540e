import * as z from 'zod/mini';
import { IMPORT_LIMITS } from '../domain/import/limits';
import { route } from './route';

const Id = /*#__PURE__*/ (() => z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be an id')))();
const Column = /*#__PURE__*/ (() => z.union([z.string().check(z.minLength(1), z.maxLength(100)), z.int().check(z.gte(0), z.lte(200))]))();

export const ImportMapping = /*#__PURE__*/ (() => z.strictObject({
  date: Column,
  /** A signed amount column (negative = money out), or separate debit (out) and credit (in) columns. */
  amount: z.union([Column, z.strictObject({ debit: Column, credit: Column })]),
  /** One column, or several joined with a space. */
  description: z.union([Column, z.array(Column).check(z.minLength(1), z.maxLength(5))]),
  currency: z.optional(Column),
  /** A column giving the direction of unsigned amounts (D/C, DR/CR, S/H, Af/Bij). */
  direction: z.optional(Column),
  payee: z.optional(Column),
  memo: z.optional(Column),
  bankId: z.optional(Column),
  category: z.optional(Column),
  dateFormat: z.optional(z.enum(['yyyy-mm-dd', 'yyyy/mm/dd', 'dd/mm/yyyy', 'dd.mm.yyyy', 'dd-mm-yyyy', 'mm/dd/yyyy', 'mm-dd-yyyy', 'dd/mm/yy', 'mm/dd/yy', 'dd.mm.yy', 'dmy', 'mdy', 'ymd'])),
  decimalSeparator: z.optional(z.enum(['.', ','])),
}))();

/** Largest import accepted in one request (the content, as sent). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const createImport = /*#__PURE__*/ (() => route({
  summary: 'Import a bank file (CSV, OFX 1.x/2.x, QIF) into an account',
  description:
    'Answers 202 at once; the rows are written by a background worker and `GET /imports/{id}` shows progress, duplicates (each with its reason) and unreadable rows. With `dryRun` nothing is written: the report shows what would happen.',
  auth: 'user',
  body: z.strictObject({
    accountId: Id,
    format: z.enum(['csv', 'ofx', 'qif']),
    content: z.string().check(z.minLength(1), z.maxLength(MAX_IMPORT_BYTES)),
    mapping: z.optional(ImportMapping),
    /** CSV field delimiter; detected when absent. */
    delimiter: z.optional(z.enum([',', ';', '\t', '|'])),
    dryRun: z._default(z.boolean(), false),
    /** Currency of rows that name none (default: the account's). */
    currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/))),
  }),
  response: z.lazy(() => z.object({ importId: z.string(), status: z.string() })),
  status: 202,
  maxBodyBytes: MAX_IMPORT_BYTES + 64 * 1024,
  // A retried POST with the same key returns the first import instead of starting another; the reply is stored in
  // the same DynamoDB transaction as the job.
  idempotent: 'with-write',
  location: (body) => `/imports/${(body as { importId: string }).importId}`,
}))();

export const ImportReport = /*#__PURE__*/ (() => z.lazy(() => z.object({
  importId: z.string(),
  accountId: z.string(),
  format: z.string(),
  dryRun: z.boolean(),
  status: z.enum(['queued', 'processing', 'completed', 'failed']),
  total: z.int(),
  processed: z.int(),
  imported: z.int(),
  duplicates: z
    .array(
      z.object({
        row: z.int(),
        transactionId: z.nullable(z.string()),
        duplicateOfRow: z.nullable(z.int()),
        reason: z.string(),
        matched: z.optional(
          z
            .object({ date: z.string(), amount: z.int(), currency: z.string(), description: z.string() })
            .check(
              z.describe(
                'The transaction `transactionId` names, as the import saw it when it found the duplicate: its date, its amount signed as the account sees it (integer minor units of `currency`; negative = money out, like the file’s rows) and the first 120 characters of its description. Absent for a duplicate of an earlier row, and on reports written before it was added.',
              ),
            ),
        ),
      }),
    )
    .check(z.maxLength(IMPORT_LIMITS.maxReportEntriesListed), z.describe(`Rows not written because they duplicate a transaction or an earlier row, with the reason: the first ${IMPORT_LIMITS.maxReportEntriesListed}, in row order.`)),
  duplicateCount: z.int().check(z.describe('How many rows were duplicates in all (may exceed the entries listed in `duplicates`).')),
  errors: z
    .array(z.object({ row: z.int(), message: z.string() }))
    .check(z.maxLength(IMPORT_LIMITS.maxReportEntriesListed), z.describe(`Rows that could not be read or recorded: the first ${IMPORT_LIMITS.maxReportEntriesListed}, in row order.`)),
  errorCount: z.int().check(z.describe('How many rows could not be read or recorded in all (may exceed the entries listed in `errors`).')),
  /** Fields cut at parse time to what the ledger keeps; at most `IMPORT_LIMITS.maxTruncationsListed` listed. */
  truncated: z
    .array(z.object({ row: z.int(), field: z.string() }))
    .check(
      z.maxLength(IMPORT_LIMITS.maxTruncationsListed),
      z.describe(
        `Fields of rows cut at parse time to what the ledger keeps (description and payee ${IMPORT_LIMITS.maxDescriptionLength} characters, memo ${IMPORT_LIMITS.maxMemoLength}, category ${IMPORT_LIMITS.maxCategoryLength}, bank id ${IMPORT_LIMITS.maxBankIdLength}, at most ${IMPORT_LIMITS.maxSplits} splits of ${IMPORT_LIMITS.maxSplitTextLength}-character texts): the first ${IMPORT_LIMITS.maxTruncationsListed}, in row order. \`field\` is description, payee, memo, category, bankId, splits, splits.category or splits.memo.`,
      ),
    ),
  truncatedCount: z.int().check(z.describe('How many fields were cut in all (may exceed the entries listed in `truncated`).')),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.nullable(z.string()),
  /** Why a failed import stopped. */
  failure: z.optional(z.string()),
})))();

export const getImport = /*#__PURE__*/ (() => route({ summary: 'Progress and report of an import', auth: 'user', params: z.strictObject({ id: Id }), response: ImportReport }))();
