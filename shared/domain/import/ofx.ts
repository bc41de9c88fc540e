import { DomainError, ValidationError } from '../errors';
import { calendarDate } from '../ledger/calendar';
import { isCurrency, parseAmount } from '../money';
import { clipField, clipText, IMPORT_LIMITS, lineOf, quote, type ImportTruncation } from './limits';
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

interface Token {
  kind: 'open' | 'close' | 'text';
  name: string;
  text: string;
  selfClosing?: boolean;
  /** Offset in the file, for messages. */
  at: number;
}

/**
 * The element tree of an OFX file (from the `<OFX>` element on), SGML or XML. Linear in the file's length: a
 * hand-written tokenizer (each terminator is searched for once from where the last search ended, so an
 * unterminated comment or tag costs no rescan) read twice — first for the names the file closes somewhere (what
 * tells an SGML aggregate from a leaf), then streaming into the tree with two tokens of lookahead and an explicit
 * stack, so no token outlives its element.
 * @throws ValidationError when there is no `<OFX>` element, when aggregates nest deeper than
 * {@link IMPORT_LIMITS.maxOfxDepth}, when a tag name is longer than {@link IMPORT_LIMITS.maxOfxTagName} or when
 * the file has more than {@link IMPORT_LIMITS.maxOfxElements} elements.
 */
export function parseOfxTree(text: string): OfxElement {
  const start = text.search(/<OFX[\s>]/i);
  if (start < 0) throw new ValidationError('This is not an OFX file: it has no <OFX> element.');
  const closed = new Set<string>();
  tokenize(text, start, 'closing-names', (t) => closed.add(t.name));
  const builder = treeBuilder(text, closed);
  tokenize(text, start, 'all', builder.push);
  return builder.end();
}

/** The children of every leaf: one frozen array, not one per leaf (leaves are most of a statement). */
const NO_CHILDREN = Object.freeze([]) as unknown as OfxElement[];

