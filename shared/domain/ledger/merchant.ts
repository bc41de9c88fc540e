/**
 * Bank descriptions are noisy: the same coffee shop shows as `POS PURCHASE STARBUCKS STORE #12345 SEATTLE WA`
 * one day and `CARD PURCHASE 01/15 STARBUCKS #1234 SEATTLE WA CARD 4821` the next. These functions reduce a
 * description to what stays the same, for duplicate detection and for "top merchants".
 *
 * - {@link normaliseDescription} drops the noise (card numbers, dates, times, references, store numbers,
 *   punctuation, payment-method boilerplate) and keeps every word, so the text stays recognisable.
 * - {@link merchantKey} goes further and keeps only the merchant's name: it cuts at the first reference or store
 *   number or company-form word (`GmbH`, `Inc`), drops payment-processor prefixes (`SQ *`, `PAYPAL *`) and a
 *   trailing US state code.
 *
 * Both are pure and deterministic; neither adds words that were not in the description (aliases aside).
 */

/** A cut marker: where noise was removed. merchantKey keeps only what precedes the first one. */
const CUT = ' \uE000 ';

const MONTHS = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|fevr|mars|avr|mai|juin|juil|aout|okt|dez|mrt|ene|abr|ago|dic)';
const PREP = '(?:(?:on|am|le|el|op|du|vom|del|dd)\\s+)?';

// The tables are built in pure thunks (as in ../money/currencies.ts): a bundle that imports this module without calling
// it (through the ledger or analytics index) leaves them out; esbuild keeps any other call at module level.

