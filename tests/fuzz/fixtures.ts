import { Gen, type Ref, toJson } from './gen';
import type { Operation } from './operations';
import { valid } from './values';

/** A signed-in user as the fuzzer needs it. */
export interface FuzzUser {
  email: string;
  password: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
}

/** How the fuzzer gets users: its own HTTP calls (npm run fuzz), or the test helpers (tests/support/api.ts). */
export interface Session {
  newUser(): Promise<FuzzUser>;
  admin(): Promise<{ accessToken: string }>;
}

/** A Session over plain HTTP: register + login, and the bootstrap administrator's credentials. */
export function httpSession(apiUrl: string, adminCredentials: { email: string; password: string }): Session {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as Record<string, string>;
  };
  let n = 0;
  return {
    async newUser() {
      const email = `fz-user-${process.pid}-${Date.now().toString(36)}-${n++}@example.com`;
      const password = 'Correct-Horse-42';
      const reg = await post('/auth/register', { email, password, name: 'Fuzz User' });
      const login = await post('/auth/login', { email, password });
      return { email, password, userId: reg.userId ?? '', accessToken: login.accessToken ?? '', refreshToken: login.refreshToken ?? '' };
    },
    async admin() {
      const login = await post('/auth/login', adminCredentials);
      return { accessToken: login.accessToken ?? '' };
    },
  };
}

/** Pools of ids and tokens the cases' Refs resolve against. */
export interface Fixtures {
  user: FuzzUser;
  other: FuzzUser;
  loginTarget: FuzzUser;
  adminToken: string;
  keep: Record<string, string[]>;
  spare: Record<string, string[]>;
  foreign: Record<string, string[]>;
  /** Ids of the other user's resources that no case ever sends: no answer may contain one. */
  secret: string[];
  cursor?: string;
  /** What setup could not create (reported, not fatal: the run still fuzzes with fewer fixtures). */
  warnings: string[];
}