/** Builds the tree from a stream of tokens, deciding each start tag with the two tokens after it. */
function treeBuilder(text: string, closed: ReadonlySet<string>) {
  const root: OfxElement = { name: '#document', children: [] };
  const stack: OfxElement[] = [root];
  const window: Token[] = [];
  /** Handles `window[0]`; returns how many tokens of the window it used. */
  const step = (): number => {
    const token = window[0];
    if (!token || token.kind === 'text') return 1;
    const parent = stack[stack.length - 1] ?? root;
    if (token.kind === 'close') {
      // Close the innermost open aggregate of that name (and any left open inside it, as SGML does).
      for (let at = stack.length - 1; at > 0; at--) {
        if (stack[at]?.name === token.name) {
          stack.length = at;
          break;
        }
      }
      return 1;
    }
    if (token.selfClosing) {
      parent.children.push({ name: token.name, value: '', children: NO_CHILDREN });
      return 1;
    }
    const next = window[1];
    const afterText = next?.kind === 'text' ? window[2] : next;
    const value = next?.kind === 'text' ? next.text : '';
    if (value.trim() !== '' || (afterText?.kind === 'close' && afterText.name === token.name) || !closed.has(token.name)) {
      // A leaf: its value runs to the next tag; an XML end tag right after it belongs to it.
      parent.children.push({ name: token.name, value: decodeEntities(value).trim(), children: NO_CHILDREN });
      let used = next?.kind === 'text' ? 2 : 1;
      const after = window[used];
      if (after?.kind === 'close' && after.name === token.name) used++;
      return used;
    }
    if (stack.length > IMPORT_LIMITS.maxOfxDepth) {
      throw new ValidationError(`OFX nesting deeper than ${IMPORT_LIMITS.maxOfxDepth} at line ${lineOf(text, token.at)} (<${clipText(token.name, 40)}>).`);
    }
    const element: OfxElement = { name: token.name, children: [] };
    parent.children.push(element);
    stack.push(element);
    return 1;
  };
  return {
    push(token: Token): void {
      window.push(token);
      while (window.length >= 3) window.splice(0, step());
    },
    end(): OfxElement {
      while (window.length > 0) window.splice(0, step());
      return root;
    },
  };
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 45;
/** What `\s` matches in a JavaScript regular expression. */
const isSpace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/**
 * Emits the tokens of `text` from `from` on: tags (`<NAME …>`, `</NAME>`, `<NAME/>`), text (CDATA included, its
 * ampersands protected from entity decoding; text on both sides of a comment is one token) and nothing for
 * comments and processing instructions. A `<` that starts none of these, or whose terminator never comes, is text.
 * Each terminator (`>`, `-->`, `?>`, `]]>`) is looked for at most once per occurrence: the position found is
 * remembered, and once one is missing it is missing for the rest of the file. With `closing-names` only end tags
 * are emitted (and the file's bounds are checked: tag names, element count).
 */
function tokenize(text: string, from: number, what: 'all' | 'closing-names', emit: (token: Token) => void): void {
  new Tokenizer(text, from, what === 'all', emit).run();
}

/** A terminator's next position at or after `i`, looked for once per occurrence (-1 once it is missing). */
function finder(text: string, terminator: string): (i: number) => number {
  let found = -2;
  return (i: number): number => {
    if (found === -1) return -1;
    if (found < i) found = text.indexOf(terminator, i);
    return found;
  };
}

/** The state of one {@link tokenize} run: the text pending between markup, the terminators found, the names seen. */
class Tokenizer {
  private elements = 0;
  private readonly nextGt: (i: number) => number;
  private readonly nextCommentEnd: (i: number) => number;
  private readonly nextPiEnd: (i: number) => number;
  private readonly nextCdataEnd: (i: number) => number;
  /** Tag names in upper case, shared by every element of that name (a statement repeats twenty names). */
  private readonly names = new Map<string, string>();
  private textStart: number;
  private pending = '';
  private pendingAt: number;

  constructor(
    private readonly text: string,
    private readonly from: number,
    private readonly all: boolean,
    private readonly emit: (token: Token) => void,
  ) {
    this.nextGt = finder(text, '>');
    this.nextCommentEnd = finder(text, '-->');
    this.nextPiEnd = finder(text, '?>');
    this.nextCdataEnd = finder(text, ']]>');
    this.textStart = from;
    this.pendingAt = from;
  }

  run(): void {
    const { text } = this;
    for (let lt = text.indexOf('<', this.from); lt >= 0; ) {
      const end = this.markupEnd(lt);
      if (end < 0) {
        // Not markup: the '<' is text.
        lt = text.indexOf('<', lt + 1);
        continue;
      }
      this.textStart = end;
      lt = text.indexOf('<', end);
    }
    this.addText(text.length);
    this.flushText();
  }

  /** Where the markup starting at `lt` ends (after its terminator), or -1 when it is not markup. */
  private markupEnd(lt: number): number {
    const { text } = this;
    if (text.startsWith('<!--', lt)) return this.skipped(lt, this.nextCommentEnd(lt + 4), 3);
    if (text.startsWith('<?', lt)) return this.skipped(lt, this.nextPiEnd(lt + 2), 2);
    if (text.startsWith('<![CDATA[', lt)) {
      const close = this.nextCdataEnd(lt + 9);
      if (close < 0) return -1;
      this.addText(lt, this.all ? text.slice(lt + 9, close).replace(/&/g, '&amp;') : '');
      return close + 3;
    }
    return this.tagEnd(lt);
  }

  /** A comment or processing instruction closed at `close`: the text before it is kept, the markup is not. */
  private skipped(lt: number, close: number, terminatorLength: number): number {
    if (close < 0) return -1;
    this.addText(lt);
    return close + terminatorLength;
  }

  /** A tag at `lt`: emitted (with the text before it), bounds checked; -1 when `<` starts no tag. */
  private tagEnd(lt: number): number {
    const { text } = this;
    let j = lt + 1;
    const closing = text.charCodeAt(j) === 47;
    if (closing) j++;
    const nameStart = j;
    if (!isLetter(text.charCodeAt(j))) return -1;
    while (isNameChar(text.charCodeAt(j))) j++;
    const c = text.charCodeAt(j);
    let gt = -1;
    if (c === 62) gt = j;
    else if (c === 47 && text.charCodeAt(j + 1) === 62) gt = j + 1;
    else if (isSpace(c)) gt = this.nextGt(j + 1);
    if (gt < 0) return -1;
    if (!this.all) this.checkBounds(lt, j - nameStart, closing);
    if (this.all || closing) {
      this.addText(lt);
      this.flushText();
      const name = this.nameOf(text.slice(nameStart, j));
      this.emit({ kind: closing ? 'close' : 'open', name, text: '', selfClosing: !closing && text.charCodeAt(gt - 1) === 47, at: lt });
    }
    return gt + 1;
  }

  private checkBounds(lt: number, nameLength: number, closing: boolean): void {
    if (nameLength > IMPORT_LIMITS.maxOfxTagName) {
      throw new ValidationError(`OFX tag name longer than ${IMPORT_LIMITS.maxOfxTagName} characters at line ${lineOf(this.text, lt)}.`);
    }
    if (!closing && ++this.elements > IMPORT_LIMITS.maxOfxElements) {
      throw new ValidationError(`The OFX file has more than ${IMPORT_LIMITS.maxOfxElements.toLocaleString('en-US')} elements (line ${lineOf(this.text, lt)}).`);
    }
  }

  private nameOf(raw: string): string {
    let name = this.names.get(raw);
    if (name === undefined) {
      name = raw.toUpperCase();
      if (this.names.size < 10_000) this.names.set(raw, name);
    }
    return name;
  }

  private addText(end: number, extra = ''): void {
    if (!this.all) return;
    const t = this.text.slice(this.textStart, end) + extra;
    if (t === '') return;
    if (this.pending === '') this.pendingAt = this.textStart;
    this.pending += t;
  }

  private flushText(): void {
    if (this.pending === '') return;
    this.emit({ kind: 'text', name: '', text: this.pending, at: this.pendingAt });
    this.pending = '';
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const name = entity.toLowerCase();
    return Object.hasOwn(ENTITIES, name) ? (ENTITIES[name] ?? whole) : whole;
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

/** The outermost descendants of `element` with one of `names`, in document order (an explicit stack, no recursion). */
function findAll(element: OfxElement, names: ReadonlySet<string>): OfxElement[] {
  const out: OfxElement[] = [];
  const stack: OfxElement[] = [];
  for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i] as OfxElement);
  for (let c = stack.pop(); c; c = stack.pop()) {
    if (names.has(c.name)) out.push(c);
    else for (let i = c.children.length - 1; i >= 0; i--) stack.push(c.children[i] as OfxElement);
  }
  return out;
}

/**
 * The `YYYY-MM-DD` of an OFX date-time (`YYYYMMDD[HHMMSS[.XXX]][[±h[.mm]:TZ]]`), as the bank wrote it: the date
 * part is taken as is, never shifted through the time zone (a statement's day is the bank's day).
 */
export function ofxDate(text: string | undefined): string | undefined {
  const s = (text ?? '').trim();
  if (s.length > IMPORT_LIMITS.maxShortFieldLength) return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})(?:\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,3})?)?)?)?\s*(?:\[[^\]]*\])?$/.exec(s);
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
 * {@link ofxCharset}). Never throws for bad data: unreadable transactions are listed in `errors`, and a file
 * beyond the parser's bounds (see {@link parseOfxTree}) is one error of row 0. Text longer than the ledger keeps is
 * cut and listed in `truncated`. Time is linear in the file's length.
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
  const truncated: ImportTruncation[] = [];
  const statements: OfxStatement[] = [];
  let ordinal = 0;
  const found = findAll(tree, new Set(['STMTRS', 'CCSTMTRS']));
  for (const statement of found) {
    const kind = statement.name === 'CCSTMTRS' ? 'credit-card' : 'bank';
    const account = child(statement, kind === 'bank' ? 'BANKACCTFROM' : 'CCACCTFROM');
    const curdef = leaf(statement, 'CURDEF')?.toUpperCase();
    const info: OfxStatement = { kind, transactions: 0 };
    const acctId = leaf(account, 'ACCTID');
    const accountId = acctId === undefined ? undefined : clipText(acctId, IMPORT_LIMITS.maxAccountLength);
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
      const result = readTransaction(trn, ordinal, curdef ?? options.currency, accountId, truncated);
      if ('message' in result) errors.push({ row: ordinal, message: result.message });
      else rows.push(result);
    }
    statements.push(info);
  }
  if (found.length === 0) errors.push({ row: 0, message: 'The OFX file has no bank or credit-card statement.' });
  const result: OfxImportResult = { rows, errors, statements };
  if (truncated.length > 0) result.truncated = truncated;
  if (version) result.version = version;
  return result;
}

