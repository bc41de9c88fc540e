import fc from 'fast-check';
import { type Gen, Raw, Ref, setOwn } from './gen';
import { resolve, type Schema } from './schema';

/** Where a value goes, so hints can make it realistic (a real account id for `accountId`, a real date, …). */
export interface Ctx {
  root: unknown;
  /** The property, parameter or header name. */
  name: string;
  where: 'body' | 'query' | 'path' | 'header';
  method: string;
  /** The operation's path template. */
  path: string;
  /** Include every optional property and prefer non-null branches (so a leaf can be targeted). */
  full?: boolean;
  /** The object being built around this value (an import's `content` follows its `format`). */
  siblings?: Record<string, unknown>;
}

const SAFE_MAX = Number.MAX_SAFE_INTEGER;
const CURRENCIES = ['EUR', 'USD', 'JPY', 'GBP', 'CHF', 'BHD', 'SEK', 'PLN', 'CZK', 'KWD'];
const TIMEZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe'];
const REGEXES = ['^REWE', 'coffee|tea', '\\d{4}', 'amazon\\s+mktp', '(?i)netflix', '[A-Z]+ GMBH$', 'x'];
const PERMISSIONS = ['transactions:read', 'transactions:write', 'fx:write', 'roles:read', 'roles:write', 'users:read', 'reports:read'];

/** The fixture pool an id-like field refers to, by name (`accountId` → account), or undefined. */
export function poolOf(name: string, ctx: Pick<Ctx, 'where' | 'path'>): string | undefined {
  const n = name.toLowerCase();
  if (ctx.where === 'path') {
    if (n === 'userid') return 'user';
    if (n === 'role') return 'role';
    if (n === 'id') {
      const segs = ctx.path.split('/');
      const at = segs.indexOf(`{${name}}`);
      const prev = segs[at - 1] ?? '';
      return singular(prev);
    }
    return singular(n);
  }
  if (n === 'accountid' || n === 'toaccountid') return 'account';
  if (n === 'categoryid' || n === 'parentid' || n === 'reassignto') return 'category';
  if (n === 'ruleid') return 'rule';
  if (n === 'transactionid') return 'transaction';
  if (n === 'importid') return 'import';
  if (n === 'userid') return 'user';
  return undefined;
}

function singular(s: string): string {
  if (s.endsWith('ies')) return `${s.slice(0, -3)}y`;
  if (s.endsWith('s')) return s.slice(0, -1);
  return s;
}

