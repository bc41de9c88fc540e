import { epochDayOf } from '../ledger/calendar';
import { merchantKey } from '../ledger/merchant';
import type { Minor } from '../money';

/**
 * Finding transactions of an import that are already in the ledger, or twice in the file.
 *
 * Amounts on both sides are signed from the account's point of view (negative = money out), like `ImportRow`;
 * map a ledger transaction with `signedAmount(tx, accountId)`.
 */

/** A row about to be imported. */
export interface DuplicateCandidate {
  row: number;
  date: string;
  amount: Minor;
  currency: string;
  description: string;
  bankId?: string;
  accountId?: string;
  /** `merchantKey(description)` when already known; computed otherwise. */
  merchantKey?: string;
}

/** A transaction already in the ledger. */
export interface ExistingTransaction {
  id: string;
  date: string;
  amount: Minor;
  currency: string;
  description: string;
  bankId?: string;
  accountId?: string;
  /**
   * `merchantKey(description)` as stored with the transaction. Storing it when a transaction is written (it also
   * serves "top merchants") saves recomputing it for every existing transaction at each import.
   */
  merchantKey?: string;
}

/** One candidate found to be a duplicate. */
export interface DuplicateMatch {
  row: number;
  duplicateOf: { kind: 'existing'; id: string } | { kind: 'file'; row: number };
  /** For the person importing: `same bank id (FITID 123)` or `same amount, date within 2 days and same description`. */
  reason: string;
  /** The rule that matched. */
  rule: 'bank-id' | 'amount-date-description';
  /** Days between the two dates (0 for the bank-id rule when dates agree). */
  days: number;
}

/** Options of {@link findDuplicates}. */
export interface DuplicateOptions {
  /** How far apart two dates may be for the amount–date–description rule (default 3). */
  windowDays?: number;
}

interface Entry {
  day: number;
  id: string;
  bankId?: string;
  accountId: string;
  used: boolean;
}

const SEP = '\u0000';

/**
 * For each candidate that duplicates an existing transaction or an earlier row of the same file, the match
 * and why. Candidates are matched in file order:
 *
 * 1. same bank id (FITID) as an existing transaction of the same account, or as an earlier row;
 * 2. same amount and currency, dates at most `windowDays` (3) apart and the same {@link merchantKey} as an
 *    existing transaction (the closest date wins; each existing transaction absorbs at most one candidate);
 * 3. an earlier row of the file with the same date, amount, currency and merchant key (a repeated line).
 *
 * Two transactions of one account that both carry bank ids and the ids differ are never duplicates: the bank says
 * they are distinct (two identical coffees on the same day).
 *
 * Hashed: bank ids in a map, the rest bucketed by (amount, currency, merchant key) and sorted by date, so 50,000
 * candidates against 100,000 transactions take O((n + m) log(n + m)); pass stored merchant keys to skip the text
 * normalisation of the existing side.
 */
export function findDuplicates(candidates: readonly DuplicateCandidate[], existing: readonly ExistingTransaction[], options: DuplicateOptions = {}): DuplicateMatch[] {
  const window = options.windowDays ?? 3;
  const keyOf = merchantKeys();
  const ledger = indexExisting(existing, keyOf);
  const file: FileIndex = { bankIds: new Map(), rows: new Map() };
  const matches: DuplicateMatch[] = [];
  for (const c of candidates) {
    const match = matchCandidate(c, ledger, file, keyOf, window);
    if (match) matches.push(match);
  }
  return matches;
}

type KeyOf = (item: { description: string; merchantKey?: string }) => string;

/** `merchantKey` of an item: the stored one, else computed once per distinct description. */
function merchantKeys(): KeyOf {
  const keys = new Map<string, string>();
  return (item) => {
    if (item.merchantKey !== undefined) return item.merchantKey;
    const description = item.description;
    let key = keys.get(description);
    if (key === undefined) {
      key = merchantKey(description);
      keys.set(description, key);
    }
    return key;
  };
}

/** The existing transactions by account and bank id, and bucketed by (amount, currency, merchant key) in date order. */
interface LedgerIndex {
  byBankId: Map<string, Entry>;
  buckets: Map<string, Entry[]>;
}

function indexExisting(existing: readonly ExistingTransaction[], keyOf: KeyOf): LedgerIndex {
  const byBankId = new Map<string, Entry>();
  const buckets = new Map<string, Entry[]>();
  for (const tx of existing) {
    const txDay = epochDayOf(tx.date);
    if (txDay === undefined) continue;
    const entry: Entry = { day: txDay, id: tx.id, accountId: tx.accountId ?? '', used: false };
    if (tx.bankId) {
      entry.bankId = tx.bankId;
      byBankId.set(entry.accountId + SEP + tx.bankId, entry);
    }
    const bucketKey = `${tx.amount}${SEP}${tx.currency}${SEP}${keyOf(tx)}`;
    const bucket = buckets.get(bucketKey);
    if (bucket) bucket.push(entry);
    else buckets.set(bucketKey, [entry]);
  }
  for (const bucket of buckets.values()) bucket.sort((a, b) => a.day - b.day);
  return { byBankId, buckets };
}

