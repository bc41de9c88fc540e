import { DomainError, ValidationError } from '../errors';
import { calendarDate } from '../ledger/calendar';
import { isCurrency, parseAmount } from '../money';
import type { ImportError, ImportResult, ImportRow } from './types';

/**
 * OFX bank and credit-card statements: OFX 1.x (SGML: a `KEY:VALUE` header block, leaf elements without end
 * tags) and OFX 2.x (XML). One small tokenizer reads both: an element is an aggregate when the file closes it
 * somewhere (`</STMTTRN>`), otherwise a leaf whose value runs to the next tag — which is exactly the SGML rule
 * for OFX's DTD, and also fits XML, where every leaf is closed right after its value.
 */

/** One element of the OFX tree. */
export interface OfxElement {
  name: string;
  /** Text of a leaf (entities decoded, trimmed); `undefined` on aggregates. */
  value?: string;
  children: OfxElement[];
}

/** A statement found in the file. */
export interface OfxStatement {
  kind: 'bank' | 'credit-card';
  /** ACCTID (as printed; credit cards are often masked). */
  accountId?: string;
  /** BANKID (routing number / sort code), bank statements only. */
  bankId?: string;
  /** ACCTTYPE (CHECKING, SAVINGS…), bank statements only. */
  accountType?: string;
  /** CURDEF. */
  currency?: string;
  /** LEDGERBAL/BALAMT as written, with its date. */
  balance?: { amount: string; date?: string };
  /** How many transactions it lists. */
  transactions: number;
}

/** What {@link parseOfx} returns. */
export interface OfxImportResult extends ImportResult {
  /** `1.x` (SGML) or `2.x` (XML), with the header's VERSION when it has one (`102`, `220`). */
  version?: string;
  statements: OfxStatement[];
}

/** Options of {@link parseOfx}. */
export interface OfxOptions {
  /** Currency to use when a statement has no CURDEF. */
  currency?: string;
}

const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z][A-Za-z0-9._-]*)(?:\s[^>]*)?\/?>/g;

interface Token {
  kind: 'open' | 'close' | 'text';
  name: string;
  text: string;
  selfClosing?: boolean;
}

/**
 * The element tree of an OFX file (from the `<OFX>` element on), SGML or XML.
 * @throws ValidationError when there is no `<OFX>` element.
 */
export function parseOfxTree(text: string): OfxElement {
  const start = text.search(/<OFX[\s>]/i);
  if (start < 0) throw new ValidationError('This is not an OFX file: it has no <OFX> element.');
  const tokens = tokenize(text.slice(start));
  const closed = new Set(tokens.filter((t) => t.kind === 'close').map((t) => t.name));
  const root: OfxElement = { name: '#document', children: [] };
  const stack: OfxElement[] = [root];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || token.kind === 'text') continue;
    const parent = stack[stack.length - 1] ?? root;
    if (token.kind === 'close') {
      const at = stack.map((e) => e.name).lastIndexOf(token.name);
      if (at > 0) stack.length = at;
      continue;
    }
    if (token.selfClosing) {
      parent.children.push({ name: token.name, value: '', children: [] });
      continue;
    }
    const next = tokens[i + 1];
    const afterText = next?.kind === 'text' ? tokens[i + 2] : next;
    const value = next?.kind === 'text' ? next.text : '';
    if (value.trim() !== '' || (afterText?.kind === 'close' && afterText.name === token.name) || !closed.has(token.name)) {
      // A leaf: its value runs to the next tag; an XML end tag right after it belongs to it.
      parent.children.push({ name: token.name, value: decodeEntities(value).trim(), children: [] });
      if (next?.kind === 'text') i++;
      if (tokens[i + 1]?.kind === 'close' && tokens[i + 1]?.name === token.name) i++;
      continue;
    }
    const element: OfxElement = { name: token.name, children: [] };
    parent.children.push(element);
    stack.push(element);
  }
  return root;
}

