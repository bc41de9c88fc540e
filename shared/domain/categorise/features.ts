import { merchantKey, normaliseDescription } from '../ledger/merchant';

/** What the categoriser reads of a transaction. */
export interface CategoriseSubject {
  type: 'expense' | 'income' | 'transfer';
  /** Positive integer minor units. */
  amount: number;
  description: string;
}

/** Words shorter than this carry little (state codes, "de", "on") and are left out. */
const MIN_TOKEN = 2;
/** A description contributes at most this many word features (a long memo would otherwise dominate). */
const MAX_TOKENS = 12;

/**
 * The magnitude of an amount in half-decades of minor units (`floor(2·log10(amount))`): 1.00–3.16 and 3.17–9.99
 * fall in different buckets, so a coffee and a rent never share one, while a few cents of difference rarely move one.
 */
export function amountBucket(amount: number): number {
  if (!(amount > 0)) return 0;
  return Math.floor(2 * Math.log10(amount));
}

/**
 * The features of a transaction, de-duplicated, in a stable order: `w:<word>` for each normalised description word
 * (at most {@link MAX_TOKENS}), `m:<merchant key>`, `a:<type>:<amount bucket>` and `t:<type>`. Pure and
 * deterministic.
 */
export function featuresOf(t: CategoriseSubject): string[] {
  const words = normaliseDescription(t.description)
    .split(' ')
    .filter((w) => w.length >= MIN_TOKEN && !/^\d+$/.test(w));
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      out.push(f);
    }
  };
  for (const w of words) {
    if (seen.size >= MAX_TOKENS) break;
    add(`w:${w}`);
  }
  const merchant = merchantKey(t.description);
  if (merchant) add(`m:${merchant.slice(0, 60)}`);
  add(`a:${t.type}:${amountBucket(t.amount)}`);
  add(`t:${t.type}`);
  return out;
}

/** The words of a description as the lexicon sees them (normalised, de-duplicated). */
export function wordsOf(description: string): string[] {
  return [...new Set(normaliseDescription(description).split(' ').filter((w) => w.length >= MIN_TOKEN))];
}
