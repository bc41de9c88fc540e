import type { Envelope } from '../../events/envelope';
import type * as Balances from '../adapters/import-balances';
import type * as Jobs from '../adapters/imports';
import type { DuplicateReport, ImportJob } from '../adapters/imports';
import type * as Slot from '../adapters/import-slot';
import type { TransactionRecord } from '../adapters/ledger';
import type { AnyBalanceDeltas } from '../domain/balances';
import type { ImportRow } from '../domain/import';

type Report = { duplicates: DuplicateReport[]; errors: { row: number; message: string }[] };

/** Import jobs, their parsed rows and reports, and the lease an import holds on the account it writes into. */
export interface ImportJobsPort {
  putRows(userId: string, importId: string, rows: ImportRow[], now: Date): Promise<number>;
  getRows(userId: string, importId: string): Promise<ImportRow[]>;
  putReport(userId: string, importId: string, duplicates: DuplicateReport[], errors: Report['errors'], now: Date): Promise<void>;
  getReport(userId: string, importId: string): Promise<Report>;
  /**
   * Records a new job with the event that queues its worker, all or nothing; false if refused. `alsoWrite` carries
   * the Idempotency-Key record, opaque here (it leaves this port when idempotency moves into the handler factory).
   */
  recordJob(userId: string, job: ImportJob, event: Envelope, alsoWrite?: never[]): Promise<boolean>;
  getJob(userId: string, importId: string): Promise<ImportJob | undefined>;
  updateJob(userId: string, importId: string, changes: Partial<ImportJob>): Promise<void>;
  acquireLease(userId: string, accountId: string, importId: string, now: Date, seconds: number): Promise<boolean>;
  releaseLease(userId: string, accountId: string, importId: string): Promise<void>;
}

/** The user's one queued-or-running import. */
export interface ImportSlotPort {
  claimImportSlot(userId: string, importId: string, now: Date, seconds: number): Promise<boolean>;
  importSlotHolder(userId: string, now: Date): Promise<string | undefined>;
  releaseImportSlot(userId: string, importId: string): Promise<void>;
}

/** Writing an import's groups with their balance changes, and folding the deferred ones into the accounts. */
export interface ImportWritesPort {
  /** False when a condition refused the group: already written, or (direct) the account is gone. */
  writeImportGroup(userId: string, importId: string, group: TransactionRecord[], deltas: AnyBalanceDeltas, direct: boolean, now: Date): Promise<boolean>;
  foldImportDeltas(userId: string, importId: string, now: Date): Promise<number>;
}

/** Compile-time proof that the DynamoDB adapters implement the ports (tests/support/memory/imports.ts does too). */
export const importAdaptersImplementPorts: [typeof Jobs extends ImportJobsPort ? true : never, typeof Slot extends ImportSlotPort ? true : never, typeof Balances extends ImportWritesPort ? true : never] = [true, true, true];