/** Noise patterns on folded text, each replaced by a cut. Order matters: the specific before the general. */
const NOISE: readonly RegExp[] = /*#__PURE__*/ (() => [
  // SEPA structured fields (EREF+…, MREF+…, CRED+…) with their values; IBAN/BIC values.
  /\b(?:eref|mref|cred|kref|pref|iban|bic|abwa|abwe)\s*[+:]\s*\S*/g,
  /\b[a-z]{2}\d{2}(?:\s?[a-z0-9]{4}){3,7}(?:\s?[a-z0-9]{1,3})?\b/g,
  // Masked or full card numbers: 5402xxxxxxxx1234, ****1234, xxxx-xxxx-xxxx-1234, •••• 1234.
  /\d{0,6}(?:[x*•]{4,}[\s-]?)+\d{0,6}/g,
  /\b(?:card|carte|karte|kartennr|pas|tarjeta|tarj|cc)\s*(?:ending(?:\s+in)?|no|nr|num|#)?\s*[:.#]?\s*\d+\b/g,
  // ISO date-times, numeric dates (31.01.2024, 01/31/24, 15-01, 15.01.24/12.34), times, month-name dates.
  new RegExp(`\\b${PREP}\\d{4}-\\d{2}-\\d{2}(?:t\\d{2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?z?)?`, 'g'),
  new RegExp(`\\b${PREP}\\d{1,2}[./-]\\d{1,2}(?:[./-]\\d{2,4})?(?:\\s*(?:/|um)?\\s*\\d{1,2}[:.h]\\d{2}(?::\\d{2})?(?:\\s*uhr)?)?\\b`, 'g'),
  /\b(?:um\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*uhr)?\b/g,
  new RegExp(`\\b${PREP}\\d{1,2}\\s?${MONTHS}[a-z]*\\.?(?:\\s?\\d{2,4})?\\b`, 'g'),
  new RegExp(`\\b${PREP}${MONTHS}[a-z]*\\.?\\s?\\d{1,2}(?:,?\\s\\d{4})?\\b`, 'g'),
  // Labelled references: REF 123, Ref: AB-12, order #123, NR:ABC123, auth code 123456, mandate 12…
  /\b(?:ref|refs|reference|referenz|referencia|nr|no|num|id|txn|trace|trn|auth|authcode|conf|confirmation|order|invoice|inv|rechnung|mandat|mandate|mandatsref|transaction|seq|terminal|term|tid|beleg|kundennr)\b\.?\s*(?:no\.?|nr\.?|number|code|id|#)?\s*[:#.]?\s*[a-z0-9/-]*\d[a-z0-9/-]*/g,
  // Payment-processor reference after a star: AMZN Mktp US*2K4L12345, Amazon.de*AB12CD34E.
  /\*\s?[a-z0-9]*\d[a-z0-9]*/g,
  // Phone numbers and long spaced digit runs; #-numbers (store numbers).
  /\b\+?\d[\d\s().-]{7,}\d/g,
  /#\s*\d+/g,
])();

/** Boilerplate of payment methods and statement formats, removed wherever they appear. */
const BOILERPLATE_PHRASES: readonly string[] = [
  'purchase authorized on',
  'purchase authorized',
  'recurring payment authorized on',
  'recurring payment authorized',
  'authorized on',
  'debit card purchase',
  'debit card payment',
  'card purchase',
  'card payment to',
  'card payment',
  'pos purchase',
  'pos debit',
  'pos',
  'visa debit',
  'visa',
  'mastercard',
  'maestro',
  'checkcard',
  'check card',
  'dbt crd',
  'debit card',
  'contactless',
  'direct debit payment to',
  'direct debit',
  'ach debit',
  'ach',
  'bill payment',
  'purchase',
  'recurring',
  'sepa lastschrift',
  'sepalastschrift',
  'sepa basislastschrift',
  'basislastschrift',
  'folgelastschrift',
  'erstlastschrift',
  'lastschrift',
  'ec kartenzahlung',
  'eckartenzahlung',
  'kartenzahlung',
  'girocard',
  'kartenzahlung girocard',
  'svwz',
  'um',
  'uhr',
  'paiement par carte',
  'paiement cb',
  'paiement',
  'carte',
  'cb',
  'prlv sepa',
  'prlv',
  'prelevement',
  'bea',
  'betaalpas',
  'betaalautomaat',
  'gea',
  'geldautomaat',
  'ideal',
  'compra tarjeta',
  'compra tarj',
  'compra',
  'pago con tarjeta',
  'pago',
];

/** The boilerplate as token sequences. */
const BOILERPLATE: readonly string[][] = /*#__PURE__*/ (() => BOILERPLATE_PHRASES.map((phrase) => phrase.split(' ')))();

/** Boilerplate phrases by their first word, longest first, so a token is checked only against its own phrases. */
const BOILERPLATE_BY_WORD: ReadonlyMap<string, string[][]> = /*#__PURE__*/ (() => {
  const byWord = new Map<string, string[][]>();
  for (const phrase of [...BOILERPLATE].sort((x, y) => y.length - x.length)) {
    const first = phrase[0] ?? '';
    byWord.set(first, [...(byWord.get(first) ?? []), phrase]);
  }
  return byWord;
})();

/** Payment processors that prefix the merchant's name (`SQ *BLUE BOTTLE`, `PAYPAL *SPOTIFY`). */
const PROCESSOR_PREFIX = /\b(?:sq|tst|sp|pp|paypal|sumup|zettle|izettle|ic|py|lsp|ppl|sqsp|gglpay|google|apl|apple pay)\s?\*\s?/g;

/** Company-form words: the name ends before them. */
const LEGAL_FORMS = new Set(['inc', 'llc', 'ltd', 'limited', 'plc', 'corp', 'gmbh', 'ag', 'kg', 'ohg', 'ug', 'ev', 'sa', 'sas', 'sarl', 'sasu', 'srl', 'spa', 'bv', 'nv', 'vof', 'sl', 'sll', 'slu', 'ab', 'as', 'oy', 'aps']);

/** Store-type words dropped from a merchant key (`TESCO STORES 3021` → `tesco`). */
const STORE_WORDS = new Set(['store', 'stores', 'str', 'filiale', 'fil', 'shop', 'nr', 'no']);

/** Abbreviations banks print for very common merchants. */
const ALIASES: Record<string, string> = { amzn: 'amazon', mktp: 'marketplace', mktplace: 'marketplace', wm: 'walmart' };

const US_STATES: ReadonlySet<string> = /*#__PURE__*/ (() =>
  new Set('al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy'.split(' ')))();

/** A host name (`netflix.com`, `help.uber.com/bill`): at the start it names the merchant, elsewhere it is noise. */
const HOST = /\b(?:www\.)?(?:[a-z0-9-]+\.)+(?:com|net|org|de|fr|nl|es|it|be|at|ch|eu|io|co\.uk|uk|ie|lu|se|dk|no|pl|tv|app)\b(?:\/\S*)?/g;

/** The label before the public suffix: `www.amazon.co.uk/x` → `amazon`. */
function registrable(host: string): string {
  const labels = host.replace(/\/.*$/, '').replace(/^www\./, '').replace(/\.co\.uk$/, '.uk').split('.');
  return ` ${labels[labels.length - 2] ?? ''} `;
}

/** Lower case without accents: `Café Müller` → `cafe muller`, `Straße` → `strasse`. */
function fold(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd');
}

/** The token list of a description, with `CUT` tokens (`\uE000`) where noise was. */
function tokens(text: string): string[] {
  let s = fold(String(text ?? '')).slice(0, 1000).replace(/\uE000/g, ' ');
  s = s.replace(PROCESSOR_PREFIX, ' ');
  for (const re of NOISE) {
    // Testing first is cheaper than a replace that finds nothing, which is the usual case.
    re.lastIndex = 0;
    if (re.test(s)) s = s.replace(re, CUT);
  }
  // Each join is tried only when its character is there: most descriptions have none of them.
  if (/['’`´]/.test(s)) s = s.replace(/(\p{L})['’`´](\p{L})/gu, '$1$2'); // mcdonald's
  if (s.includes('&')) s = s.replace(/(\p{L})&(\p{L})/gu, '$1$2'); // h&m, at&t
  if (s.includes('-')) s = s.replace(/([\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu, '$1'); // wal-mart, 7-eleven
  if (s.includes('.')) s = s.replace(HOST, (host: string, offset: number, whole: string) => (whole.slice(0, offset).trim() === '' ? registrable(host) : CUT));
  s = s.replace(/[^\p{L}\p{N}\uE000]+/gu, ' ');
  const out: string[] = [];
  for (const t of s.split(' ')) {
    if (t === '') continue;
    if (t === '\uE000') {
      out.push(t);
      continue;
    }
    const digits = t.replace(/\D/g, '').length;
    // Keep short numbers and names with one digit (24 hour fitness, 7eleven, o2); anything else with digits is
    // a store number, a reference or an amount.
    if (digits === 0 || /^\d{1,2}$/.test(t) || (digits === 1 && t.length >= 2)) out.push(t);
    else out.push('\uE000');
  }
  return removeBoilerplate(out);
}

function removeBoilerplate(list: string[]): string[] {
  // Removing a phrase can bring two words of another together ("check visa card"): repeat until stable.
  let current = list;
  for (let pass = 0; pass < 4; pass++) {
    const next = removeOnce(current);
    if (next.length === current.length) return next;
    current = next;
  }
  return current;
}

function removeOnce(list: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; ) {
    const phrase = BOILERPLATE_BY_WORD.get(list[i] ?? '')?.find((p) => p.every((word, k) => list[i + k] === word));
    if (phrase) {
      i += phrase.length;
      continue;
    }
    out.push(list[i] ?? '');
    i++;
  }
  return out;
}

/**
 * A description with the noise removed: lower case, no accents, no punctuation, no card numbers, dates, times,
 * reference or store numbers, and no payment-method boilerplate (`POS`, `CARD PURCHASE`, `Kartenzahlung`,
 * `PAIEMENT PAR CARTE`, `BEA`…). Words are kept (`starbucks seattle wa`).
 */
export function normaliseDescription(text: string): string {
  return tokens(text)
    .filter((t) => t !== '\uE000')
    .join(' ');
}

/**
 * The merchant's name out of a bank description, for duplicate detection and "top merchants":
 * `POS PURCHASE STARBUCKS STORE #12345 SEATTLE WA` → `starbucks`,
 * `SEPA-Lastschrift Vodafone GmbH EREF+123` → `vodafone`, `PAYPAL *SPOTIFY 4029357733 LU` → `spotify`.
 * Falls back to {@link normaliseDescription} when nothing would be left.
 */
export function merchantKey(text: string): string {
  const all = tokens(text);
  // Skip leading noise, then keep words up to the next cut.
  let start = 0;
  while (start < all.length && all[start] === '\uE000') start++;
  let words: string[] = [];
  for (let i = start; i < all.length && all[i] !== '\uE000'; i++) words.push(all[i] ?? '');
  const legal = words.findIndex((w, i) => i > 0 && LEGAL_FORMS.has(w));
  if (legal > 0) words = words.slice(0, legal);
  words = words.map((w) => (Object.hasOwn(ALIASES, w) ? (ALIASES[w] ?? w) : w));
  const named = words.filter((w, i) => i === 0 || !STORE_WORDS.has(w));
  if (named.length >= 3 && US_STATES.has(named[named.length - 1] ?? '')) named.pop();
  const key = named.join(' ');
  return key !== '' ? key : normaliseDescription(text);
}
