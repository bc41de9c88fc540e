import type { z } from 'zod/mini';
import type { createImport as CreateImport } from '../contracts/imports';
import { ImportRequested } from '../../events/import-requested';
import { addBalanceDeltas, balanceDeltas, type ExactBalanceDeltas } from '../domain/balances';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { findDuplicates, IMPORT_LIMITS, parseCsv, parseOfx, parseQif, type ImportResult, type ImportRow } from '../domain/import';
import { addDays, signedAmount, validateTransaction } from '../domain/ledger';
import { getAccount } from '../adapters/accounts';
import { newId } from '../adapters/ids';
import * as store from '../adapters/imports';
import { claimImportSlot, importSlotHolder, releaseImportSlot } from '../adapters/import-slot';
import { getTransaction, transactionsByDate, type TransactionRecord } from '../adapters/ledger';
import { foldImportDeltas, writeImportGroup } from '../adapters/import-balances';
import { newEvent } from '../adapters/outbox';
import { publish, retryAfter } from '../adapters/queue';
import { getProfile } from '../adapters/profiles';
import { listCategories } from '../adapters/categories';
import { getCategoryModel } from '../adapters/category-model';
import { emptyModel, predictCategory, type CategoryModel } from '../domain/categorise';
import { logger } from '../observability';
import { RateBook } from './fx';
import { rememberReply, replayOf } from './idempotency';
import { applyUserRules, compiledRulesOf } from './rules';

type Body = NonNullable<z.infer<NonNullable<(typeof CreateImport)['body']>>>;

/** Rows per all-or-nothing write (the rest of the 100-item limit is for account balance updates). */
const GROUP = 90;
const PARALLEL_WRITES = 6;
/** How long an import holds its account's lease at most (the worker runs for 300 s at most). */
const LEASE_SECONDS = 360;
/**
 * How long the user's import slot is held without news: claimed at the request, then extended by every delivery of
 * the worker (300 s at most each), so an import whose worker died frees it after this.
 */
const SLOT_SECONDS = 360;
/** When another import holds the account, this one is asked for again after this delay. */
const BUSY_RETRY_SECONDS = 5;

function parse(body: Body, currency: string): ImportResult {
  switch (body.format) {
    case 'csv':
      return parseCsv(body.content, { currency, ...(body.mapping ? { mapping: body.mapping } : {}), ...(body.delimiter ? { delimiter: body.delimiter } : {}) });
    case 'ofx':
      return parseOfx(body.content, { currency });
    case 'qif':
      return parseQif(body.content, { currency, ...(body.mapping?.dateFormat ? { dateFormat: body.mapping.dateFormat } : {}), ...(body.mapping?.decimalSeparator ? { decimalSeparator: body.mapping.decimalSeparator } : {}) });
  }
}

/**
 * A request's Idempotency-Key and its body's hash, from the handler factory (the route is `idempotent: 'with-write'`:
 * the factory has answered a stored reply already; this one is stored with the job).
 */
export interface ImportIdempotency {
  key: string;
  hash: string;
}

/**
 * Starts an import: reads the file now (so an unreadable file is a 400 at once), stores the parsed rows, and
 * queues the worker in the same transaction that records the job (and, with `idempotency`, the reply). Answers 202
 * with the import id; a racing request with the same key gets the reply the first one stored.
 */
export async function startImport(userId: string, body: Body, idempotency?: ImportIdempotency, now = new Date()) {
  const key = idempotency?.key;
  const hash = idempotency?.hash ?? '';
  // At most one import per user is queued or running (dry runs included): the slot is claimed before the file is
  // read, so a refused request costs no parsing, and given back when this request stores nothing.
  const importId = newId(now.getTime());
  if (!(await claimSlot(userId, importId, now))) {
    const replay = key ? await replayOf(userId, key, hash) : undefined;
    if (replay) return replay; // the same request, sent twice at once
    const running = await importSlotHolder(userId, now);
    throw new ConflictError(
      `Another import of yours${running ? ` (${running})` : ''} is still queued or running; one import runs at a time. Send this file again once it has completed (GET /imports/{id}).`,
      running ? { runningImportId: running } : undefined,
    );
  }
  try {
    const reply = await storeImport(userId, body, key, hash, importId, now);
    if ((reply.body as { importId?: unknown } | null)?.importId !== importId) await releaseImportSlot(userId, importId);
    return reply;
  } catch (e) {
    await releaseImportSlot(userId, importId).catch(() => undefined);
    throw e;
  }
}

