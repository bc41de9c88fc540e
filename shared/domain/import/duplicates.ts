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
  const keys = new Map<string, string>();
  const keyOf = (item: { description: string; merchantKey?: string }) => {
    if (item.merchantKey !== undefined) return item.merchantKey;
    const description = item.description;
    let key = keys.get(description);
    if (key === undefined) {
      key = merchantKey(description);
      keys.set(description, key);
    }
    return key;
  };

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

  const matches: DuplicateMatch[] = [];
  const fileBankIds = new Map<string, number>();
  const fileRows = new Map<string, { row: number; bankId?: string; accountId: string }>();
  for (const c of candidates) {
    const account = c.accountId ?? '';
    const candidateDay = epochDayOf(c.date);
    const valid = candidateDay !== undefined;
    const day = candidateDay ?? 0;

    if (c.bankId) {
      const bankKey = account + SEP + c.bankId;
      const hit = byBankId.get(bankKey);
      if (hit) {
        hit.used = true;
        matches.push({ row: c.row, duplicateOf: { kind: 'existing', id: hit.id }, reason: `same bank id (FITID ${c.bankId})`, rule: 'bank-id', days: valid ? Math.abs(hit.day - day) : 0 });
        continue;
      }
      const earlier = fileBankIds.get(bankKey);
      if (earlier !== undefined) {
        matches.push({ row: c.row, duplicateOf: { kind: 'file', row: earlier }, reason: `same bank id (FITID ${c.bankId})`, rule: 'bank-id', days: 0 });
        continue;
      }
      fileBankIds.set(bankKey, c.row);
    }
    if (!valid) continue;

    const merchant = keyOf(c);
    const conflicts = (other: { bankId?: string; accountId: string }) => Boolean(c.bankId && other.bankId && other.accountId === account && other.bankId !== c.bankId);
    const rowKey = `${c.amount}${SEP}${c.currency}${SEP}${merchant}${SEP}${day}`;
    const earlier = fileRows.get(rowKey);
    if (!earlier) {
      const first: { row: number; bankId?: string; accountId: string } = { row: c.row, accountId: account };
      if (c.bankId) first.bankId = c.bankId;
      fileRows.set(rowKey, first);
    }

    const bucket = buckets.get(`${c.amount}${SEP}${c.currency}${SEP}${merchant}`);
    if (bucket) {
      let best: Entry | undefined;
      for (let i = firstAtOrAfter(bucket, day - window); i < bucket.length; i++) {
        const entry = bucket[i];
        if (!entry || entry.day > day + window) break;
        if (entry.used || conflicts(entry)) continue;
        if (!best || Math.abs(entry.day - day) < Math.abs(best.day - day)) best = entry;
      }
      if (best) {
        best.used = true;
        const days = Math.abs(best.day - day);
        matches.push({ row: c.row, duplicateOf: { kind: 'existing', id: best.id }, reason: reasonFor(days), rule: 'amount-date-description', days });
        continue;
      }
    }

    if (earlier && !conflicts(earlier)) {
      matches.push({ row: c.row, duplicateOf: { kind: 'file', row: earlier.row }, reason: reasonFor(0), rule: 'amount-date-description', days: 0 });
    }
  }
  return matches;
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
