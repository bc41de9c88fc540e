import { caseSeed, clone, describeValue, Gen, Raw, Ref, setOwn } from './gen';
import type { Operation, Parameter } from './operations';
import { resolve, validate, type Schema } from './schema';
import { boundaries, type Ctx, hugeString, mainType, NASTY_NUMBERS, NASTY_STRINGS, UNKNOWN_FIELDS, valid, WRONG_TYPES } from './values';

/** Who sends a case: nobody, the fuzz user, an administrator, a fresh user of its own (for destructive routes), or a bad token. */
export type Caller = 'none' | 'user' | 'admin' | 'fresh-user' | { bad: string; header: string };

/** A path or query value: a string (percent-encoded when sent), a Ref, or `{ raw }` sent exactly as written. */
export type Part = string | Ref | { raw: string };

/** One request of the fuzz run, fully determined by (seed, index). */
export interface FuzzCase {
  index: number;
  seed: number;
  op: Operation;
  /** valid, boundary or invalid. */
  kind: 'valid' | 'boundary' | 'invalid';
  /** What the case does, e.g. `body.amount = 2^53`. */
  label: string;
  caller: Caller;
  pathParams: Record<string, Part>;
  query: [string, Part][];
  headers: Record<string, string | Ref>;
  /** The JSON body as a generated value (Raw and Ref inside), or exact bytes. */
  body?: { value: unknown } | { raw: string | Uint8Array };
  contentType?: string;
  /** The case names another user's resources: a 2xx read is a leak. */
  foreign: boolean;
}

type Loc = { where: 'body'; path: (string | number)[]; schema: Schema; name: string } | { where: 'query' | 'path' | 'header'; param: Parameter; name: string; schema: Schema };

function ctxOf(op: Operation, root: unknown, where: Ctx['where'], name: string, full = false): Ctx {
  return { root, name, where, method: op.method, path: op.path, full };
}

/** Body locations to aim at: every property path of the schema (depth ≤ 4, array items as [0]). */
function bodyLocations(s: Schema, root: unknown, path: (string | number)[] = [], depth = 0, out: Loc[] = []): Loc[] {
  const r = resolve(s, root);
  if (depth > 4) return out;
  const branches = r.anyOf ?? r.oneOf;
  if (branches) {
    const nonNull = branches.find((b) => resolve(b, root).type !== 'null' && mainType(b, root) !== 'null');
    if (nonNull) bodyLocations(nonNull, root, path, depth, out);
    return out;
  }
  for (const [k, p] of Object.entries(r.properties ?? {})) {
    out.push({ where: 'body', path: [...path, k], schema: p, name: k });
    bodyLocations(p, root, [...path, k], depth + 1, out);
  }
  if (r.type === 'array' && r.items) {
    out.push({ where: 'body', path: [...path, 0], schema: r.items, name: String(path[path.length - 1] ?? 'item') });
    bodyLocations(r.items, root, [...path, 0], depth + 1, out);
  }
  return out;
}

function getAt(v: unknown, path: (string | number)[]): unknown {
  let cur = v;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p as string];
  }
  return cur;
}

/** Sets a value at a path; answers false when the parent is not there (an optional parent left out). */
function setAt(v: unknown, path: (string | number)[], value: unknown): boolean {
  const parent = getAt(v, path.slice(0, -1));
  const last = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || last === undefined) return false;
  if (Array.isArray(parent)) parent[last as number] = value;
  else setOwn(parent as Record<string, unknown>, String(last), value);
  return true;
}

function deleteAt(v: unknown, path: (string | number)[]): boolean {
  const parent = getAt(v, path.slice(0, -1));
  const last = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent) || last === undefined) return false;
  return delete (parent as Record<string, unknown>)[String(last)];
}

const label = (l: Loc) => (l.where === 'body' ? `body.${l.path.join('.')}` : `${l.where} ${l.param.name}`);