/**
 * Claims the user's import slot. A holder whose job already says completed or failed has finished: its worker gives
 * the slot back just after writing that status, so a client that waited for it is not refused in between.
 */
async function claimSlot(userId: string, importId: string, now: Date): Promise<boolean> {
  if (await claimImportSlot(userId, importId, now, SLOT_SECONDS)) return true;
  const holder = await importSlotHolder(userId, now);
  if (holder === undefined) return claimImportSlot(userId, importId, now, SLOT_SECONDS);
  const job = await store.getJob(userId, holder);
  if (job?.status !== 'completed' && job?.status !== 'failed') return false;
  await releaseImportSlot(userId, holder);
  return claimImportSlot(userId, importId, now, SLOT_SECONDS);
}

/** Reads and stores the file of an import whose slot is claimed, and records the job with its ImportRequested. */
async function storeImport(userId: string, body: Body, key: string | undefined, hash: string, importId: string, now: Date) {
  const account = await getAccount(userId, body.accountId);
  if (!account) throw new ValidationError(`Unknown account ${body.accountId}.`, [{ path: 'body.accountId', message: 'no such account' }]);
  const currency = body.currency ?? account.currency;
  const parsed = parse(body, currency);
  if (parsed.rows.length === 0) {
    const why = parsed.errors[0]?.message ?? 'it holds no transactions';
    throw new ValidationError(`The ${body.format.toUpperCase()} file could not be imported: ${why}`, parsed.errors.slice(0, 20).map((e) => ({ path: `body.content.row${e.row}`, message: e.message })));
  }
  const at = now.toISOString();
  const chunks = await store.putRows(userId, importId, parsed.rows, now);
  await store.putReport(userId, importId, [], parsed.errors, now);
  const job: store.ImportJob = {
    importId,
    accountId: account.id,
    format: body.format,
    dryRun: body.dryRun,
    status: 'queued',
    total: parsed.rows.length + parsed.errors.filter((e) => e.row > 0).length,
    processed: 0,
    imported: 0,
    chunks,
    failure: null,
    createdAt: at,
    updatedAt: at,
    completedAt: null,
    // The fields cut at parse time: the job item keeps a bounded list and the count.
    truncated: (parsed.truncated ?? []).slice(0, IMPORT_LIMITS.maxTruncationsListed),
    truncatedCount: parsed.truncated?.length ?? 0,
  };
  const reply = { status: 202, body: { importId, status: 'queued' } };
  if (await store.recordJob(userId, job, newEvent(ImportRequested, { userId, importId }, now), key ? [rememberReply(userId, key, hash, reply, now)] : [])) return reply;
  // Only the Idempotency-Key record is conditional: the same key won a race; answer what it stored (422 if the body differs).
  const replay = key ? await replayOf(userId, key, hash) : undefined;
  if (!replay) throw new ConflictError('The import could not be recorded; send it again.');
  return replay;
}

/** The job with its full row-level report. Another user's import id answers 404, as a missing one does. */
export async function importReport(userId: string, importId: string) {
  const job = await store.getJob(userId, importId);
  if (!job) throw new NotFoundError(`No import ${importId}.`);
  const report = await store.getReport(userId, importId);
  return {
    importId: job.importId,
    accountId: job.accountId,
    format: job.format,
    dryRun: job.dryRun,
    status: job.status,
    total: job.total,
    processed: job.processed,
    imported: job.imported,
    duplicates: report.duplicates.slice(0, IMPORT_LIMITS.maxReportEntriesListed),
    duplicateCount: report.duplicates.length,
    errors: report.errors.slice(0, IMPORT_LIMITS.maxReportEntriesListed),
    errorCount: report.errors.length,
    truncated: job.truncated ?? [],
    truncatedCount: job.truncatedCount ?? 0,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    completedAt: job.completedAt,
    ...(job.failure ? { failure: job.failure } : {}),
  };
}

/** The account's transactions in a date range, as duplicate-detection sees them (amount signed for the account). */
async function existingInRange(userId: string, accountId: string, from: string, to: string) {
  const out: { id: string; date: string; amount: number; currency: string; description: string; merchantKey?: string; bankId?: string; accountId: string }[] = [];
  for await (const page of transactionsByDate(userId, { from, to }, { accountId })) {
    for (const t of page.items) {
      out.push({
        id: t.id,
        date: t.date,
        amount: signedAmount({ type: t.type, amount: t.amount, accountId: t.accountId ?? undefined, toAccountId: t.toAccountId ?? undefined }, accountId),
        currency: t.currency,
        description: t.description,
        ...(t.merchantKey ? { merchantKey: t.merchantKey } : {}),
        ...(t.bankId ? { bankId: t.bankId } : {}),
        accountId,
      });
    }
  }
  return out;
}

