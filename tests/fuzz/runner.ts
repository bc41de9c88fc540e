import { buildCase, describeCase, foreignInPathOrBody, type FuzzCase, type Part } from './cases';
import { createFixtures, resolveRef, snapshotOther, type Fixtures, type Session } from './fixtures';
import { Ref, toJson } from './gen';
import { operationsOf, type OpenApiDocument, type Operation } from './operations';
import { ignoredKeywords, validate } from './schema';

export interface FuzzOptions {
  apiUrl: string;
  session: Session;
  seed: number;
  cases: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Run only these case numbers (replay). */
  only?: number[];
  /** Run only operations whose `METHOD /path` contains this text. */
  filter?: string;
  /** Client-side limit per request; the longest route timeout is 29 s. */
  timeoutMs?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Called with every case and its answer (npm run fuzz -- --trace). */
  trace?: (line: string) => void;
}

/** One broken promise of the API, with what it takes to replay it. */
export interface Failure {
  index: number;
  op: string;
  /** no-answer, 5xx, problem, schema, media-type, undocumented-status, cross-tenant, isolation. */
  check: string;
  status: number;
  message: string;
  request: string;
  label: string;
  response: string;
}

/** Cases of one operation: how many, answers by status (0 = no answer), and time to answer. */
export interface OpStats {
  cases: number;
  statuses: Map<number, number>;
  totalMs: number;
  maxMs: number;
}

export interface FuzzResult {
  seed: number;
  cases: number;
  ms: number;
  /** Per operation: cases, and answers by status. */
  perOp: Map<string, OpStats>;
  perKind: Record<string, number>;
  failures: Failure[];
  /** Cases the HTTP client itself refused to send (e.g. a header value fetch rejects). */
  unsendable: { index: number; op: string; reason: string }[];
  warnings: string[];
}

const PROBLEM = 'application/problem+json';

function fillPart(p: Part | undefined, fx: Fixtures): string {
  if (p === undefined) return '';
  if (p instanceof Ref) return encodeURIComponent(String(resolveRef(p, fx)));
  if (typeof p === 'string') return encodeURIComponent(p);
  return p.raw;
}

interface Sent {
  url: string;
  init: RequestInit;
}

async function tokenFor(c: FuzzCase, fx: Fixtures, session: Session): Promise<string | undefined> {
  if (typeof c.caller === 'object') return undefined;
  if (c.caller === 'user') return fx.user.accessToken;
  if (c.caller === 'admin') return fx.adminToken;
  if (c.caller === 'fresh-user') return (await session.newUser()).accessToken;
  return undefined;
}

async function request(c: FuzzCase, apiUrl: string, fx: Fixtures, session: Session, timeoutMs: number): Promise<Sent> {
  const path = c.op.path.replace(/\{([^}]+)\}/g, (_, n: string) => fillPart(c.pathParams[n], fx));
  const query = c.query.map(([k, v]) => `${typeof v === 'object' && !(v instanceof Ref) ? k : encodeURIComponent(k)}=${fillPart(v, fx)}`).join('&');
  const headers: Record<string, string> = {};
  const token = await tokenFor(c, fx, session);
  if (token) headers.authorization = `Bearer ${token}`;
  if (typeof c.caller === 'object' && c.caller.header) headers.authorization = c.caller.header;
  for (const [k, v] of Object.entries(c.headers)) {
    if (v instanceof Ref && v.pool === 'etag') headers[k] = await currentEtag(apiUrl, path, token);
    else headers[k] = v instanceof Ref ? String(resolveRef(v, fx)) : v;
  }
  let body: string | Uint8Array | undefined;
  if (c.body && 'value' in c.body) body = toJson(c.body.value, (r) => resolveRef(r, fx));
  else if (c.body) body = c.body.raw;
  if (body !== undefined) {
    if (c.contentType === undefined) headers['content-type'] = 'application/json';
    else if (c.contentType !== '') headers['content-type'] = c.contentType;
  }
  return {
    url: `${apiUrl}${path}${query ? `?${query}` : ''}`,
    init: { method: c.op.method, headers, ...(body !== undefined ? { body } : {}), signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' },
  };
}

