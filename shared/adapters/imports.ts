import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { chunkByBytes, type ImportRow, type ImportTruncation } from '../domain/import';
import { batchWriteAll, db, isConditionFailure, queryAll, queryPages, tableName, updateExpression } from './dynamo';
import type { Envelope } from '../../events/envelope';
import * as keys from './keys';
import { transact } from './ledger';
import { outboxPut } from './outbox';

type TxItem = Parameters<typeof transact>[0][number];

/** An import job: what was asked, where it stands, and its counts. The row-level report is kept in chunks. */
export interface ImportJob {
  importId: string;
  accountId: string;
  format: 'csv' | 'ofx' | 'qif';
  dryRun: boolean;
  status: 'queued' | 'processing' | 'completed' | 'failed';
  total: number;
  processed: number;
  imported: number;
  chunks: number;
  failure: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** Fields cut at parse time, the first `IMPORT_LIMITS.maxTruncationsListed` of them (absent on older jobs). */
  truncated?: ImportTruncation[];
  /** How many fields were cut in all. */
  truncatedCount?: number;
}

export interface DuplicateReport {
  row: number;
  transactionId: string | null;
  duplicateOfRow: number | null;
  reason: string;
  /** The matched transaction as the worker read it (listed entries only; see the import contract). */
  matched?: { date: string; amount: number; currency: string; description: string };
}

/** Parsed rows wait 3 days for the worker; the report is kept 90 days. */
const ROWS_TTL = 3 * 86400;
const REPORT_TTL = 90 * 86400;
/**
 * Chunks are sized by serialised bytes, not by count: DynamoDB refuses items over 400 KB, and rows with long
 * fields made count-sized chunks overflow. 300 KB of JSON leaves room for the keys and attribute names; 25 such
 * items stay well under BatchWriteItem's 16 MB.
 */
const CHUNK_BYTES = 300 * 1024;

async function batchPut(items: Record<string, unknown>[]): Promise<void> {
  await batchWriteAll(items.map((Item) => ({ PutRequest: { Item } })));
}

/** Stores the parsed rows of an import in chunks; returns how many chunks. */
export async function putRows(userId: string, importId: string, rows: ImportRow[], now: Date): Promise<number> {
  const expiresAt = Math.floor(now.getTime() / 1000) + ROWS_TTL;
  const items = chunkByBytes(rows, CHUNK_BYTES).map((json, n) => ({ ...keys.importChunk(userId, importId, n), rows: json, expiresAt }));
  await batchPut(items);
  return items.length;
}

export async function getRows(userId: string, importId: string): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  const input = { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)', ExpressionAttributeValues: { ':pk': keys.importPartition(userId, importId), ':c': keys.importChunkPrefix }, ConsistentRead: true };
  for await (const page of queryPages(input)) {
    for (const item of page.items) rows.push(...(JSON.parse(String(item.rows)) as ImportRow[]));
  }
  return rows;
}

export function jobItem(userId: string, job: ImportJob) {
  return { ...keys.importJob(userId, job.importId), ...job };
}

/**
 * Records a new job with the event that queues its worker and any further items of the same all-or-nothing write
 * (an Idempotency-Key record). Answers false when a condition refused it (that key was stored meanwhile).
 */
export async function recordJob(userId: string, job: ImportJob, event: Envelope, alsoWrite: TxItem[] = []): Promise<boolean> {
  try {
    await transact([{ Put: { TableName: tableName(), Item: jobItem(userId, job) } }, outboxPut(event), ...alsoWrite]);
    return true;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return false;
  }
}

export async function getJob(userId: string, importId: string): Promise<ImportJob | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.importJob(userId, importId), ConsistentRead: true }));
  if (!out.Item) return undefined;
  const { pk: _pk, sk: _sk, ...job } = out.Item;
  return job as ImportJob;
}

export async function updateJob(userId: string, importId: string, changes: Partial<ImportJob>): Promise<void> {
  await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.importJob(userId, importId), ...updateExpression(changes) }));
}