function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  const pushText = (text: string) => {
    if (text === '') return;
    const prev = tokens[tokens.length - 1];
    if (prev?.kind === 'text') prev.text += text;
    else tokens.push({ kind: 'text', name: '', text });
  };
  for (const m of body.matchAll(TOKEN)) {
    const index = m.index ?? 0;
    pushText(body.slice(last, index));
    last = index + m[0].length;
    if (m[1] !== undefined) {
      // CDATA is literal text: protect it from entity decoding by encoding its ampersands.
      pushText(m[1].replace(/&/g, '&amp;'));
    } else if (m[3] !== undefined) {
      const name = m[3].toUpperCase();
      tokens.push({ kind: m[2] === '/' ? 'close' : 'open', name, text: '', selfClosing: m[0].endsWith('/>') && m[2] !== '/' });
    }
  }
  pushText(body.slice(last));
  return tokens;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function child(element: OfxElement | undefined, name: string): OfxElement | undefined {
  return element?.children.find((c) => c.name === name);
}

function leaf(element: OfxElement | undefined, ...path: string[]): string | undefined {
  let current = element;
  for (const name of path) current = child(current, name);
  const value = current?.value;
  return value === undefined || value === '' ? undefined : value;
}

function findAll(element: OfxElement, names: ReadonlySet<string>, out: OfxElement[] = []): OfxElement[] {
  for (const c of element.children) {
    if (names.has(c.name)) out.push(c);
    else findAll(c, names, out);
  }
  return out;
}

/**
 * The `YYYY-MM-DD` of an OFX date-time (`YYYYMMDD[HHMMSS[.XXX]][[±h[.mm]:TZ]]`), as the bank wrote it: the date
 * part is taken as is, never shifted through the time zone (a statement's day is the bank's day).
 */
export function ofxDate(text: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,3})?)?)?)?\s*(?:\[[^\]]*\])?$/.exec((text ?? '').trim());
  return m ? calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/**
 * Reads an OFX 1.x (SGML) or 2.x (XML) file: every `<STMTTRN>` of its bank (`STMTRS`) and credit-card
 * (`CCSTMTRS`) statements becomes a row: DTPOSTED (DTUSER if absent) → date, TRNAMT → amount (in CURDEF, or in
 * the transaction's own CURRENCY aggregate when it has one), FITID → bankId, NAME (or PAYEE/NAME) → payee,
 * MEMO → memo; the description is NAME, else MEMO, else the cheque number. Rows are numbered by their order in
 * the file (1 = first `<STMTTRN>`).
 *
 * The text must already be decoded (OFX 1.x files declare `CHARSET:1252` or `ENCODING:UTF-8` in the header; see
 * {@link ofxCharset}). Never throws for bad data: unreadable transactions are listed in `errors`.
 */
export function parseOfx(text: string, options: OfxOptions = {}): OfxImportResult {
  const input = String(text ?? '').replace(/^\uFEFF/, '');
  let tree: OfxElement;
  try {
    tree = parseOfxTree(input);
  } catch (e) {
    if (e instanceof DomainError) return { rows: [], errors: [{ row: 0, message: e.message }], statements: [] };
    throw e;
  }
  const version = ofxVersion(input);
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  const statements: OfxStatement[] = [];
  let ordinal = 0;
  const found = findAll(tree, new Set(['STMTRS', 'CCSTMTRS']));
  for (const statement of found) {
    const kind = statement.name === 'CCSTMTRS' ? 'credit-card' : 'bank';
    const account = child(statement, kind === 'bank' ? 'BANKACCTFROM' : 'CCACCTFROM');
    const curdef = leaf(statement, 'CURDEF')?.toUpperCase();
    const info: OfxStatement = { kind, transactions: 0 };
    const accountId = leaf(account, 'ACCTID');
    if (accountId) info.accountId = accountId;
    const bankId = leaf(account, 'BANKID');
    if (bankId) info.bankId = bankId;
    const accountType = leaf(account, 'ACCTTYPE');
    if (accountType) info.accountType = accountType;
    if (curdef) info.currency = curdef;
    const balance = leaf(statement, 'LEDGERBAL', 'BALAMT');
    if (balance) {
      info.balance = { amount: balance };
      const asOf = ofxDate(leaf(statement, 'LEDGERBAL', 'DTASOF'));
      if (asOf) info.balance.date = asOf;
    }
    for (const trn of findAll(statement, new Set(['STMTTRN']))) {
      ordinal++;
      info.transactions++;
      const result = readTransaction(trn, ordinal, curdef ?? options.currency, accountId);
      if ('message' in result) errors.push({ row: ordinal, message: result.message });
      else rows.push(result);
    }
    statements.push(info);
  }
  if (found.length === 0) errors.push({ row: 0, message: 'The OFX file has no bank or credit-card statement.' });
  const result: OfxImportResult = { rows, errors, statements };
  if (version) result.version = version;
  return result;
}