/**
 * The ETag a GET of the same path answers now (the version an update must name); for a resource without a GET of
 * its own (categories, rules), the version of its entry in the collection's list; else "0".
 */
async function currentEtag(apiUrl: string, path: string, token: string | undefined): Promise<string> {
  const get = async (p: string) => {
    const res = await fetch(`${apiUrl}${p}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
    if (!res) return { etag: null, json: undefined };
    const etag = res.headers.get('etag');
    const text = await res.text();
    try {
      return { etag, json: JSON.parse(text) as unknown };
    } catch {
      return { etag, json: undefined };
    }
  };
  const own = await get(path);
  if (own.etag) return own.etag;
  const v = (own.json as { version?: unknown } | undefined)?.version;
  if (typeof v === 'number') return `"${v}"`;
  const cut = path.lastIndexOf('/');
  const id = decodeURIComponent(path.slice(cut + 1));
  const items = ((await get(path.slice(0, cut))).json as { items?: { id?: unknown; version?: unknown }[] } | undefined)?.items;
  const entry = Array.isArray(items) ? items.find((i) => i.id === id) : undefined;
  return typeof entry?.version === 'number' ? `"${entry.version}"` : '"0"';
}

/** The oracle: no 5xx, every 4xx a problem document, every 2xx the documented status and shape. */
export function check(op: Operation, status: number, contentType: string, text: string, root: unknown): { check: string; message: string }[] {
  const out: { check: string; message: string }[] = [];
  if (status >= 500) return [{ check: '5xx', message: `answered ${status}` }];
  if (status >= 400) {
    if (!contentType.toLowerCase().startsWith(PROBLEM)) out.push({ check: 'problem', message: `content-type ${JSON.stringify(contentType)}, not ${PROBLEM}` });
    let p: Record<string, unknown> | undefined;
    try {
      const v = JSON.parse(text) as unknown;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) p = v as Record<string, unknown>;
    } catch {
      // reported below
    }
    if (!p) return [...out, { check: 'problem', message: `body is not a JSON object: ${JSON.stringify(text.slice(0, 80))}` }];
    if (typeof p.type !== 'string') out.push({ check: 'problem', message: 'no string `type`' });
    if (typeof p.title !== 'string') out.push({ check: 'problem', message: 'no string `title`' });
    if (p.status !== status) out.push({ check: 'problem', message: `\`status\` ${JSON.stringify(p.status)} differs from the HTTP status ${status}` });
    if (typeof p.detail !== 'string' || p.detail.trim() === '') out.push({ check: 'problem', message: 'no non-empty `detail`' });
    return out;
  }
  if (status >= 300) return op.documented.includes(status) ? out : [{ check: 'undocumented-status', message: `answered ${status}` }];
  if (status !== op.success.status && !op.documented.includes(status)) out.push({ check: 'undocumented-status', message: `answered ${status}; the document says ${op.success.status}` });
  if (status === 204) {
    if (text !== '') out.push({ check: 'schema', message: `204 with a body: ${JSON.stringify(text.slice(0, 80))}` });
    return out;
  }
  const mt = op.success.mediaType;
  if (mt && !contentType.toLowerCase().startsWith(mt)) out.push({ check: 'media-type', message: `content-type ${JSON.stringify(contentType)}, the document says ${mt}` });
  if (op.success.schema && status === op.success.status) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      return [...out, { check: 'schema', message: `body is not JSON: ${JSON.stringify(text.slice(0, 80))}` }];
    }
    const errs = validate(op.success.schema, v, root);
    if (errs.length) out.push({ check: 'schema', message: `${errs.slice(0, 3).join('; ')}${errs.length > 3 ? ` (+${errs.length - 3} more)` : ''}` });
  }
  return out;
}

