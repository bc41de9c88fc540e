import { isCurrency } from '../money';
import { clipText } from './limits';

/** Longer cells are no column names: only their start is compared, which bounds the work per cell. */
const MAX_HEADER_LENGTH = 200;

/**
 * Column names banks use, in English, German, French, Dutch and Spanish, normalised by {@link normaliseHeader}
 * (lower case, no accents, no punctuation, no currency in brackets). Within one field, earlier names win: the
 * booking date before the value date, a description before a reference.
 */
export const HEADER_SYNONYMS = {
  date: [
    'date', 'transaction date', 'trans date', 'txn date', 'posting date', 'posted date', 'post date', 'booking date', 'completed date', 'started date', 'date posted',
    'datum', 'buchungstag', 'buchungsdatum', 'buchung', 'transaktionsdatum', 'umsatzdatum', 'belegdatum',
    'date operation', 'date de l operation', 'date de operation', 'date comptable', 'date de comptabilisation', 'date op',
    'transactiedatum', 'boekdatum', 'boekingsdatum', 'datum transactie',
    'fecha', 'fecha operacion', 'fecha de operacion', 'fecha contable', 'f operacion',
    'value date', 'valuta', 'valutadatum', 'wertstellung', 'wertstellungsdatum', 'date valeur', 'date de valeur', 'rentedatum', 'fecha valor',
  ],
  amount: [
    'amount', 'transaction amount', 'amt', 'value', 'sum', 'net amount',
    'betrag', 'umsatz', 'buchungsbetrag', 'umsatzbetrag',
    'montant', 'montant operation', 'montant de l operation',
    'bedrag', 'transactiebedrag',
    'importe', 'monto', 'cantidad',
  ],
  debit: [
    'debit', 'debit amount', 'debits', 'withdrawal', 'withdrawals', 'withdrawal amount', 'money out', 'paid out', 'out', 'outflow', 'spent',
    'soll', 'ausgang', 'ausgaben', 'belastung', 'lastschrift betrag',
    'montant debit', 'debit euros', 'debit eur',
    'af', 'debet',
    'cargo', 'cargos', 'debe', 'adeudo',
  ],
  credit: [
    'credit', 'credit amount', 'credits', 'deposit', 'deposits', 'deposit amount', 'money in', 'paid in', 'in', 'inflow', 'received',
    'haben', 'eingang', 'einnahmen', 'gutschrift',
    'montant credit', 'credit euros', 'credit eur',
    'bij',
    'abono', 'abonos', 'haber', 'ingreso', 'ingresos',
  ],
  direction: ['af bij', 'bij af', 'debit credit', 'credit debit', 'soll haben', 's h', 'dr cr', 'cr dr', 'd c', 'c d', 'debit or credit', 'credit or debit', 'sens'],
  description: [
    'description', 'transaction description', 'details', 'transaction details', 'narrative', 'particulars', 'description 1', 'text',
    'beschreibung', 'umsatztext', 'buchungsdetails', 'vorgang',
    'libelle', 'libelle operation', 'libelle de l operation', 'libelle simplifie', 'intitule',
    'omschrijving', 'naam omschrijving', 'omschrijving 1',
    'concepto', 'descripcion', 'concepto operacion',
  ],
  payee: [
    'payee', 'name', 'merchant', 'merchant name', 'counterparty', 'counter party', 'counterparty name', 'beneficiary', 'recipient', 'payer', 'payee name',
    'beguenstigter zahlungspflichtiger', 'begunstigter zahlungspflichtiger', 'zahlungsempfanger', 'zahlungsempfaenger', 'empfanger', 'empfaenger',
    'auftraggeber empfanger', 'auftraggeber empfaenger', 'auftraggeber begunstigter', 'auftraggeber beguenstigter', 'auftraggeber', 'begunstigter', 'beguenstigter',
    'name zahlungsbeteiligter', 'zahlungsbeteiligter', 'zahlungspflichtiger',
    'beneficiaire', 'tiers', 'nom', 'contrepartie',
    'naam', 'naam tegenpartij', 'tegenpartij', 'naam tegenrekening',
    'beneficiario', 'ordenante',
  ],
  memo: [
    'memo', 'notes', 'note', 'reference', 'remittance information', 'payment reference', 'additional information',
    'verwendungszweck', 'buchungsinformation', 'zahlungsreferenz',
    'communication', 'communications', 'informations complementaires', 'reference de l operation',
    'mededelingen', 'referentie', 'betalingskenmerk',
    'referencia', 'observaciones', 'mas datos',
  ],
  currency: ['currency', 'ccy', 'curr', 'currency code', 'wahrung', 'waehrung', 'devise', 'munt', 'muntsoort', 'moneda', 'divisa'],
  bankId: ['bank id', 'transaction id', 'fitid', 'transaktions id', 'transactie id', 'id transaction', 'identificador'],
  category: ['category', 'kategorie', 'categorie', 'categoria'],
  type: ['type', 'transaction type', 'buchungstext', 'umsatzart', 'buchungsart', 'mutatiesoort', 'code', 'type operation', 'type d operation', 'nature operation', 'tipo', 'tipo de operacion'],
} as const satisfies Record<string, readonly string[]>;