/**
 * Writes an import's rows: finds duplicates (bank id, or amount + date ±3 days + description, against the account
 * and within the file), applies rules and the base-currency rate, and writes the rest in all-or-nothing groups
 * with their balance changes. Each row's transaction id is derived from the import and the row, so a redelivered
 * job finds its groups already written and moves on: rows are never written twice. The import holds the user's
 * import slot while it runs (one import per user at a time); past `deadline` (epoch ms) it starts no new group and
 * queues a continuation of itself, so one delivery's time is bounded whatever the file's size.
 */
export async function runImport(userId: string, importId: string, now = new Date(), options: { deadline?: number } = {}): Promise<void> {
  const job = await store.getJob(userId, importId);
  if (!job || job.status === 'completed' || job.status === 'failed') return;
  if (!(await claimImportSlot(userId, importId, new Date(), SLOT_SECONDS))) {
    // This import waited in the queue past its slot's expiry and another import of the user holds it: it runs after.
    await requeueImport(userId, importId, now, BUSY_RETRY_SECONDS);
    return;
  }
  let finished = false;
  const writes = !job.dryRun;
  if (writes && !(await store.acquireLease(userId, job.accountId, importId, new Date(), LEASE_SECONDS))) {
    // Another import is writing into this account: this one starts after it, and so sees its rows as duplicates.
    await requeueImport(userId, importId, now, BUSY_RETRY_SECONDS);
    return;
  }
  await store.updateJob(userId, importId, { status: 'processing', updatedAt: new Date().toISOString() });
  try {
    finished = await processImport({ userId, importId, job, now, deadline: options.deadline ?? Number.POSITIVE_INFINITY });
  } catch (error) {
    if (error instanceof NotFoundError) {
      await failImport(userId, importId, error.message);
      return;
    }
    // The groups written so far count in the balance now, whatever happens to the rest.
    if (writes) await foldImportDeltas(userId, importId, new Date()).catch(() => undefined);
    logger.error('Import failed; it will be retried', { importId, error: error as Error });
    await store.updateJob(userId, importId, { status: 'queued', updatedAt: new Date().toISOString() });
    throw error;
  } finally {
    if (writes) await store.releaseLease(userId, job.accountId, importId).catch(() => undefined);
    // A failed delivery keeps the slot for its retry (it expires if none comes); a continuation keeps it too.
    if (finished) await releaseImportSlot(userId, importId).catch(() => undefined);
  }
}

/**
 * A delivery of the import failed (and it is not the last): its message comes back after `seconds` (the queue's retry
 * delay), not after the rest of its visibility timeout. Best effort: if this fails too, the timeout brings it back.
 */
export async function retryImportLater(receiptHandle: string, seconds: number | undefined): Promise<void> {
  if (seconds === undefined) return;
  await retryAfter('imports', receiptHandle, seconds).catch((error: unknown) => logger.warn('Could not shorten the failed import message’s visibility; it returns after the queue’s timeout', { error: error as Error }));
}

/** Queues the import's worker again (after `delaySeconds`, when given). */
async function requeueImport(userId: string, importId: string, now: Date, delaySeconds?: number): Promise<void> {
  const event = newEvent(ImportRequested, { userId, importId }, now);
  if (delaySeconds === undefined) await publish('imports', [event]);
  else await publish('imports', [event], { delaySeconds });
}

/** One delivery of an import's worker: the job it runs, and until when it may start new groups (epoch ms). */
interface ImportRun {
  userId: string;
  importId: string;
  job: store.ImportJob;
  now: Date;
  deadline: number;
}

/**
 * The body of {@link runImport} once the slot and the lease are held: true when the import completed, false when
 * this delivery ran out of time and queued its continuation.
 */
async function processImport(run: ImportRun): Promise<boolean> {
  const { userId, importId, job, now } = run;
  const rows = await store.getRows(userId, importId);
  const { errors: parseErrors } = await store.getReport(userId, importId);
  const duplicates = await duplicatesOf(userId, importId, job.accountId, rows);
  const duplicateRows = new Set(duplicates.map((d) => d.row));
  const { records, errors } = await recordsOf(run, rows.filter((r) => !duplicateRows.has(r.row)), parseErrors);
  let imported = records.length;
  if (!job.dryRun) {
    const written = await writeRecords(run, records, duplicates.length);
    imported = written.imported;
    if (written.remaining > 0) {
      // Out of time for this delivery: the next one goes on (groups already written are recognised and skipped).
      await store.updateJob(userId, importId, { processed: Math.min(job.total, imported + duplicates.length), imported, updatedAt: new Date().toISOString() });
      await requeueImport(userId, importId, now);
      return false;
    }
  }
  await store.putReport(userId, importId, duplicates, errors, now);
  const end = new Date().toISOString();
  await store.updateJob(userId, importId, { status: 'completed', processed: job.total, imported, updatedAt: end, completedAt: end });
  return true;
}