/** Fetches the OpenAPI document the API serves. */
export async function fetchOpenApi(apiUrl: string): Promise<OpenApiDocument> {
  const res = await fetch(`${apiUrl}/openapi.json`);
  if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}`);
  return (await res.json()) as OpenApiDocument;
}

/** Runs a fuzz campaign against a running API: fixtures, then every case with bounded concurrency, then the isolation check. */
export async function runFuzz(o: FuzzOptions): Promise<FuzzResult> {
  const log = o.log ?? (() => undefined);
  const started = Date.now();
  const doc = await fetchOpenApi(o.apiUrl);
  let ops = operationsOf(doc);
  if (o.filter) ops = ops.filter((op) => op.key.includes(o.filter as string));
  if (ops.length === 0) throw new Error(`no operation matches ${o.filter ?? ''}`);
  log(`${ops.length} operations from /openapi.json; creating fixtures…`);
  const fx = await createFixtures(o.apiUrl, operationsOf(doc), doc, o.session, o.seed);
  for (const w of fx.warnings) log(`fixture warning: ${w}`);
  const before = await snapshotOther(o.apiUrl, fx);
  log(`fixtures ready in ${Date.now() - started} ms; running ${o.only ? o.only.length : o.cases} cases (seed ${o.seed}, concurrency ${o.concurrency})`);

  // Ids of the other user's resources that no case sends: no answer to the fuzz user may hold one.
  const foreignIds = fx.secret.filter((id) => id.length >= 8);
  const result: FuzzResult = { seed: o.seed, cases: 0, ms: 0, perOp: new Map(), perKind: {}, failures: [], unsendable: [], warnings: [...fx.warnings] };
  for (const op of ops) result.perOp.set(op.key, { cases: 0, statuses: new Map(), totalMs: 0, maxMs: 0 });
  const indices = o.only ?? Array.from({ length: o.cases }, (_, i) => i);
  let next = 0;
  let done = 0;
  const timeoutMs = o.timeoutMs ?? 60_000;
  const tick = Math.max(1, Math.floor(indices.length / 10));

  const runOne = async (index: number) => {
    const c = buildCase(ops, doc, o.seed, index);
    const stats = result.perOp.get(c.op.key) as OpStats;
    stats.cases++;
    result.perKind[c.kind] = (result.perKind[c.kind] ?? 0) + 1;
    const fail = (checkName: string, status: number, message: string, response: string) =>
      result.failures.push({ index, op: c.op.key, check: checkName, status, message, request: describeCase(c), label: c.label, response });
    let sent: Sent;
    try {
      sent = await request(c, o.apiUrl, fx, o.session, timeoutMs);
    } catch (e) {
      result.unsendable.push({ index, op: c.op.key, reason: (e as Error).message });
      return;
    }
    const t0 = Date.now();
    let res: Response;
    let text: string;
    try {
      try {
        res = await fetch(sent.url, sent.init);
      } catch (e) {
        // A kept-alive connection the server closed just as it was reused resets before any byte of the request
        // was read: sent again once, on a new connection. A second reset is a failure.
        const code = (e as { cause?: { code?: string } }).cause?.code;
        if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw e;
        res = await fetch(sent.url, { ...sent.init, signal: AbortSignal.timeout(timeoutMs) });
      }
      text = await res.text();
    } catch (e) {
      const err = e as Error & { cause?: Error };
      if (err.name === 'TypeError' && !err.cause) {
        result.unsendable.push({ index, op: c.op.key, reason: err.message });
        return;
      }
      const reason = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${err.message}${err.cause ? ` (${err.cause.message})` : ''}`;
      stats.statuses.set(0, (stats.statuses.get(0) ?? 0) + 1);
      fail('no-answer', 0, reason, `after ${Date.now() - t0} ms`);
      return;
    }
    const took = Date.now() - t0;
    stats.totalMs += took;
    stats.maxMs = Math.max(stats.maxMs, took);
    stats.statuses.set(res.status, (stats.statuses.get(res.status) ?? 0) + 1);
    o.trace?.(`#${index} [${c.label}] ${describeCase(c)}\n    → ${res.status} ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
    const problems = check(c.op, res.status, res.headers.get('content-type') ?? '', text, doc);
    if (res.status < 300) {
      if (c.foreign && foreignInPathOrBody(c)) problems.push({ check: 'cross-tenant', message: `another user's resource in the ${c.op.method === 'GET' ? 'path' : 'path or body'} answered ${res.status}` });
      const leaked = foreignIds.filter((id) => text.includes(id));
      if (leaked.length) problems.push({ check: 'cross-tenant', message: `the answer holds another user's id(s) ${leaked.join(', ')}` });
    }
    for (const p of problems) fail(p.check, res.status, p.message, text.slice(0, 300));
  };

  const worker = async () => {
    while (next < indices.length) {
      const index = indices[next++] as number;
      await runOne(index);
      result.cases++;
      if (++done % tick === 0) log(`${done}/${indices.length} cases, ${result.failures.length} failures, ${Math.round((Date.now() - started) / 1000)} s`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, worker));

  const after = await snapshotOther(o.apiUrl, fx);
  if (after !== before) {
    result.failures.push({ index: -1, op: '(isolation)', check: 'isolation', status: 0, message: "the other user's data changed although only the fuzz user and the admin called the API", request: `before:\n${before}`, label: 'isolation', response: `after:\n${after}` });
  }
  if (ignoredKeywords.size) result.warnings.push(`schema keywords not checked: ${[...ignoredKeywords].join(', ')}`);
  result.ms = Date.now() - started;
  return result;
}