function readTransaction(
  trn: OfxElement,
  ordinal: number,
  defaultCurrency: string | undefined,
  accountId: string | undefined,
  truncations: ImportTruncation[],
): ImportRow | { message: string } {
  const posted = leaf(trn, 'DTPOSTED') ?? leaf(trn, 'DTUSER');
  if (!posted) return { message: 'The transaction has no DTPOSTED date.' };
  const date = ofxDate(posted);
  if (!date) return { message: `DTPOSTED ${quote(posted)} is not a date (expected YYYYMMDD…).` };

  const currency = (leaf(trn, 'CURRENCY', 'CURSYM') ?? defaultCurrency)?.toUpperCase();
  if (!currency) return { message: 'The statement has no currency (CURDEF); choose the currency of the account.' };
  if (!isCurrency(currency)) return { message: `${quote(currency)} is not an ISO 4217 currency code.` };

  const amountText = leaf(trn, 'TRNAMT');
  if (!amountText) return { message: 'The transaction has no TRNAMT amount.' };
  if (amountText.length > IMPORT_LIMITS.maxShortFieldLength) return { message: `TRNAMT ${quote(amountText)} is too long to be an amount.` };
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
  const truncated: ImportTruncation[] = [];
  const clip = (text: string, max: number, field: string) => clipField(text, max, ordinal, field, truncated);
  const payeeText = collapse(leaf(trn, 'NAME') ?? leaf(trn, 'PAYEE', 'NAME'));
  const memoText = (leaf(trn, 'MEMO') ?? '').trim();
  const check = leaf(trn, 'CHECKNUM');
  const described = payeeText || collapse(memoText) || (check ? `Check ${check}` : '') || collapse(leaf(trn, 'TRNTYPE'));
  if (!described) return { message: 'The transaction has no NAME or MEMO.' };

  const description = clip(described, IMPORT_LIMITS.maxDescriptionLength, 'description');
  const row: ImportRow = { row: ordinal, date, amount, currency, description };
  const fitid = leaf(trn, 'FITID');
  if (fitid) row.bankId = clip(fitid, IMPORT_LIMITS.maxBankIdLength, 'bankId');
  if (payeeText) row.payee = clip(payeeText, IMPORT_LIMITS.maxPayeeLength, 'payee');
  if (memoText) row.memo = clip(memoText, IMPORT_LIMITS.maxMemoLength, 'memo');
  if (accountId) row.account = accountId;
  truncations.push(...truncated);
  return row;
}

/** The version the header declares; only the head of the file is read, and only the first `<?OFX …?>`. */
function ofxVersion(text: string): string | undefined {
  const head = text.slice(0, 4000);
  const pi = head.search(/<\?OFX/i);
  if (pi >= 0) {
    const end = head.indexOf('>', pi);
    const xml = /\bVERSION\s*=\s*"(\d+)"/i.exec(head.slice(pi, end < 0 ? undefined : end));
    if (xml) return `2.x (${xml[1]})`;
  }
  const sgml = /^\s*VERSION:(\d+)/im.exec(head.slice(0, 2000));
  if (sgml) return `1.x (${sgml[1]})`;
  return /^\s*<\?xml/i.test(head) ? '2.x' : undefined;
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