/** A call that answers status and parsed JSON, never throws on an HTTP error. */
export async function api(apiUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const send = () => fetch(`${apiUrl}${path}`, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}), signal: AbortSignal.timeout(60_000) });
  // Setup is not under test: a connection reset (a kept-alive socket closed by the server as it was reused) is retried.
  const res = await send().catch((e: Error & { cause?: { code?: string } }) => {
    if (e.cause?.code === 'ECONNRESET' || e.cause?.code === 'UND_ERR_SOCKET') return send();
    throw e;
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** The resources fixtures are made of: the pool, the creating operation, how many to keep and to spare for DELETE. */
const KINDS: { pool: string; create: string; keep: number; spare: number; admin?: boolean }[] = [
  { pool: 'account', create: 'POST /accounts', keep: 4, spare: 8 },
  { pool: 'category', create: 'POST /categories', keep: 3, spare: 6 },
  { pool: 'transaction', create: 'POST /transactions', keep: 5, spare: 8 },
  { pool: 'rule', create: 'POST /rules', keep: 3, spare: 6 },
  { pool: 'import', create: 'POST /imports', keep: 3, spare: 0 },
  { pool: 'role', create: 'POST /auth/create_role', keep: 3, spare: 3, admin: true },
];

/** The id a create answer names. */
function idOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  for (const k of ['id', 'importId', 'name']) if (typeof b[k] === 'string') return b[k];
  return undefined;
}

/**
 * Creates the run's fixtures: the fuzz user's accounts, categories, transactions, rules, imports and roles (bodies
 * generated from the same schemas as the cases, retried until enough succeed), the same resources of another user
 * (never a caller: their data must come out unchanged), and a user whose email, password and refresh token the
 * login and refresh cases use.
 */
export async function createFixtures(apiUrl: string, ops: Operation[], root: unknown, session: Session, seed: number): Promise<Fixtures> {
  const [user, other, loginTarget, adm] = await Promise.all([session.newUser(), session.newUser(), session.newUser(), session.admin()]);
  const fx: Fixtures = { user, other, loginTarget, adminToken: adm.accessToken, keep: {}, spare: {}, foreign: {}, secret: [], warnings: [] };
  const g = new Gen(seed ^ 0x2545f491);
  for (const kind of KINDS) {
    const op = ops.find((o) => o.key === kind.create);
    if (!op?.body) {
      fx.warnings.push(`no ${kind.create} in the OpenAPI document: no ${kind.pool} fixtures`);
      continue;
    }
    const owners: [FuzzUser | undefined, Record<string, string[]>, number][] = kind.admin
      ? [[undefined, fx.keep, kind.keep + kind.spare]]
      : [
          [user, fx.keep, kind.keep + kind.spare],
          [other, fx.foreign, 3],
        ];
    for (const [owner, target, count] of owners) {
      const ids: string[] = [];
      const pools = owner === other ? fx.foreign : fx.keep;
      let lastError = '';
      for (let attempt = 0; ids.length < count && attempt < count * 6; attempt++) {
        const body = valid(g, op.body.schema, { root, name: 'body', where: 'body', method: op.method, path: op.path });
        const text = toJson(body, (r) => resolveRef(r, fx, pools));
        const token = owner ? owner.accessToken : fx.adminToken;
        const res = await api(apiUrl, op.method, op.path, token, text);
        const id = res.status < 300 ? idOf(res.body) : undefined;
        if (id) ids.push(id);
        else lastError = `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
        // One import runs at a time per user, and the other user's data must be settled before it is snapshotted.
        if (id && kind.pool === 'import') await settleImport(apiUrl, id, token);
      }
      if (ids.length < count) fx.warnings.push(`${owner === other ? "other user's" : ''}${kind.pool}: made ${ids.length} of ${count} (last refusal: ${lastError})`);
      if (target === fx.keep) {
        fx.keep[kind.pool] = ids.slice(0, kind.keep);
        fx.spare[kind.pool] = ids.slice(kind.keep);
      } else {
        target[kind.pool] = ids.slice(0, 2);
        fx.secret.push(...ids.slice(2));
      }
    }
  }
  (fx.keep.role ??= []).push('admin');
  const list = await api(apiUrl, 'GET', '/transactions?limit=1', user.accessToken);
  const cursor = (list.body as { nextCursor?: unknown } | undefined)?.nextCursor;
  if (typeof cursor === 'string') fx.cursor = cursor;
  else fx.warnings.push(`no cursor from GET /transactions?limit=1 (${list.status})`);
  return fx;
}

/** Waits (up to 20 s) until an import is no longer queued or running. */
async function settleImport(apiUrl: string, id: string, token: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const res = await api(apiUrl, 'GET', `/imports/${encodeURIComponent(id)}`, token);
    const status = (res.body as { status?: unknown } | undefined)?.status;
    if (res.status !== 200 || !['queued', 'processing', 'running', 'pending', 'waiting'].includes(String(status))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The value a Ref stands for (pools of the fuzz user, of the other user, or the login target's credentials). */
export function resolveRef(r: Ref, fx: Fixtures, pools: Record<string, string[]> = fx.keep): unknown {
  const from = (list: string[] | undefined) => (list && list.length ? list[r.index % list.length] : `missing-${r.pool}-${r.index}`);
  switch (r.pool) {
    case 'user':
      return [fx.loginTarget.userId, fx.other.userId, fx.user.userId][r.index % 3];
    case 'email':
      return fx.loginTarget.email;
    case 'password':
      return fx.loginTarget.password;
    case 'refreshToken':
      return fx.loginTarget.refreshToken;
    case 'cursor': {
      const c = fx.cursor ?? 'no-cursor';
      if (r.index === 0) return c;
      const at = Math.floor(c.length / 2);
      return `${c.slice(0, at)}${c[at] === 'A' ? 'B' : 'A'}${c.slice(at + 1)}`;
    }
    default:
      if (r.foreign) return from(fx.foreign[r.pool]);
      if (r.spare && fx.spare[r.pool]?.length) return from(fx.spare[r.pool]);
      return from(pools[r.pool]);
  }
}

const STABLE_FIELDS = ['id', 'name', 'description', 'amount', 'currency', 'type', 'date', 'categoryId', 'accountId', 'toAccountId', 'tags', 'notes', 'archived', 'openingBalance', 'kind', 'parentId', 'conditions', 'actions', 'priority', 'enabled', 'splits'];

/** What the other user owns, reduced to the fields only that user can change (balances and FX move on their own). */
export async function snapshotOther(apiUrl: string, fx: Fixtures): Promise<string> {
  const parts: string[] = [];
  for (const path of ['/accounts', '/categories', '/transactions?limit=100', '/rules']) {
    const res = await api(apiUrl, 'GET', path, fx.other.accessToken);
    const items = ((res.body as { items?: Record<string, unknown>[] } | undefined)?.items ?? []).map((it) => Object.fromEntries(STABLE_FIELDS.filter((k) => k in it).map((k) => [k, it[k]])));
    items.sort((a, b) => String(a.id).localeCompare(String(b.id)));
    parts.push(`${path} ${res.status} ${JSON.stringify(items)}`);
  }
  return parts.join('\n');
}