function date(g: Gen): string {
  const y = g.weighted([[6, g.int(2019, 2026)], [1, g.int(1970, 2099)]] as const);
  const m = g.int(1, 12);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(g.int(1, days)).padStart(2, '0')}`;
}

function sampleFile(g: Gen, format: unknown): string {
  const rows = g.int(1, 6);
  const kind = format === 'csv' || format === 'ofx' || format === 'qif' ? format : g.pick(['csv', 'ofx', 'qif'] as const);
  const lines: string[] = [];
  const amount = () => `${g.chance(0.7) ? '-' : ''}${g.int(0, 9999)}.${String(g.int(0, 99)).padStart(2, '0')}`;
  const desc = () => g.pick(['REWE Markt', 'Coffee beans', 'Salary ACME', 'Amazon Mktp', 'Miete', 'Café Ünïcødé 😀', 'Netflix']);
  if (kind === 'csv') {
    lines.push('Date,Amount,Description');
    for (let i = 0; i < rows; i++) lines.push(`${date(g)},${amount()},${desc()}`);
    return `${lines.join('\n')}\n`;
  }
  if (kind === 'qif') {
    lines.push('!Type:Bank');
    for (let i = 0; i < rows; i++) lines.push(`D${date(g)}`, `T${amount()}`, `P${desc()}`, '^');
    return `${lines.join('\n')}\n`;
  }
  const tx = Array.from({ length: rows }, (_, i) => {
    const d = date(g).replace(/-/g, '');
    return `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>${d}<TRNAMT>${amount()}<FITID>fz${i}-${g.int(0, 1e6)}<NAME>${desc()}</STMTTRN>`;
  });
  return `OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKTRANLIST>${tx.join('')}</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n`;
}

/** A realistic value for well-known names and patterns, or undefined to fall back on the schema alone. */
function hint(g: Gen, s: Schema, ctx: Ctx): unknown {
  const n = ctx.name;
  const strOk = (v: string) => (s.minLength === undefined || v.length >= s.minLength) && (s.maxLength === undefined || v.length <= s.maxLength);
  if (ctx.where === 'header') {
    const h = n.toLowerCase();
    if (h === 'if-match') return new Ref('etag', 0);
    if (h === 'idempotency-key') return `fz-${g.int(0, 0x7fffffff).toString(36)}-${g.int(0, 0x7fffffff).toString(36)}`;
  }
  const pool = poolOf(n, ctx);
  if (pool && g.chance(0.85)) return new Ref(pool, g.int(0, 99), false, ctx.method === 'DELETE' && ctx.where === 'path');
  if (s.type === 'string' || s.pattern) {
    if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return date(g);
    if (s.pattern === '^\\d{4}-(0[1-9]|1[0-2])$') return date(g).slice(0, 7);
    if (s.pattern === '^[A-Z]{3}$' && g.chance(0.9)) return g.pick(CURRENCIES);
    if (s.pattern?.startsWith('^(\\*|[a-z]+:') && g.chance(0.8)) return g.pick(PERMISSIONS);
    if (s.format === 'email' || n === 'email') {
      if (ctx.path.endsWith('/login') || ctx.path.endsWith('/confirm')) return g.chance(0.6) ? new Ref('email', 0) : `nobody-${g.int(0, 1e9)}@example.com`;
      return `fz-${g.int(0, 0x7fffffff).toString(36)}${g.int(0, 0x7fffffff).toString(36)}@example.com`;
    }
    if (n === 'password') return g.chance(0.6) ? (ctx.path.endsWith('/login') ? new Ref('password', 0) : 'Correct-Horse-42') : undefined;
    if (n === 'refreshToken') return g.chance(0.6) ? new Ref('refreshToken', 0) : undefined;
    if (n === 'cursor') return g.chance(0.6) ? new Ref('cursor', 0) : undefined;
    if (n === 'timezone') return g.pick(TIMEZONES);
    if (n === 'descriptionRegex') return g.pick(REGEXES);
    if (n === 'content' && ctx.path === '/imports') return sampleFile(g, ctx.siblings?.format);
    if (n === 'code' && s.pattern === '^\\d{4,8}$') return String(g.int(0, 999999)).padStart(6, '0');
    if (n === 'name' && ctx.path.startsWith('/auth/create_role')) {
      const v = `fz-${g.int(0, 0x7fffffff).toString(36)}`;
      return strOk(v) ? v : undefined;
    }
  }
  return undefined;
}

const arbitraries = new Map<string, fc.Arbitrary<unknown>>();
/** Building an arbitrary costs far more than sampling it (a regex is parsed each time): one per shape. */
function cached<T>(key: string, make: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
  let a = arbitraries.get(key);
  if (!a) arbitraries.set(key, (a = make() as fc.Arbitrary<unknown>));
  return a as fc.Arbitrary<T>;
}

function strings(g: Gen, s: Schema): string {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 60, Math.max(min, 60));
  for (let attempt = 0; attempt < 4; attempt++) {
    let v: string;
    const pattern = s.pattern;
    if (pattern) v = g.sample(cached(`re:${pattern}`, () => fc.stringMatching(new RegExp(pattern, 'u'))));
    else {
      const unit = g.weighted([[6, 'grapheme-ascii'], [2, 'grapheme'], [1, 'binary']] as const);
      v = g.sample(cached(`s:${unit}:${min}:${max}`, () => fc.string({ unit, minLength: min, maxLength: max })));
    }
    if (v.length >= min && (s.maxLength === undefined || v.length <= s.maxLength) && v.trim() !== '') return v;
  }
  return 'a'.repeat(Math.max(min, 1));
}

/** An integer in [lo, hi], often small, sometimes anywhere in a range wider than 32 bits. */
export function integer(g: Gen, lo: number, hi: number): number {
  const smallLo = Math.max(lo, -1000);
  const smallHi = Math.min(hi, 100_000);
  if (smallLo <= smallHi && g.chance(0.75)) return g.int(smallLo, smallHi);
  return Number(g.sample(cached(`i:${lo}:${hi}`, () => fc.bigInt({ min: BigInt(lo), max: BigInt(hi) }))));
}

/** Integer bounds of a schema (exclusive bounds folded in), within the safe range. */
export function intBounds(s: Schema): [number, number] {
  let lo = s.minimum ?? -SAFE_MAX;
  let hi = s.maximum ?? SAFE_MAX;
  if (s.exclusiveMinimum !== undefined) lo = Math.max(lo, Math.floor(s.exclusiveMinimum) + 1);
  if (s.exclusiveMaximum !== undefined) hi = Math.min(hi, Math.ceil(s.exclusiveMaximum) - 1);
  return [Math.max(lo, -SAFE_MAX), Math.min(hi, SAFE_MAX)];
}

/** The type a schema names (first non-null one), following $ref and anyOf. */
export function mainType(s: Schema, root: unknown): string | undefined {
  const r = resolve(s, root);
  if (r.anyOf) {
    for (const b of r.anyOf) {
      const t = mainType(b, root);
      if (t && t !== 'null') return t;
    }
    return 'null';
  }
  if (Array.isArray(r.type)) return r.type.find((t) => t !== 'null') ?? r.type[0];
  if (r.type) return r.type;
  if (r.enum) return typeof r.enum[0] === 'number' ? 'number' : typeof r.enum[0];
  if (r.properties) return 'object';
  return undefined;
}

/** A value that conforms to the schema (as far as the schema says; ids and dates are made realistic by hints). */
export function valid(g: Gen, schema: Schema, ctx: Ctx, depth = 0): unknown {
  const s = resolve(schema, ctx.root);
  if (s.anyOf || s.oneOf) {
    const branches = (s.anyOf ?? s.oneOf) as Schema[];
    const nonNull = branches.filter((b) => resolve(b, ctx.root).type !== 'null');
    const b = ctx.full || g.chance(0.85) ? g.pick(nonNull.length ? nonNull : branches) : g.pick(branches);
    return valid(g, b, ctx, depth + 1);
  }
  if (s.enum) return g.pick(s.enum);
  if ('const' in s) return s.const;
  const h = hint(g, s, ctx);
  if (h !== undefined) return h;
  const type = Array.isArray(s.type) ? g.pick(s.type) : s.type;
  switch (type) {
    case 'string':
      return strings(g, s);
    case 'integer': {
      const [lo, hi] = intBounds(s);
      return integer(g, lo, hi);
    }
    case 'number':
      return g.sample(cached(`d:${s.minimum}:${s.maximum}`, () => fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true })));
    case 'boolean':
      return g.chance(0.5);
    case 'null':
      return null;
    case 'array': {
      const min = Math.max(s.minItems ?? 0, ctx.full ? 1 : 0);
      const max = Math.min(s.maxItems ?? 4, Math.max(min, 4));
      const len = depth > 6 ? min : g.int(min, max);
      return Array.from({ length: len }, () => valid(g, s.items ?? {}, ctx, depth + 1));
    }
    case 'object':
    default: {
      if (type === undefined && !s.properties && !s.additionalProperties) return g.pick([1, 'x', true, null]);
      const out: Record<string, unknown> = {};
      const required = new Set(s.required ?? []);
      for (const [k, p] of Object.entries(s.properties ?? {})) {
        if (required.has(k) || ctx.full || (depth < 6 && g.chance(0.5))) setOwn(out, k, valid(g, p, { ...ctx, name: k, siblings: out }, depth + 1));
      }
      if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        const n = ctx.full ? 1 : g.int(0, 3);
        for (let i = 0; i < n; i++) {
          const key = String(valid(g, s.propertyNames ?? { type: 'string', minLength: 1, maxLength: 20 }, { ...ctx, name: `${ctx.name}.key` }, depth + 1));
          setOwn(out, key, valid(g, s.additionalProperties, { ...ctx, name: key }, depth + 1));
        }
      }
      return out;
    }
  }
}

/** A boundary probe at one place: the value, and whether the schema accepts it. */
export interface Probe {
  label: string;
  value: unknown;
}

/** Characters to fill strings with. Lengths count code points, as JSON Schema's maxLength and zod do. */
const FILLERS = ['a', 'é', '😀', '\u0301'] as const;

/** Values at and just past the limits the schema declares (lengths, numbers, items, enums). */
export function boundaries(g: Gen, schema: Schema, ctx: Ctx): Probe[] {
  const s = resolve(schema, ctx.root);
  if (s.anyOf || s.oneOf) {
    const branches = ((s.anyOf ?? s.oneOf) as Schema[]).filter((b) => resolve(b, ctx.root).type !== 'null');
    return branches.flatMap((b) => boundaries(g, b, ctx));
  }
  const out: Probe[] = [];
  if (s.enum) {
    const first = s.enum[0];
    if (typeof first === 'string') out.push({ label: `enum ${first} upper-cased`, value: first.toUpperCase() === first ? first.toLowerCase() : first.toUpperCase() }, { label: `enum ${first} with a space`, value: ` ${first}` });
    out.push({ label: 'last enum value', value: s.enum[s.enum.length - 1] });
    return out;
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'string') {
    const fill = g.pick(FILLERS);
    const str = (len: number) => fill.repeat(Math.max(0, len));
    if (s.pattern && s.minLength === undefined) {
      // the pattern's own bounds are probed below
    } else if (s.minLength !== undefined && s.minLength > 0) {
      out.push({ label: `minLength ${s.minLength}`, value: str(s.minLength) }, { label: `minLength-1 (${s.minLength - 1})`, value: str(s.minLength - 1) });
    } else out.push({ label: 'empty string', value: '' });
    if (s.maxLength !== undefined) {
      const at = Math.min(s.maxLength, 300 * 1024);
      out.push({ label: `maxLength ${s.maxLength} of ${JSON.stringify(fill)}`, value: str(at) });
      if (s.maxLength < 300 * 1024) out.push({ label: `maxLength+1 (${s.maxLength + 1}) of ${JSON.stringify(fill)}`, value: str(s.maxLength + 1) });
    }
    const quantified = s.pattern ? /^\^(\[[^\]]+\])\{(\d+),(\d+)\}\$$/.exec(s.pattern) : null;
    if (quantified) {
      // `^[class]{min,max}$`: the pattern bounds the length; probe at and past those bounds with a character it allows.
      const cls = quantified[1] as string;
      const ch = g.sample(cached(`re:^${cls}$`, () => fc.stringMatching(new RegExp(`^${cls}$`, 'u'))));
      const lo = Number(quantified[2]);
      const hi = Number(quantified[3]);
      out.push({ label: `pattern length ${hi}`, value: ch.repeat(hi) }, { label: `pattern length ${hi + 1}`, value: ch.repeat(hi + 1) });
      if (lo > 0) out.push({ label: `pattern length ${lo - 1}`, value: ch.repeat(lo - 1) });
    }
    if (s.pattern) out.push({ label: 'pattern broken by one trailing char', value: `${String(valid(g, s, { ...ctx, name: '' }))}\u0000` });
  } else if (type === 'integer' || type === 'number') {
    const [lo, hi] = type === 'integer' ? intBounds(s) : [s.minimum ?? -Number.MAX_VALUE, s.maximum ?? Number.MAX_VALUE];
    out.push({ label: `minimum ${lo}`, value: lo }, { label: `maximum ${hi}`, value: hi });
    out.push({ label: `minimum-1 (${lo === -SAFE_MAX ? '-2^53' : lo - 1})`, value: lo === -SAFE_MAX ? new Raw('-9007199254740992') : lo - 1 });
    out.push({ label: `maximum+1 (${hi === SAFE_MAX ? '2^53' : hi + 1})`, value: hi === SAFE_MAX ? new Raw('9007199254740992') : hi + 1 });
    if (type === 'integer') out.push({ label: 'a fraction inside the range', value: lo + 0.5 });
    if (lo <= 0 && hi >= 0) out.push({ label: 'zero', value: 0 }, { label: 'negative zero', value: new Raw('-0') });
  } else if (type === 'array') {
    const item = () => valid(g, s.items ?? {}, { ...ctx, full: false });
    if (s.maxItems !== undefined) {
      out.push({ label: `maxItems ${s.maxItems}`, value: Array.from({ length: s.maxItems }, item) }, { label: `maxItems+1 (${s.maxItems + 1})`, value: Array.from({ length: s.maxItems + 1 }, item) });
    }
    out.push({ label: 'empty array', value: [] });
    if (s.minItems !== undefined && s.minItems > 1) out.push({ label: `minItems ${s.minItems}`, value: Array.from({ length: s.minItems }, item) });
  } else if (type === 'object') {
    out.push({ label: 'empty object', value: {} });
  } else if (type === 'boolean') {
    out.push({ label: 'boolean as string', value: 'true' });
  }
  return out;
}

/** Strings that break naive text handling: normalisation, direction, astral planes, NUL, lone surrogates. */
export const NASTY_STRINGS: readonly [string, string][] = [
  ['combining marks', 'e\u0301\u0301\u0301\u0301\u0301\u0301 Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e\u0349\u035a\u032f\u031e\u0320\u034d'],
  ['RTL override', '\u202eevil\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627'],
  ['astral characters', '😀🏳️‍🌈𝕏𐍈👩‍👩‍👧‍👦'],
  ['NUL in text', 'a\u0000b'],
  ['only NUL', '\u0000'],
  ['lone high surrogate', 'x\ud800y'],
  ['lone low surrogate', '\udfffz'],
  ['reversed surrogate pair', '\ude00\ud83d'],
  ['zero-width and BOM', '\ufeff\u200b\u200d\u2060'],
  ['control characters', '\u0001\u0007\b\u001b[31m\r\n\t'],
  ['unicode line separators', 'a\u2028b\u2029c\u0085d'],
  ['noncharacters', '\uffff\ufffe\u{10ffff}'],
  ['whitespace only', ' \t\u00a0\u3000'],
  ['homoglyph ASCII lookalikes', 'ΕUR АССОUNТ'],
  ['fullwidth digits', '２０２４－０１－０１'],
  ['SQL and template text', "' OR 1=1 --${{7*7}}<script>alert(1)</script>"],
  ['path traversal', '../../etc/passwd'],
  ['JSON in a string', '{"__proto__":{"admin":true}}'],
  ['percent escapes', '%00%ZZ%'],
  ['very long single grapheme', `a${'\u0301'.repeat(2000)}`],
];

/** JSON number tokens at and past what a double or a safe integer can hold, and numbers in disguise. */
export const NASTY_NUMBERS: readonly [string, unknown][] = [
  ['2^53', new Raw('9007199254740992')],
  ['2^53+1 (rounds in a double)', new Raw('9007199254740993')],
  ['-2^53', new Raw('-9007199254740992')],
  ['2^63', new Raw('9223372036854775808')],
  ['-0', new Raw('-0')],
  ['1e308', new Raw('1e308')],
  ['1e309 (Infinity when parsed)', new Raw('1e309')],
  ['-1e309', new Raw('-1e309')],
  ['5e-324', new Raw('5e-324')],
  ['1.0', new Raw('1.0')],
  ['1e2', new Raw('1e2')],
  ['0.1', 0.1],
  ['-1', -1],
  ['30 digits', new Raw('123456789012345678901234567890')],
  ['"NaN" as string', 'NaN'],
  ['"Infinity" as string', 'Infinity'],
  ['"12" as string', '12'],
  ['"0x10" as string', '0x10'],
];

/** Values of every JSON type; those the schema accepts are filtered out by the caller. */
export const WRONG_TYPES: readonly [string, unknown][] = [
  ['number', 42],
  ['negative number', -7],
  ['fraction', 1.5],
  ['string', 'twelve'],
  ['empty string', ''],
  ['true', true],
  ['false', false],
  ['null', null],
  ['empty array', []],
  ['array', [1, 'a', null]],
  ['empty object', {}],
  ['object', { a: 1 }],
];

/** Field names an attacker tries: prototype keys, the owner's id, storage keys, server-set fields. */
export const UNKNOWN_FIELDS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'userId', 'isAdmin', 'pk', 'sk', 'version', 'balance', 'id', 'createdAt', 'roles', 'x'];

/** Big strings, bounded (the route limits are 256 KB and the gateway 10 MB). */
export function hugeString(g: Gen): [string, string] {
  const size = g.pick([4 * 1024, 64 * 1024, 200 * 1024, 255 * 1024, 300 * 1024]);
  const fill = g.pick(FILLERS);
  return [`${Math.round(size / 1024)} KB of ${JSON.stringify(fill)}`, fill.repeat(Math.ceil(size / Buffer.byteLength(fill)))];
}
