import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { ledgerEventsByUser, settleEachUser } from '../async/ledger-batch';
import type { TransactionSnapshot } from '../../events/transaction-changed';
import { emptyModel, featuresOf, learn, pruneModel, type CategoryModel } from '../domain/categorise';
import * as store from '../adapters/category-model';
import type { Contribution } from '../ports/category-model';

/** Attempts at one user's write when other writers move the model meanwhile. */
const MAX_ATTEMPTS = 6;
/** Contributions per write (one TransactWriteItems holds 100 items: the model besides, and room to spare). */
const PER_WRITE = 90;

/**
 * The label a transaction teaches: its category when the user chose it (`user`) or their file named it (`import`).
 * Not the model's own predictions (it would only reinforce its mistakes), and not rules' (a rule already decides
 * those transactions, and learning them would keep applying a rule the user has since deleted). Splits and
 * transfers teach nothing.
 */
export function labelOf(t: TransactionSnapshot | null): string | null {
  if (!t || !t.categoryId || t.splits || t.type === 'transfer') return null;
  return t.categorySource === 'user' || t.categorySource === 'import' ? t.categoryId : null;
}

interface Change {
  transactionId: string;
  version: number;
  deleted: boolean;
  label: string | null;
  features: string[];
}

function changeOf(data: LedgerData): Change {
  const last = (data.after ?? data.before) as TransactionSnapshot;
  const label = labelOf(data.after);
  return { transactionId: data.transactionId, version: last.version, deleted: data.after === null, label, features: label && data.after ? featuresOf(data.after) : [] };
}

type LedgerData = { transactionId: string; before: TransactionSnapshot | null; after: TransactionSnapshot | null };

const sameFeatures = (a: TransactionSnapshot, b: TransactionSnapshot) => featuresOf(a).join('\n') === featuresOf(b).join('\n');

/**
 * Whether an event leaves what its transaction teaches as it was: an edit of its date, notes, tags or account, of its
 * amount within its bucket, its FX conversion, a rule's or the model's label replaced by another, the delete of a
 * transaction that taught nothing. Such an event needs no write (no read either): each event carries the version
 * before it, so the latest version that changed the teaching teaches what the latest version does, and the model
 * ends the same with or without these events, in any order of delivery.
 */
export function teachesSame(data: LedgerData): boolean {
  if (!data.before) return false;
  const label = labelOf(data.after);
  if (label !== labelOf(data.before)) return false;
  return label === null || (data.after !== null && sameFeatures(data.before, data.after));
}

/** Whether `c` is older than (or the same as) what the transaction last taught: a duplicate or late delivery. */
function isStale(c: Change, seen: Contribution | undefined): boolean {
  if (!seen) return false;
  if (seen.version !== c.version) return seen.version > c.version;
  return seen.deleted || !c.deleted;
}

/**
 * Applies the changes of one user's transactions to their model, in place, and returns the contributions to store.
 * Each transaction's previous contribution is taken back before its new one is added, so a correction moves the
 * counts from the old label to the new, and a stale or repeated event changes nothing.
 */
export function applyChanges(model: CategoryModel, changes: Change[], seen: Map<string, Contribution>): Map<string, Contribution> {
  const out = new Map<string, Contribution>();
  for (const c of changes) {
    const before = out.get(c.transactionId) ?? seen.get(c.transactionId);
    if (isStale(c, before)) continue;
    // A first version that teaches nothing needs no record (no event of it can be older); any later one is recorded,
    // so an older event delivered after it is recognised as stale.
    if (!before && !c.label && c.version <= 1 && !c.deleted) continue;
    if (before?.categoryId) learn(model, before.features, before.categoryId, -1);
    if (c.label) learn(model, c.features, c.label, 1);
    out.set(c.transactionId, { version: c.version, categoryId: c.label, features: c.label ? c.features : [], deleted: c.deleted });
  }
  pruneModel(model);
  return out;
}

async function learnForUser(userId: string, changes: Change[], now: Date): Promise<void> {
  // Per transaction, its changes in version order (a delete after the update of the same version).
  const ordered = [...changes].sort((a, b) => (a.transactionId < b.transactionId ? -1 : a.transactionId > b.transactionId ? 1 : a.version - b.version || Number(a.deleted) - Number(b.deleted)));
  for (let i = 0; i < ordered.length; i += PER_WRITE) {
    const part = ordered.slice(i, i + PER_WRITE);
    for (let attempt = 1; ; attempt++) {
      const [stored, seen] = await Promise.all([store.getCategoryModel(userId), store.getContributions(userId, part.map((c) => c.transactionId))]);
      const model = stored?.model ?? emptyModel();
      const contributions = applyChanges(model, part, seen);
      if (contributions.size === 0) break;
      const result = await store.saveLearning(userId, model, stored?.rev ?? 0, contributions, now);
      if (result !== 'conflict') break;
      if (attempt >= MAX_ATTEMPTS) throw new Error(`The categoriser of user ${userId} kept changing under ${MAX_ATTEMPTS} attempts; the batch is retried.`);
      await new Promise((r) => setTimeout(r, Math.random() * 50 * attempt));
    }
  }
}

/**
 * `categoriser` queue: ledger events → each user's learned categoriser, trained incrementally from the transactions
 * whose category the user chose or their file named. Exact under duplicate and reordered delivery: each transaction's
 * contribution (label, features, version) is stored in the same write as the model, which is conditional on the
 * model's revision, so a repeated event finds it already counted and an older one is ignored. The batch is grouped
 * by user (one read and one transaction per user and batch); an event that changes nothing the transaction teaches
 * is acknowledged without either ({@link teachesSame}).
 */
export async function learnFromEvents(records: SQSRecord[], now = new Date()): Promise<SQSBatchResponse> {
  const { byUser, poison } = ledgerEventsByUser(records);
  const failures = [...poison];
  await settleEachUser(byUser, failures, 'Learning', async (userId, events) => {
    const changes = events.filter(({ event }) => !teachesSame(event.data)).map(({ event }) => changeOf(event.data));
    if (changes.length > 0) await learnForUser(userId, changes, now);
  });
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}