/** A field the importer reads. */
export type CsvField = keyof typeof HEADER_SYNONYMS;

/**
 * A column name as compared with {@link HEADER_SYNONYMS}: lower case, accents and punctuation removed,
 * a bracketed or trailing currency dropped (`Betrag (EUR)` → `betrag`, `Amount in GBP` → `amount`). Only the
 * first 200 characters are read; linear in them.
 */
export function normaliseHeader(text: string): string {
  let s = dropBracketed(
    clipText(String(text ?? ''), MAX_HEADER_LENGTH)
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/ß/g, 'ss'),
  )
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  // Words are now separated by single spaces, so this lazy match cannot backtrack over runs of spaces.
  const m = /^(.*?)\s+(?:in\s+)?([a-z]{3})$/.exec(s);
  if (m && isCurrency((m[2] ?? '').toUpperCase()) && m[1] && !['debit', 'credit'].includes(m[1])) s = m[1];
  return s;
}

/**
 * Each `(…)` and `[…]` replaced by a space, as `s.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')` does, but in one pass: that
 * expression rescans to the end from every unclosed bracket. An opening bracket with no closing one after it stays.
 */
function dropBracketed(s: string): string {
  let out = '';
  let from = 0;
  // Where the next ')' and ']' are (-1: none left), each searched for from past the previous one only.
  const next: Record<string, number> = { ')': -2, ']': -2 };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '(' && c !== '[') continue;
    const close = c === '(' ? ')' : ']';
    let at = next[close] ?? -1;
    if (at !== -1 && at < i) at = next[close] = s.indexOf(close, i + 1);
    if (at < 0) continue;
    out += `${s.slice(from, i)} `;
    from = at + 1;
    i = at;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Column indexes for each field found in a header (description may use several columns). */
export interface HeaderMatch {
  date?: number;
  amount?: number;
  debit?: number;
  credit?: number;
  direction?: number;
  description?: number;
  payee?: number;
  memo?: number;
  currency?: number;
  bankId?: number;
  category?: number;
  type?: number;
}

const FIELD_ORDER: readonly CsvField[] = ['date', 'direction', 'amount', 'debit', 'credit', 'description', 'payee', 'memo', 'currency', 'bankId', 'category', 'type'];

/**
 * Finds the fields in a header row, or `undefined` when it does not look like one: it needs a date, an amount
 * (or debit and credit columns) and something to describe the transaction.
 */
export function matchHeader(cells: readonly string[]): HeaderMatch | undefined {
  const names = cells.map(normaliseHeader);
  const used = new Set<number>();
  const match: HeaderMatch = {};
  for (const field of FIELD_ORDER) {
    const synonyms: readonly string[] = HEADER_SYNONYMS[field];
    let best: { index: number; rank: number } | undefined;
    names.forEach((name, index) => {
      if (used.has(index)) return;
      const rank = synonyms.indexOf(name);
      if (rank >= 0 && (!best || rank < best.rank)) best = { index, rank };
    });
    if (best) {
      match[field] = best.index;
      used.add(best.index);
    }
  }
  const hasAmount = match.amount !== undefined || (match.debit !== undefined && match.credit !== undefined);
  const hasText = match.description !== undefined || match.payee !== undefined || match.memo !== undefined;
  if (match.date === undefined || !hasAmount || !hasText) return undefined;
  // A lone debit or credit column next to a signed amount is not a split-amount layout.
  if (match.amount !== undefined && (match.debit === undefined || match.credit === undefined)) {
    delete match.debit;
    delete match.credit;
  }
  return match;
}
