import type { Envelope } from '../../../events/envelope';
import type { AnyBalanceDeltas } from '../../../shared/domain/balances';
import type { ImportRow } from '../../../shared/domain/import';
import type { DuplicateReport, ImportJob } from '../../../shared/adapters/imports';
import type { TransactionRecord } from '../../../shared/adapters/ledger';
import type { ImportJobsPort, ImportSlotPort, ImportWritesPort } from '../../../shared/ports/imports';
import { memory as ledger } from './ledger';

/**
 * In-memory import storage for unit tests of shared/use-cases/imports.ts: the jobs, their parsed rows and reports,
 * the account leases and the user's import slot (shared/adapters/imports.ts and import-slot.ts), and the group
 * writes with their balance changes (import-balances.ts) into the in-memory ledger (./ledger.ts), all or nothing
 * as TransactWriteItems is. `afterGroup` runs after each group written (a test moves the clock there).
 */
export const memory = {
  jobs: new Map<string, ImportJob>(),
  rows: new Map<string, ImportRow[]>(),
  reports: new Map<string, { duplicates: DuplicateReport[]; errors: { row: number; message: string }[] }>(),
  outbox: [] as Envelope[],
  leases: new Map<string, string>(),
  slots: new Map<string, string>(),
  /** accountId → currency → balance, and the deltas of groups not yet folded. */
  balances: new Map<string, Map<string, bigint>>(),
  pendingDeltas: [] as AnyBalanceDeltas[],
  groupsWritten: 0,
  afterGroup: (() => undefined) as () => void,
  reset(accounts: string[] = []): void {
    this.jobs = new Map();
    this.rows = new Map();
    this.reports = new Map();
    this.outbox = [];
    this.leases = new Map();
    this.slots = new Map();
    this.balances = new Map(accounts.map((a) => [a, new Map()]));
    this.pendingDeltas = [];
    this.groupsWritten = 0;
    this.afterGroup = () => undefined;
  },
  balanceOf(accountId: string, currency: string): number {
    return Number(this.balances.get(accountId)?.get(currency) ?? 0n);
  },
};

const id = (userId: string, importId: string) => `${userId}/${importId}`;

// shared/adapters/imports.ts
export async function putRows(userId: string, importId: string, rows: ImportRow[]): Promise<number> {
  memory.rows.set(id(userId, importId), structuredClone(rows));
  return Math.max(1, Math.ceil(rows.length / 500));
}
export async function getRows(userId: string, importId: string): Promise<ImportRow[]> {
  return structuredClone(memory.rows.get(id(userId, importId)) ?? []);
}
export async function putReport(userId: string, importId: string, duplicates: DuplicateReport[], errors: { row: number; message: string }[]): Promise<void> {
  memory.reports.set(id(userId, importId), structuredClone({ duplicates, errors }));
}
export async function getReport(userId: string, importId: string) {
  return structuredClone(memory.reports.get(id(userId, importId)) ?? { duplicates: [], errors: [] });
}
export async function recordJob(userId: string, job: ImportJob, event: Envelope): Promise<boolean> {
  memory.jobs.set(id(userId, job.importId), structuredClone(job));
  memory.outbox.push(event);
  return true;
}
export async function getJob(userId: string, importId: string): Promise<ImportJob | undefined> {
  const job = memory.jobs.get(id(userId, importId));
  return job && structuredClone(job);
}
export async function updateJob(userId: string, importId: string, changes: Partial<ImportJob>): Promise<void> {
  const job = memory.jobs.get(id(userId, importId));
  if (job) memory.jobs.set(id(userId, importId), { ...job, ...changes });
}
export async function acquireLease(userId: string, accountId: string, importId: string): Promise<boolean> {
  const holder = memory.leases.get(id(userId, accountId));
  if (holder && holder !== importId) return false;
  memory.leases.set(id(userId, accountId), importId);
  return true;
}
export async function releaseLease(userId: string, accountId: string, importId: string): Promise<void> {
  if (memory.leases.get(id(userId, accountId)) === importId) memory.leases.delete(id(userId, accountId));
}

// shared/adapters/import-slot.ts
export async function claimImportSlot(userId: string, importId: string): Promise<boolean> {
  const holder = memory.slots.get(userId);
  if (holder && holder !== importId) return false;
  memory.slots.set(userId, importId);
  return true;
}
export async function importSlotHolder(userId: string): Promise<string | undefined> {
  return memory.slots.get(userId);
}
export async function releaseImportSlot(userId: string, importId: string): Promise<void> {
  if (memory.slots.get(userId) === importId) memory.slots.delete(userId);
}

// shared/adapters/import-balances.ts
function addTo(deltas: AnyBalanceDeltas): void {
  for (const [accountId, d] of deltas) {
    const balances = memory.balances.get(accountId);
    if (!balances) continue;
    for (const [currency, amount] of d.currencies) balances.set(currency, (balances.get(currency) ?? 0n) + BigInt(amount));
  }
}
export async function writeImportGroup(userId: string, _importId: string, group: TransactionRecord[], deltas: AnyBalanceDeltas, direct: boolean): Promise<boolean> {
  if (group.some((t) => ledger.txs.has(`${userId}/${t.id}`))) return false;
  if (direct && [...deltas.keys()].some((a) => !memory.balances.has(a))) return false;
  for (const t of group) ledger.txs.set(`${userId}/${t.id}`, structuredClone(t));
  if (direct) addTo(deltas);
  else memory.pendingDeltas.push(deltas);
  memory.groupsWritten++;
  memory.afterGroup();
  return true;
}
export async function foldImportDeltas(): Promise<number> {
  const n = memory.pendingDeltas.length;
  for (const d of memory.pendingDeltas.splice(0)) addTo(d);
  return n;
}

export const importsMemoryImplementsPorts: ImportJobsPort & ImportSlotPort & ImportWritesPort = {
  putRows, getRows, putReport, getReport, recordJob, getJob, updateJob, acquireLease, releaseLease,
  claimImportSlot, importSlotHolder, releaseImportSlot, writeImportGroup, foldImportDeltas,
};