/** Groups failures into classes: same operation, check, status and message shape. */
export function failureClasses(failures: Failure[]): { key: string; failures: Failure[] }[] {
  const classes = new Map<string, Failure[]>();
  for (const f of failures) {
    const shape = f.message.replace(/\d+/g, 'N').replace(/"[^"]{20,}"/g, '"…"').slice(0, 120);
    const key = `${f.op} | ${f.check} | ${f.status} | ${shape}`;
    (classes.get(key) ?? classes.set(key, []).get(key))?.push(f);
  }
  return [...classes.entries()].map(([key, fs]) => ({ key, failures: fs })).sort((a, b) => b.failures.length - a.failures.length);
}

/** The human report: per-operation counts and status histograms, then every failure by class. */
export function formatReport(r: FuzzResult, maxPerClass = 20): string {
  const lines: string[] = [];
  const width = Math.max(...[...r.perOp.keys()].map((k) => k.length));
  lines.push(`${'operation'.padEnd(width)} cases  avg ms  max ms  statuses`);
  for (const [op, s] of r.perOp) {
    const hist = [...s.statuses.entries()].sort((a, b) => a[0] - b[0]).map(([st, n]) => `${st === 0 ? 'none' : st}×${n}`).join(' ');
    const avg = s.cases ? Math.round(s.totalMs / s.cases) : 0;
    lines.push(`${op.padEnd(width)} ${String(s.cases).padStart(5)}  ${String(avg).padStart(6)}  ${String(s.maxMs).padStart(6)}  ${hist}`);
  }
  const all = new Map<number, number>();
  for (const s of r.perOp.values()) for (const [st, n] of s.statuses) all.set(st, (all.get(st) ?? 0) + n);
  lines.push(`all statuses: ${[...all.entries()].sort((a, b) => a[0] - b[0]).map(([st, n]) => `${st === 0 ? 'none' : st}×${n}`).join(' ')}`);
  lines.push(`kinds: ${Object.entries(r.perKind).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  if (r.unsendable.length) lines.push(`not sent (the HTTP client refused them): ${r.unsendable.length}, e.g. #${r.unsendable[0]?.index} ${r.unsendable[0]?.op}: ${r.unsendable[0]?.reason}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  const classes = failureClasses(r.failures);
  lines.push('');
  lines.push(`${r.cases} cases in ${(r.ms / 1000).toFixed(1)} s (seed ${r.seed}): ${r.failures.length} failures in ${classes.length} classes`);
  for (const c of classes) {
    lines.push('');
    lines.push(`✗ ${c.key}  (${c.failures.length})`);
    for (const f of c.failures.slice(0, maxPerClass)) {
      lines.push(`  #${f.index} [${f.label}] ${f.request}`);
      lines.push(`      → ${f.status} ${f.message}; body: ${f.response.replace(/\s+/g, ' ').slice(0, 240)}`);
    }
    if (c.failures.length > maxPerClass) lines.push(`  … ${c.failures.length - maxPerClass} more (case numbers: ${c.failures.slice(maxPerClass).map((f) => f.index).join(',').slice(0, 400)})`);
  }
  if (classes.length) lines.push('', `replay one case: npm run fuzz -- --seed ${r.seed} --only <case number>`);
  return lines.join('\n');
}