/** The rows that duplicate a transaction of the account or an earlier row of the file, as the report lists them. */
async function duplicatesOf(userId: string, importId: string, accountId: string, rows: ImportRow[]): Promise<store.DuplicateReport[]> {
  const dates = rows.map((r) => r.date).sort();
  const first = dates[0] ?? '1970-01-01';
  const last = dates[dates.length - 1] ?? first;
  // This import's own rows (an earlier delivery wrote them) are not duplicates of themselves.
  const existing = (await existingInRange(userId, accountId, addDays(first, -3), addDays(last, 3))).filter((t) => !t.id.startsWith(`${importId}-`));
  const matches = findDuplicates(rows.map((r) => ({ ...r, accountId })), existing);
  const byId = new Map(existing.map((t) => [t.id, t]));
  // The matched transaction was read for the detection: only the entries the report lists (the first rows) carry it.
  const listed = new Set(matches.map((m) => m.row).sort((a, b) => a - b).slice(0, IMPORT_LIMITS.maxReportEntriesListed));
  return matches.map((m) => {
    const hit = m.duplicateOf.kind === 'existing' && listed.has(m.row) ? byId.get(m.duplicateOf.id) : undefined;
    return {
      row: m.row,
      transactionId: m.duplicateOf.kind === 'existing' ? m.duplicateOf.id : null,
      duplicateOfRow: m.duplicateOf.kind === 'file' ? m.duplicateOf.row : null,
      reason: m.reason,
      ...(hit ? { matched: { date: hit.date, amount: hit.amount, currency: hit.currency, description: [...hit.description].slice(0, MATCHED_DESCRIPTION_CHARS).join('') } } : {}),
    };
  });
}

/** How much of a matched transaction's description a duplicate entry repeats. */
const MATCHED_DESCRIPTION_CHARS = 120;

type ReportErrors = Awaited<ReturnType<typeof store.getReport>>['errors'];

/**
 * The transactions the rows make (rules, the file's or the learned category, the base-currency value), and the
 * report's errors: the parser's, then each row's that fails validation.
 */
async function recordsOf(run: ImportRun, rows: ImportRow[], parseErrors: ReportErrors): Promise<{ records: TransactionRecord[]; errors: ReportErrors }> {
  const { userId, importId, job, now } = run;
  const [rules, profile, categories, stored] = await Promise.all([compiledRulesOf(userId), getProfile(userId), listCategories(userId), getCategoryModel(userId)]);
  // The learned categoriser fills what neither the file nor a rule did, into categories the user has.
  const learned = { model: stored?.model ?? emptyModel(), has: new Set(categories.map((c) => c.id)) };
  const categoryOf = categoryIndex(categories);
  const base = profile?.baseCurrency ?? 'EUR';
  const book = new RateBook();
  const errors = [...parseErrors];
  const records: TransactionRecord[] = [];
  const at = now.toISOString();
  for (const r of rows) {
    const record = await toRecord(userId, importId, job.accountId, r, base, book, rules, at, categoryOf.get(r.category?.trim().toLowerCase() ?? ''), learned).catch((e: unknown) => {
      if (e instanceof ValidationError) {
        errors.push({ row: r.row, message: e.message });
        return undefined;
      }
      throw e;
    });
    if (record) records.push(record);
  }
  return { records, errors };
}

/** A file's category (an export's Category column, QIF L) is matched to the user's categories by id or name. */
function categoryIndex(categories: readonly { id: string; name: string }[]): Map<string, string> {
  const categoryOf = new Map<string, string>();
  for (const c of categories) {
    categoryOf.set(c.id.toLowerCase(), c.id);
    categoryOf.set(c.name.toLowerCase(), c.id);
  }
  return categoryOf;
}

/**
 * Writes the records in all-or-nothing groups of {@link GROUP}, {@link PARALLEL_WRITES} at a time, until the run's
 * deadline; answers how many rows are written and how many groups are left for a continuation.
 */