/** An earlier row of the file, as later rows compare with it. */
interface FileRow {
  row: number;
  bankId?: string;
  accountId: string;
}

/** The rows of the file seen so far: the first row of each account and bank id, and of each (amount, currency, merchant key, day). */
interface FileIndex {
  bankIds: Map<string, number>;
  rows: Map<string, FileRow>;
}

/** The match of one candidate by the rules of {@link findDuplicates}, in their order; records the row in `file`. */
function matchCandidate(c: DuplicateCandidate, ledger: LedgerIndex, file: FileIndex, keyOf: KeyOf, window: number): DuplicateMatch | undefined {
  const account = c.accountId ?? '';
  const candidateDay = epochDayOf(c.date);
  if (c.bankId) {
    const match = matchBankId(c.row, c.bankId, account, candidateDay, ledger, file);
    if (match) return match;
  }
  if (candidateDay === undefined) return undefined;
  return matchAmountDateDescription(c, account, candidateDay, keyOf(c), ledger, file, window);
}

/** Rule 1: the same bank id as an existing transaction of the account, or as an earlier row. */
function matchBankId(row: number, bankId: string, account: string, day: number | undefined, ledger: LedgerIndex, file: FileIndex): DuplicateMatch | undefined {
  const bankKey = account + SEP + bankId;
  const hit = ledger.byBankId.get(bankKey);
  if (hit) {
    hit.used = true;
    return { row, duplicateOf: { kind: 'existing', id: hit.id }, reason: `same bank id (FITID ${bankId})`, rule: 'bank-id', days: day !== undefined ? Math.abs(hit.day - day) : 0 };
  }
  const earlier = file.bankIds.get(bankKey);
  if (earlier !== undefined) {
    return { row, duplicateOf: { kind: 'file', row: earlier }, reason: `same bank id (FITID ${bankId})`, rule: 'bank-id', days: 0 };
  }
  file.bankIds.set(bankKey, row);
  return undefined;
}

/** Rules 2 and 3: the closest unused existing transaction of the same bucket within the window, else a repeated line. */
function matchAmountDateDescription(c: DuplicateCandidate, account: string, day: number, merchant: string, ledger: LedgerIndex, file: FileIndex, window: number): DuplicateMatch | undefined {
  // Both carry bank ids of the same account and the ids differ: the bank says they are distinct.
  const conflicts = (other: { bankId?: string; accountId: string }) => Boolean(c.bankId && other.bankId && other.accountId === account && other.bankId !== c.bankId);
  const rowKey = `${c.amount}${SEP}${c.currency}${SEP}${merchant}${SEP}${day}`;
  const earlier = file.rows.get(rowKey);
  if (!earlier) {
    const first: FileRow = { row: c.row, accountId: account };
    if (c.bankId) first.bankId = c.bankId;
    file.rows.set(rowKey, first);
  }
  const best = closestUnused(ledger.buckets.get(`${c.amount}${SEP}${c.currency}${SEP}${merchant}`), day, window, conflicts);
  if (best) {
    best.used = true;
    const days = Math.abs(best.day - day);
    return { row: c.row, duplicateOf: { kind: 'existing', id: best.id }, reason: reasonFor(days), rule: 'amount-date-description', days };
  }
  if (earlier && !conflicts(earlier)) {
    return { row: c.row, duplicateOf: { kind: 'file', row: earlier.row }, reason: reasonFor(0), rule: 'amount-date-description', days: 0 };
  }
  return undefined;
}

/** The entry of a date-sorted bucket closest to `day`, at most `window` days away, not used and not in conflict. */
function closestUnused(bucket: readonly Entry[] | undefined, day: number, window: number, conflicts: (e: Entry) => boolean): Entry | undefined {
  if (!bucket) return undefined;
  let best: Entry | undefined;
  for (let i = firstAtOrAfter(bucket, day - window); i < bucket.length; i++) {
    const entry = bucket[i];
    if (!entry || entry.day > day + window) break;
    if (entry.used || conflicts(entry)) continue;
    if (!best || Math.abs(entry.day - day) < Math.abs(best.day - day)) best = entry;
  }
  return best;
}

function reasonFor(days: number): string {
  return `same amount, date within ${days} day${days === 1 ? '' : 's'} and same description`;
}

/** Index of the first entry with `day >= from` in a bucket sorted by day. */
function firstAtOrAfter(bucket: readonly Entry[], from: number): number {
  let lo = 0;
  let hi = bucket.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bucket[mid]?.day ?? 0) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