/** The ids of every import job of a user (account erasure: each names a partition of parsed rows). */
export async function importIdsOf(userId: string): Promise<string[]> {
  const jobs = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':s': keys.importJobPrefix },
    ProjectionExpression: 'sk',
  });
  return jobs.map((job) => String(job.sk).slice(keys.importJobPrefix.length));
}

/**
 * Takes the account's import lease for an import: one import writes into an account at a time, so the second of
 * two concurrent imports of a file sees the first one's rows as duplicates. Held until released, or until
 * `seconds` pass (a worker that died). True when this import holds it (again) now.
 */
export async function acquireLease(userId: string, accountId: string, importId: string, now: Date, seconds: number): Promise<boolean> {
  return claimHold(keys.importLease(userId, accountId), importId, now, seconds);
}

/**
 * Claims an item that names the import holding it and expires after `seconds` (a worker that died frees it): true
 * when it was free, expired, or already this import's (which extends it). One conditional write, so two imports
 * racing for it cannot both get it. `extra` attributes are stored with it.
 */
export async function claimHold(key: Record<string, string>, importId: string, now: Date, seconds: number, extra: Record<string, unknown> = {}): Promise<boolean> {
  const at = Math.floor(now.getTime() / 1000);
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key, ...extra, importId, expiresAt: at + seconds },
        ConditionExpression: 'attribute_not_exists(pk) OR importId = :me OR expiresAt < :now',
        ExpressionAttributeValues: { ':me': importId, ':now': at },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Deletes a hold taken with {@link claimHold}, if `importId` still holds it. */
export async function releaseHold(key: Record<string, string>, importId: string): Promise<void> {
  await db()
    .send(new DeleteCommand({ TableName: tableName(), Key: key, ConditionExpression: 'importId = :me', ExpressionAttributeValues: { ':me': importId } }))
    .catch((e: unknown) => {
      if (!isConditionFailure(e)) throw e;
    });
}

/** Gives the lease back, if this import still holds it. */
export async function releaseLease(userId: string, accountId: string, importId: string): Promise<void> {
  await releaseHold(keys.importLease(userId, accountId), importId);
}

/** Stores the row-level report (duplicates and errors), replacing any earlier one of the same import. */
export async function putReport(userId: string, importId: string, duplicates: DuplicateReport[], errors: { row: number; message: string }[], now: Date): Promise<void> {
  const expiresAt = Math.floor(now.getTime() / 1000) + REPORT_TTL;
  const entries = [...duplicates.map((d) => ({ k: 'd', ...d })), ...errors.map((e) => ({ k: 'e', ...e }))];
  const chunks = chunkByBytes(entries, CHUNK_BYTES);
  if (chunks.length === 0) chunks.push('[]');
  const items = chunks.map((json, n) => ({ ...keys.importReport(userId, importId, n), entries: json, expiresAt }));
  await batchPut(items);
}

export async function getReport(userId: string, importId: string): Promise<{ duplicates: DuplicateReport[]; errors: { row: number; message: string }[] }> {
  const duplicates: DuplicateReport[] = [];
  const errors: { row: number; message: string }[] = [];
  const input = { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)', ExpressionAttributeValues: { ':pk': keys.importPartition(userId, importId), ':r': keys.importReportPrefix } };
  for await (const page of queryPages(input)) {
    for (const item of page.items) {
      for (const e of JSON.parse(String(item.entries)) as ({ k: 'd' } & DuplicateReport | { k: 'e'; row: number; message: string })[]) {
        if (e.k === 'd') duplicates.push({ row: e.row, transactionId: e.transactionId, duplicateOfRow: e.duplicateOfRow, reason: e.reason, ...(e.matched ? { matched: e.matched } : {}) });
        else errors.push({ row: e.row, message: e.message });
      }
    }
  }
  return { duplicates: duplicates.sort((a, b) => a.row - b.row), errors: errors.sort((a, b) => a.row - b.row) };
}