async function writeRecords(run: ImportRun, records: TransactionRecord[], duplicateCount: number): Promise<{ imported: number; remaining: number }> {
  const { userId, importId, job, deadline } = run;
  const groups: TransactionRecord[][] = [];
  for (let i = 0; i < records.length; i += GROUP) groups.push(records.slice(i, i + GROUP));
  let imported = 0;
  let done = 0;
  // Past the delivery's deadline no new group starts; the rest goes to a continuation.
  const next = () => (Date.now() < deadline ? groups.shift() : undefined);
  // The first group moves the account's balance itself (from then on the account counts transactions and cannot
  // be deleted under the import). The others, written in parallel, each put their balance change beside their rows
  // in the same all-or-nothing write instead of contending on the account item; those are folded in below.
  const writeGroup = async (g: TransactionRecord[], direct: boolean) => {
    await writeGroupOnce(run, g, direct);
    imported += g.length;
    if (++done % 10 === 0) await store.updateJob(userId, importId, { processed: Math.min(job.total, imported + duplicateCount), imported, updatedAt: new Date().toISOString() });
  };
  const firstGroup = next();
  if (firstGroup) await writeGroup(firstGroup, true);
  const worker = async () => {
    for (let g = next(); g; g = next()) await writeGroup(g, false);
  };
  await Promise.all(Array.from({ length: PARALLEL_WRITES }, worker));
  await foldImportDeltas(userId, importId, new Date());
  return { imported, remaining: groups.length };
}

/** Writes one group with its balance change, unless an earlier delivery wrote it; fails when the account is gone. */
async function writeGroupOnce(run: ImportRun, g: TransactionRecord[], direct: boolean): Promise<void> {
  const { userId, importId, job, now } = run;
  // Summed in BigInt: a group's total is far below 2^53 today, but nothing about its size should depend on that.
  const deltas: ExactBalanceDeltas = new Map();
  for (const t of g) addBalanceDeltas(deltas, balanceDeltas(undefined, t));
  if (!(await writeImportGroup(userId, importId, g, deltas, direct, now))) {
    // Already written by an earlier delivery (groups are all-or-nothing), or the account is gone and its
    // conditional balance update failed, in which case nothing was written.
    const head = g[0];
    if (head && !(await getTransaction(userId, head.id))) throw new NotFoundError(`The account ${job.accountId} no longer exists; nothing was imported.`);
  }
}

async function toRecord(
  userId: string,
  importId: string,
  accountId: string,
  r: ImportRow,
  base: string,
  book: RateBook,
  rules: Awaited<ReturnType<typeof compiledRulesOf>>,
  at: string,
  categoryId: string | undefined,
  learned?: { model: CategoryModel; has: ReadonlySet<string> },
): Promise<TransactionRecord> {
  if (r.amount === 0) throw new ValidationError('The amount is zero; there is nothing to record.');
  const f = validateTransaction({
    type: r.amount < 0 ? 'expense' : 'income',
    amount: Math.abs(r.amount),
    currency: r.currency,
    date: r.date,
    description: r.description,
    accountId,
    notes: r.memo && r.memo !== r.description ? r.memo : null,
  });
  const draft = { ...f, categoryId: categoryId ?? null, toAccountId: null, accountId, tags: f.tags, notes: f.notes ?? null, splits: null };
  // A category the file names counts as set by hand: rules fill only what the file left open.
  const manualFields = categoryId ? ['categoryId'] : [];
  const ruled = applyUserRules(draft, manualFields, rules);
  const guess = !categoryId && !ruled.categoryId && learned ? predictCategory(learned.model, f, { allowed: (id) => learned.has.has(id) }) : undefined;
  const view = await book.baseView(f.amount, f.currency, f.date, base);
  return {
    id: `${importId}-${r.row}`,
    userId,
    ...draft,
    categoryId: guess ? guess.categoryId : ruled.categoryId,
    categorySource: categoryId ? 'import' : ruled.categoryId ? 'rule' : guess ? 'model' : null,
    categoryConfidence: guess ? guess.confidence : null,
    tags: ruled.tags,
    appliedRules: ruled.appliedRules,
    ...view,
    manualFields,
    importId,
    bankId: r.bankId ?? null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** Marks a job failed for good (its message reached the DLQ's last delivery). */
export async function failImport(userId: string, importId: string, reason: string): Promise<void> {
  // Rows already written stay: their balance changes count even though the import stops here.
  await foldImportDeltas(userId, importId, new Date()).catch(() => undefined);
  await store.updateJob(userId, importId, { status: 'failed', failure: reason, updatedAt: new Date().toISOString() });
  await releaseImportSlot(userId, importId);
}