function readTransaction(trn: OfxElement, ordinal: number, defaultCurrency: string | undefined, accountId: string | undefined): ImportRow | { message: string } {
  const posted = leaf(trn, 'DTPOSTED') ?? leaf(trn, 'DTUSER');
  if (!posted) return { message: 'The transaction has no DTPOSTED date.' };
  const date = ofxDate(posted);
  if (!date) return { message: `DTPOSTED ${JSON.stringify(posted)} is not a date (expected YYYYMMDD…).` };

  const currency = (leaf(trn, 'CURRENCY', 'CURSYM') ?? defaultCurrency)?.toUpperCase();
  if (!currency) return { message: 'The statement has no currency (CURDEF); choose the currency of the account.' };
  if (!isCurrency(currency)) return { message: `${JSON.stringify(currency)} is not an ISO 4217 currency code.` };

  const amountText = leaf(trn, 'TRNAMT');
  if (!amountText) return { message: 'The transaction has no TRNAMT amount.' };
  let amount: number;
  try {
    // OFX amounts use '.', but some European banks write ','.
    const decimalSeparator = amountText.includes(',') && !amountText.includes('.') ? ',' : '.';
    amount = parseAmount(amountText, currency, { decimalSeparator });
  } catch (e) {
    if (e instanceof DomainError) return { message: `TRNAMT: ${e.message}` };
    throw e;
  }

  const collapse = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const payee = collapse(leaf(trn, 'NAME') ?? leaf(trn, 'PAYEE', 'NAME'));
  const memo = (leaf(trn, 'MEMO') ?? '').trim();
  const check = leaf(trn, 'CHECKNUM');
  const description = payee || collapse(memo) || (check ? `Check ${check}` : '') || collapse(leaf(trn, 'TRNTYPE'));
  if (!description) return { message: 'The transaction has no NAME or MEMO.' };

  const row: ImportRow = { row: ordinal, date, amount, currency, description };
  const fitid = leaf(trn, 'FITID');
  if (fitid) row.bankId = fitid;
  if (payee) row.payee = payee;
  if (memo) row.memo = memo;
  if (accountId) row.account = accountId;
  return row;
}

function ofxVersion(text: string): string | undefined {
  const xml = /<\?OFX[^>]*\bVERSION\s*=\s*"(\d+)"/i.exec(text);
  if (xml) return `2.x (${xml[1]})`;
  const sgml = /^\s*VERSION:(\d+)/im.exec(text.slice(0, 2000));
  if (sgml) return `1.x (${sgml[1]})`;
  return /^\s*<\?xml/i.test(text) ? '2.x' : undefined;
}

/**
 * The character set an OFX file declares, to decode its bytes before {@link parseOfx}: `utf-8` for OFX 2.x and
 * for `ENCODING:UTF-8`, `windows-1252` for `CHARSET:1252` (the usual US-ASCII/Latin files), `iso-8859-1` for
 * `CHARSET:ISO-8859-1`. Pass the first bytes decoded as Latin-1 (the header is ASCII).
 */
export function ofxCharset(head: string): 'utf-8' | 'windows-1252' | 'iso-8859-1' {
  const start = head.slice(0, 1000);
  if (/^\s*(?:\uFEFF)?<\?xml/i.test(start)) {
    const declared = /encoding\s*=\s*"([^"]+)"/i.exec(start)?.[1]?.toLowerCase();
    return declared === 'iso-8859-1' || declared === 'latin1' ? 'iso-8859-1' : declared === 'windows-1252' ? 'windows-1252' : 'utf-8';
  }
  if (/^\s*ENCODING:\s*UTF-?8/im.test(start)) return 'utf-8';
  const charset = /^\s*CHARSET:\s*(\S+)/im.exec(start)?.[1]?.toUpperCase();
  if (charset === 'ISO-8859-1' || charset === '8859-1') return 'iso-8859-1';
  return 'windows-1252';
}