const BAD_PATH_VALUES: readonly [string, string][] = [
  ['%00', '%00'],
  ['bad percent escape %ZZ', '%ZZ'],
  ['lone percent', '%'],
  ['encoded lone surrogate (invalid UTF-8)', '%ED%A0%80'],
  ['overlong UTF-8', '%C0%AF'],
  ['encoded slash', 'a%2Fb'],
  ['dot-dot', '..'],
  ['encoded dot-dot slash', '%2E%2E%2F%2E%2E'],
  ['encoded space', '%20'],
  ['65 characters', 'a'.repeat(65)],
  ['300 characters', 'x'.repeat(300)],
  ['4000 characters', 'y'.repeat(4000)],
  ['emoji', '%F0%9F%98%80'],
  ['combining mark', 'e%CC%81'],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['negative number', '-1'],
  ['exponent', '1e3'],
  ['null', 'null'],
  ['quote and brace', '%22%7D'],
  ['a UUID nobody has', '00000000-0000-0000-0000-000000000000'],
  ['semicolon params', 'a;b=c'],
];

const BAD_QUERY_VALUES: readonly [string, string][] = [
  ['empty', ''],
  ['bad percent escape', '%ZZ'],
  ['encoded NUL', '%00'],
  ['encoded lone surrogate (invalid UTF-8)', '%ED%A0%80'],
  ['negative', '-1'],
  ['zero', '0'],
  ['fraction', '1.5'],
  ['exponent', '1e3'],
  ['2^53+1', '9007199254740993'],
  ['1e309', '1e309'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['hex', '0x10'],
  ['padded', '%2010%20'],
  ['true', 'true'],
  ['JSON array', '%5B1%2C2%5D'],
  ['Feb 30th', '2024-02-30'],
  ['month 13', '2024-13'],
  ['year zero date', '0000-00-00'],
  ['five-digit year', '20240-01-01'],
  ['reversed range', '2030-01-01'],
  ['3000 characters', 'q'.repeat(3000)],
  ['emoji', '%F0%9F%98%80'],
  ['RTL override', '%E2%80%AE'],
];

const BAD_CURSORS: readonly [string, string][] = [
  ['garbage cursor', 'not-a-cursor'],
  ['base64 JSON cursor', Buffer.from('{"pk":"USER#admin","sk":"TX#"}').toString('base64url')],
  ['cursor with a forged signature', `${Buffer.from('{"k":{"pk":"x"}}').toString('base64url')}.${'A'.repeat(43)}`],
  ['empty-signature cursor', 'eyJ9.'],
  ['2048-character cursor', 'c'.repeat(2048)],
  ['2049-character cursor', 'c'.repeat(2049)],
  ['dots only', '...'],
];

const BAD_IF_MATCH: readonly [string, string][] = [
  ['empty If-Match', ''],
  ['weak garbage If-Match', 'W/"banana"'],
  ['star If-Match', '*'],
  ['negative If-Match', '"-1"'],
  ['huge If-Match', '"99999999999999999999"'],
  ['exponent If-Match', '"1e3"'],
  ['list If-Match', '"1", "2"'],
  ['unquoted zero If-Match', '0'],
  ['stale If-Match', '"1"'],
  ['8 KB If-Match', 'x'.repeat(8192)],
];

const BAD_IDEMPOTENCY_KEYS: readonly [string, string][] = [
  ['empty Idempotency-Key', ''],
  ['space Idempotency-Key', ' '],
  ['300-char Idempotency-Key', 'k'.repeat(300)],
  ['8 KB Idempotency-Key', 'k'.repeat(8192)],
  ['Latin-1 Idempotency-Key', 'cl\u00e9-\u00ff'],
  ['JSON Idempotency-Key', '{"a":1}'],
];

const BAD_TOKENS: readonly [string, string][] = [
  ['no token', ''],
  ['Bearer without a token', 'Bearer'],
  ['garbage token', 'Bearer not.a.jwt'],
  ['unsigned JWT (alg none)', `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"someone","token_use":"access","exp":9999999999}').toString('base64url')}.`],
  ['Basic credentials', 'Basic dXNlcjpwYXNz'],
  ['8 KB token', `Bearer ${'a'.repeat(8192)}`],
];

const RAW_BODIES: readonly [string, (validJson: string) => string | Uint8Array][] = [
  ['truncated JSON', (j) => j.slice(0, Math.max(1, Math.floor(j.length / 2)))],
  ['trailing comma', (j) => (j.endsWith('}') ? `${j.slice(0, -1)},}` : `${j},`)],
  ['trailing garbage', (j) => `${j}xyz`],
  ['two JSON documents', (j) => `${j}${j}`],
  ['single quotes', (j) => j.replace(/"/g, "'")],
  ['BOM before JSON', (j) => `\ufeff${j}`],
  ['JSON array root', () => '[1,2,3]'],
  ['JSON string root', () => '"hello"'],
  ['JSON number root', () => '12'],
  ['null root', () => 'null'],
  ['empty object', () => '{}'],
  ['empty body', () => ''],
  ['whitespace body', () => ' \n\t '],
  ['NaN token', () => '{"amount":NaN,"openingBalance":NaN,"priority":NaN}'],
  ['Infinity token', () => '{"amount":Infinity}'],
  ['duplicate keys', (j) => (j.startsWith('{"') ? `{"__dup":1,${j.slice(1).replace(/^("[^"]*"):/, '$1:"first",$1:')}` : j)],
  ['array nested 5000 deep', () => `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['object nested 3000 deep', () => `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`],
  ['invalid UTF-8 bytes', (j) => Buffer.concat([Buffer.from(j.slice(0, -1)), Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from(j.slice(-1))])],
  ['raw NUL byte', (j) => `${j.slice(0, 1)}\u0000${j.slice(1)}`],
  ['10,000 keys', () => `{${Array.from({ length: 10_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`],
  ['UTF-16 encoded JSON', (j) => Buffer.from(j, 'utf16le')],
];

const CONTENT_TYPES: readonly string[] = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'APPLICATION/JSON', 'application/merge-patch+json', ''];

/** Builds case `index` of a run: the operation is chosen round-robin, everything else from the case's own seed. */
export function buildCase(ops: Operation[], root: unknown, seed: number, index: number): FuzzCase {
  const op = ops[index % ops.length] as Operation;
  const cs = caseSeed(seed, index);
  const g = new Gen(cs);
  const kind = g.weighted([[30, 'valid'], [25, 'boundary'], [45, 'invalid']] as const);
  // Routes that end or change the caller's own account or sessions run as a fresh user of their own.
  const destructive = op.auth !== 'public' && ((op.method === 'DELETE' && op.path === '/me') || /logout|password/.test(op.path));
  const defaultCaller: Caller = op.auth === 'public' ? 'none' : destructive ? 'fresh-user' : typeof op.auth === 'object' ? (g.chance(0.85) ? 'admin' : 'user') : 'user';
  const c: FuzzCase = { index, seed, op, kind, label: kind, caller: defaultCaller, pathParams: {}, query: [], headers: {}, foreign: false };

  // A valid base request. Leaf-targeted cases get every optional part so the target exists.
  const targeted = kind !== 'valid';
  const full = targeted && g.chance(0.7);
  for (const p of op.parameters) {
    const ctx = ctxOf(op, root, p.in, p.name, full);
    if (p.in === 'path') c.pathParams[p.name] = valid(g, p.schema, ctx) as Part;
    else if (p.in === 'query' && (p.required || full || g.chance(0.4))) c.query.push([p.name, stringify(valid(g, p.schema, ctx))]);
    else if (p.in === 'header' && (p.required || g.chance(0.6))) c.headers[p.name] = stringify(valid(g, p.schema, ctx)) as string | Ref;
  }
  if (op.body && (op.body.required || full || g.chance(0.7))) c.body = { value: valid(g, op.body.schema, ctxOf(op, root, 'body', 'body', full)) };
  cohere(c, g);

  if (kind === 'valid') {
    c.label = 'valid';
    return c;
  }

  const locs: Loc[] = [
    ...op.parameters.map((p) => ({ where: p.in, param: p, name: p.name, schema: p.schema }) as Loc),
    ...(op.body ? bodyLocations(op.body.schema, root) : []),
  ];

  if (kind === 'boundary') {
    // Probes are computed for one location at a time (they build long values), in a seeded order.
    const order = locs.map((l) => ({ l, r: g.next() })).sort((a, b) => a.r - b.r);
    let found: { l: Loc; probes: ReturnType<typeof boundaries> } | undefined;
    for (const { l } of order) {
      const probes = boundaries(g, l.schema, ctxOf(op, root, l.where, l.name));
      if (probes.length) {
        found = { l, probes };
        break;
      }
    }
    if (!found) {
      c.label = 'boundary: nothing bounded, sent valid';
      return c;
    }
    const { l, probes } = found;
    const probe = g.pick(probes);
    place(c, l, probe.value, root);
    c.label = `boundary: ${label(l)} = ${probe.label}`;
    return c;
  }

  // invalid: one kind of breakage, among those that apply to this operation.
  const stringLocs = locs.filter((l) => mainType(l.schema, root) === 'string' || l.where !== 'body');
  const numberLocs = locs.filter((l) => ['integer', 'number'].includes(mainType(l.schema, root) ?? ''));
  const bodyLocs = locs.filter((l) => l.where === 'body');
  const objectLocs = bodyLocs.filter((l) => mainType(l.schema, root) === 'object');
  const requiredLocs = requiredPaths(op, root);
  const refLocs = collectRefs(c);
  const mutations: [number, string][] = [];
  if (locs.length) mutations.push([8, 'wrong-type']);
  if (requiredLocs.length) mutations.push([5, 'missing-required']);
  if (op.body) mutations.push([5, 'unknown-field'], [7, 'raw-body'], [3, 'content-type']);
  if (stringLocs.length) mutations.push([5, 'huge-string'], [8, 'unicode']);
  if (numberLocs.length) mutations.push([7, 'number-limits']);
  if (op.parameters.some((p) => p.in === 'path')) mutations.push([8, 'bad-path']);
  if (op.parameters.some((p) => p.in === 'query')) mutations.push([6, 'bad-query']);
  mutations.push([2, 'unknown-query']);
  if (op.parameters.some((p) => p.in === 'query' && p.name === 'cursor')) mutations.push([6, 'bad-cursor']);
  if (op.parameters.some((p) => p.in === 'header')) mutations.push([6, 'bad-header']);
  if (op.auth !== 'public') mutations.push([4, 'bad-token']);
  if (typeof op.auth === 'object') mutations.push([3, 'no-permission']);
  if (refLocs.some((r) => ['account', 'category', 'transaction', 'rule', 'import'].includes(r.pool))) mutations.push([6, 'foreign-id'], [3, 'wrong-kind-id']);
  const m = g.weighted(mutations.map(([w, n]) => [w, n] as const));

  switch (m) {
    case 'wrong-type': {
      const l = g.pick(locs);
      const options = WRONG_TYPES.filter(([, v]) => validate(l.schema, v, root).length > 0);
      const [name, v] = g.pick(options.length ? options : WRONG_TYPES);
      if (l.where === 'body') place(c, l, clone(v), root);
      else place(c, l, typeof v === 'string' ? v : JSON.stringify(v), root);
      c.label = `invalid: ${label(l)} = ${name}`;
      break;
    }
    case 'missing-required': {
      const path = g.pick(requiredLocs);
      if (path[0] === '$param') {
        const name = String(path[1]);
        if (c.pathParams[name] !== undefined) c.pathParams[name] = { raw: '' };
        c.query = c.query.filter(([k]) => k !== name);
        delete c.headers[name];
        c.label = `invalid: required parameter ${name} left out`;
      } else if (path.length === 0) {
        delete c.body;
        c.label = 'invalid: required body left out';
      } else {
        if (!c.body || !('value' in c.body)) c.body = { value: valid(g, op.body?.schema ?? {}, ctxOf(op, root, 'body', 'body', true)) };
        deleteAt(c.body.value, path);
        c.label = `invalid: required body.${path.join('.')} left out`;
      }
      break;
    }
    case 'unknown-field': {
      const targets = [[] as (string | number)[], ...objectLocs.map((l) => (l.where === 'body' ? l.path : []))];
      const at = g.pick(targets);
      const name = g.pick(UNKNOWN_FIELDS);
      if (!c.body || !('value' in c.body)) c.body = { value: {} };
      const parent = at.length ? getAt(c.body.value, at) : c.body.value;
      const value = g.pick([true, 'someone-else', { admin: true }, 1]);
      if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) setOwn(parent as Record<string, unknown>, name, value);
      c.label = `invalid: unknown field ${at.length ? `body.${at.join('.')}.` : 'body.'}${name} = ${JSON.stringify(value)}`;
      break;
    }
    case 'raw-body': {
      const [name, make] = g.pick(RAW_BODIES);
      const json = c.body && 'value' in c.body ? JSON.stringify(stripMarkers(c.body.value)) : '{}';
      c.body = { raw: make(json) };
      c.contentType = 'application/json';
      c.label = `invalid: body ${name}`;
      break;
    }
    case 'content-type': {
      c.contentType = g.pick(CONTENT_TYPES);
      if (!c.body) c.body = { value: {} };
      c.label = `invalid: content-type ${JSON.stringify(c.contentType)}`;
      break;
    }
    case 'huge-string': {
      const l = g.pick(stringLocs);
      const [name, s] = hugeString(g);
      if (l.where === 'body') place(c, l, s, root);
      else if (l.where === 'header') place(c, l, 'h'.repeat(Math.min(s.length, g.pick([4096, 12_000, 20_000]))), root);
      else place(c, l, 'q'.repeat(Math.min(s.length, g.pick([2048, 8192, 16_000]))), root);
      c.label = `invalid: ${label(l)} = ${l.where === 'body' ? name : 'long ASCII'}`;
      break;
    }
    case 'unicode': {
      const l = g.pick(stringLocs);
      const [name, s] = g.pick(NASTY_STRINGS);
      const prefix = g.chance(0.5) ? '' : 'Coffee ';
      if (l.where === 'header') place(c, l, g.pick(['caf\u00e9', 'x\u00a0y', '\u00ff\u00fe']), root);
      else place(c, l, l.where === 'body' ? prefix + s : encodeUnicode(prefix + s), root);
      c.label = `invalid: ${label(l)} = ${l.where === 'header' ? 'Latin-1 text' : name}`;
      break;
    }
    case 'number-limits': {
      const l = g.pick(numberLocs);
      const [name, v] = g.pick(NASTY_NUMBERS);
      if (l.where === 'body') place(c, l, v, root);
      else place(c, l, v instanceof Raw ? v.json : String(v), root);
      c.label = `invalid: ${label(l)} = ${name}`;
      break;
    }
    case 'bad-path': {
      const names = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      const name = g.pick(names);
      const [what, raw] = g.pick(BAD_PATH_VALUES);
      c.pathParams[name] = { raw };
      c.label = `invalid: path ${name} = ${what}`;
      break;
    }
    case 'bad-query': {
      const qp = op.parameters.filter((p) => p.in === 'query');
      const p = g.pick(qp);
      const [what, raw] = g.pick(BAD_QUERY_VALUES);
      c.query = c.query.filter(([k]) => k !== p.name);
      if (g.chance(0.2)) {
        c.query.push([p.name, stringify(valid(g, p.schema, ctxOf(op, root, 'query', p.name))) as Part], [p.name, { raw }]);
        c.label = `invalid: query ${p.name} repeated, second = ${what}`;
      } else {
        c.query.push([p.name, { raw }]);
        c.label = `invalid: query ${p.name} = ${what}`;
      }
      break;
    }
    case 'unknown-query': {
      const [k, v] = g.pick([['__proto__', '1'], ['limit[]', '5'], ['zz', 'x'], ['constructor', 'x'], ['userId', 'someone'], ['%ZZ', '1'], ['', '']] as const);
      c.query.push([k, { raw: v }]);
      c.label = `invalid: unknown query parameter ${JSON.stringify(k)}`;
      break;
    }
    case 'bad-cursor': {
      const [what, v] = g.pick(BAD_CURSORS);
      c.query = c.query.filter(([k]) => k !== 'cursor');
      c.query.push(['cursor', g.chance(0.2) ? new Ref('cursor', 1) : v]);
      c.label = `invalid: ${c.query[c.query.length - 1]?.[1] instanceof Ref ? 'tampered real cursor' : what}`;
      break;
    }
    case 'bad-header': {
      const hs = op.parameters.filter((p) => p.in === 'header');
      const h = g.pick(hs);
      const lower = h.name.toLowerCase();
      const [what, v] = lower === 'if-match' ? g.pick(BAD_IF_MATCH) : lower === 'idempotency-key' ? g.pick(BAD_IDEMPOTENCY_KEYS) : g.pick([...BAD_IF_MATCH, ...BAD_IDEMPOTENCY_KEYS]);
      c.headers[h.name] = v;
      c.label = `invalid: header ${what}`;
      break;
    }
    case 'bad-token': {
      const [what, header] = g.pick(BAD_TOKENS);
      c.caller = { bad: what, header };
      c.label = `invalid: ${what}`;
      break;
    }
    case 'no-permission': {
      c.caller = 'user';
      c.label = 'invalid: a user without the permission';
      break;
    }
    case 'foreign-id':
    case 'wrong-kind-id': {
      const kinds = ['account', 'category', 'transaction', 'rule', 'import'];
      const refs = refLocs.filter((r) => kinds.includes(r.pool));
      const r = g.pick(refs);
      const replacement = m === 'foreign-id' ? new Ref(r.pool, r.index, true) : new Ref(g.pick(kinds.filter((k) => k !== r.pool)), r.index);
      replaceRef(c, r, replacement);
      c.foreign = m === 'foreign-id';
      c.label = m === 'foreign-id' ? `invalid: another user's ${r.pool} id` : `invalid: a ${replacement.pool} id where a ${r.pool} id belongs`;
      break;
    }
  }
  return c;
}

/** `a > b` for two numbers, two numeric strings (numerically) or two other strings (dates, months); else false. */
function greater(a: unknown, b: unknown): boolean {
  const plain = (x: unknown) => typeof x === 'number' || typeof x === 'string';
  if (!plain(a) || !plain(b) || a === '' || b === '') return false;
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na > nb;
  return typeof a === 'string' && typeof b === 'string' && a > b;
}

const RANGES: [string, string][] = [
  ['from', 'to'],
  ['minAmount', 'maxAmount'],
  ['amountMin', 'amountMax'],
];

/**
 * Makes a generated base request agree with the rules the schema cannot state (so valid cases get past validation
 * and reach the use cases): ranges in order, `toAccountId` only on transfers, splits that add up to the amount.
 */
function cohere(c: FuzzCase, g: Gen): void {
  const order = (get: (k: string) => unknown, set: (k: string, v: unknown) => void) => {
    for (const [lo, hi] of RANGES) {
      const a = get(lo);
      const b = get(hi);
      if (greater(a, b)) {
        set(lo, b);
        set(hi, a);
      }
    }
  };
  const q = new Map(c.query);
  order(
    (k) => q.get(k),
    (k, v) => q.set(k, v as Part),
  );
  c.query = [...q.entries()];
  const walk = (v: unknown) => {
    if (v === null || typeof v !== 'object' || v instanceof Ref || v instanceof Raw) return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    order(
      (k) => o[k],
      (k, x) => setOwn(o, k, x),
    );
    if (typeof o.type === 'string' && ['expense', 'income', 'transfer'].includes(o.type)) {
      if (o.type !== 'transfer') delete o.toAccountId;
      else {
        delete o.categoryId;
        if (g.chance(0.8)) {
          setOwn(o, 'accountId', new Ref('account', 0));
          setOwn(o, 'toAccountId', new Ref('account', 1));
        }
      }
      if (Array.isArray(o.splits) && typeof o.amount === 'number') {
        if (o.type === 'transfer' || g.chance(0.5)) delete o.splits;
        else {
          const splits = o.splits as { amount?: unknown }[];
          const rest = splits.slice(0, -1).reduce((sum, sp) => sum + (typeof sp.amount === 'number' ? sp.amount : 0), 0);
          const last = splits[splits.length - 1];
          if (last) last.amount = o.amount - rest;
          delete o.categoryId;
        }
      }
    }
    Object.values(o).forEach(walk);
  };
  if (c.body && 'value' in c.body) walk(c.body.value);
}

/** Paths of required body fields, the empty path when the body itself is required, `['$param', name]` for required parameters. */
function requiredPaths(op: Operation, root: unknown): (string | number)[][] {
  const out: (string | number)[][] = op.parameters.filter((p) => p.required).map((p) => ['$param', p.name]);
  if (op.body?.required) out.push([]);
  if (op.body) {
    const walk = (s: Schema, path: (string | number)[], depth: number) => {
      const r = resolve(s, root);
      if (depth > 4) return;
      const branches = r.anyOf ?? r.oneOf;
      if (branches) {
        const nonNull = branches.find((b) => mainType(b, root) !== 'null');
        if (nonNull) walk(nonNull, path, depth);
        return;
      }
      for (const k of r.required ?? []) out.push([...path, k]);
      for (const [k, p] of Object.entries(r.properties ?? {})) walk(p, [...path, k], depth + 1);
    };
    walk(op.body.schema, [], 0);
  }
  return out;
}

function stringify(v: unknown): string | Ref {
  if (v instanceof Ref) return v;
  if (typeof v === 'string') return v;
  if (v instanceof Raw) return v.json;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Percent-encodes text (lone surrogates as the UTF-8 bytes of U+FFFD would hide them, so they are written as WTF-8). */
function encodeUnicode(s: string): { raw: string } {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) out += `%${(0xe0 | (cp >> 12)).toString(16)}%${(0x80 | ((cp >> 6) & 0x3f)).toString(16)}%${(0x80 | (cp & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(ch);
  }
  return { raw: out };
}

/** Puts a value at a location of the case (the body is created with every field when missing). */
function place(c: FuzzCase, l: Loc, value: unknown, root: unknown): void {
  if (l.where === 'body') {
    if (!c.body || !('value' in c.body)) c.body = { value: valid(new Gen(c.seed ^ 0x5bd1e995), c.op.body?.schema ?? {}, ctxOf(c.op, root, 'body', 'body', true)) };
    if (!setAt(c.body.value, l.path, value)) {
      // The parent was left out (an optional object or a null branch): give it a full valid value first.
      const parentPath = l.path.slice(0, -1);
      for (let i = 1; i <= parentPath.length; i++) {
        const p = parentPath.slice(0, i);
        const cur = getAt(c.body.value, p);
        if (cur === null || typeof cur !== 'object') setAt(c.body.value, p, typeof parentPath[i] === 'number' ? [] : {});
      }
      setAt(c.body.value, l.path, value);
    }
    return;
  }
  const part: Part = value instanceof Ref || (value !== null && typeof value === 'object' && 'raw' in (value as object)) ? (value as Part) : String(value instanceof Raw ? value.json : value);
  if (l.where === 'path') c.pathParams[l.param.name] = part;
  else if (l.where === 'query') {
    c.query = c.query.filter(([k]) => k !== l.param.name);
    c.query.push([l.param.name, part]);
  } else c.headers[l.param.name] = typeof part === 'object' && !(part instanceof Ref) ? part.raw : part;
}

/** Whether another user's id sits in the path or the body (a 2xx then means their resource was reached). */
export function foreignInPathOrBody(c: FuzzCase): boolean {
  const refs = collectRefs({ ...c, query: [], headers: {} });
  return refs.some((r) => r.foreign);
}

/** Every Ref a case holds (path, query, headers, body). */
function collectRefs(c: FuzzCase): Ref[] {
  const out: Ref[] = [];
  const walk = (v: unknown) => {
    if (v instanceof Ref) out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object' && !(v instanceof Raw)) Object.values(v).forEach(walk);
  };
  walk(c.pathParams);
  walk(c.query.map(([, v]) => v));
  walk(c.headers);
  if (c.body && 'value' in c.body) walk(c.body.value);
  return out;
}

function replaceRef(c: FuzzCase, from: Ref, to: Ref): void {
  const swap = (v: unknown): unknown => {
    if (v === from) return to;
    if (Array.isArray(v)) return v.map(swap);
    if (v !== null && typeof v === 'object' && !(v instanceof Raw) && !(v instanceof Ref)) {
      for (const k of Object.keys(v)) setOwn(v as Record<string, unknown>, k, swap((v as Record<string, unknown>)[k]));
    }
    return v;
  };
  for (const k of Object.keys(c.pathParams)) c.pathParams[k] = swap(c.pathParams[k]) as Part;
  c.query = c.query.map(([k, v]) => [k, swap(v) as Part]);
  for (const k of Object.keys(c.headers)) c.headers[k] = swap(c.headers[k]) as string | Ref;
  if (c.body && 'value' in c.body) c.body.value = swap(c.body.value);
}

function stripMarkers(v: unknown): unknown {
  if (v instanceof Raw) return Number(v.json);
  if (v instanceof Ref) return v.toString();
  if (Array.isArray(v)) return v.map(stripMarkers);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) setOwn(out, k, stripMarkers((v as Record<string, unknown>)[k]));
    return out;
  }
  return v;
}

/** One line that says what a case sends (Refs shown by pool, long strings by length). */
export function describeCase(c: FuzzCase): string {
  const who = typeof c.caller === 'object' ? `auth=${JSON.stringify(c.caller.bad)}` : `as=${c.caller}`;
  const path = c.op.path.replace(/\{([^}]+)\}/g, (_, n: string) => partText(c.pathParams[n]));
  const query = c.query.length ? `?${c.query.map(([k, v]) => `${k}=${partText(v)}`).join('&')}` : '';
  const headers = Object.entries(c.headers).map(([k, v]) => ` ${k}: ${describeValue(v instanceof Ref ? v.toString() : v, 80)}`);
  const ct = c.contentType !== undefined ? ` content-type: ${JSON.stringify(c.contentType)}` : '';
  let body = '';
  if (c.body && 'value' in c.body) body = ` body=${describeValue(c.body.value)}`;
  else if (c.body) {
    const raw = c.body.raw;
    const text = typeof raw === 'string' ? raw : `bytes:${Buffer.from(raw).toString('hex').slice(0, 200)}`;
    body = ` rawBody=${JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text)}${text.length > 200 ? `(${text.length} chars)` : ''}`;
  }
  return `${c.op.method} ${path}${query.length > 300 ? `${query.slice(0, 300)}…(${query.length} chars)` : query} ${who}${headers.join('')}${ct}${body}`;
}

function partText(p: Part | undefined): string {
  if (p === undefined) return '';
  if (p instanceof Ref) return p.toString();
  const s = typeof p === 'string' ? encodeURIComponent(p) : p.raw;
  return s.length > 100 ? `${s.slice(0, 40)}…(${s.length} chars)` : s;
}

