/**
 * A mixed write load against a Tally API on loopback, and the checks that follow it. Writers create transactions
 * (with Idempotency-Key), edit them (If-Match), delete them and send small imports, as real clients would: a 503 is
 * answered by retrying after its Retry-After (the same Idempotency-Key; an edit or delete whose outcome is unknown is
 * read back first). Every acknowledged write is remembered, so afterwards the stored state can be checked against it.
 * Used by `npm run load` (tests/load/main.ts) and the fault test (tests/integration/fault.test.ts).
 */
import { randomUUID } from 'node:crypto';

export interface LoadOptions {
  apiUrl: string;
  /** How long writers start new operations. */
  seconds: number;
  writers: number;
  users: number;
  /** Per-request client timeout: a request still unanswered then counts as a hang. Default 30 s. */
  requestTimeoutMs?: number;
  /** Longest pause a writer takes after a 503 (it honours Retry-After up to this). Default 1 s. */
  maxBackoffMs?: number;
  /** Called every 5 s with the running totals. */
  progress?: (line: string) => void;
  /** Called when the users are set up and the writers start. */
  onStarted?: () => void;
}

/** One answer seen by a writer. */
export interface Sample {
  op: Op;
  status: number | 'timeout' | 'network';
  ms: number;
  at: number;
  retryAfter: string | null;
  problemType: string | null;
}

type Op = 'create' | 'edit' | 'delete' | 'import' | 'read';

/** What a client knows for sure about one of its transactions. */
interface Known {
  id: string;
  accountId: string;
  type: 'expense' | 'income';
  amount: number;
  version: number;
  deleted: boolean;
}

export interface LoadUser {
  email: string;
  userId: string;
  token: string;
  accounts: { id: string; openingBalance: number }[];
}

export interface LoadRun {
  users: LoadUser[];
  samples: Sample[];
  known: Map<string, Known & { user: number }>;
  imports: { user: number; importId: string; accountId: string }[];
  startedAt: number;
  endedAt: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;
const randInt = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));
const WORDS = ['bakery', 'rent', 'grocer', 'fuel', 'cinema', 'books', 'pharmacy', 'train', 'coffee', 'market', 'garden', 'hardware', 'tailor', 'florist'];
const word = () => `${pick(WORDS)} ${Array.from({ length: 6 }, () => String.fromCharCode(97 + randInt(0, 25))).join('')}`;
const day = () => `2024-${String(randInt(1, 12)).padStart(2, '0')}-${String(randInt(1, 28)).padStart(2, '0')}`;

interface Reply {
  status: number | 'timeout' | 'network';
  body: Record<string, unknown> | undefined;
  headers: Headers | undefined;
}

/** The HTTP client of the load: every answer is recorded as a sample. */
export class Client {
  readonly samples: Sample[] = [];
  constructor(
    private readonly apiUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async send(op: Op, method: string, path: string, o: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const t = Date.now();
    let reply: Reply;
    try {
      const res = await fetch(`${this.apiUrl}${path}`, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body), signal: AbortSignal.timeout(this.timeoutMs) });
      const text = await res.text();
      let body: Record<string, unknown> | undefined;
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      } catch {
        body = undefined;
      }
      reply = { status: res.status, body, headers: res.headers };
    } catch (e) {
      reply = { status: (e as Error).name === 'TimeoutError' ? 'timeout' : 'network', body: undefined, headers: undefined };
    }
    this.samples.push({
      op,
      status: reply.status,
      ms: Date.now() - t,
      at: t,
      retryAfter: reply.headers?.get('retry-after') ?? null,
      problemType: typeof reply.body?.type === 'string' ? reply.body.type : null,
    });
    return reply;
  }
}

/** Whether an answer leaves the outcome unknown (the client must find out, or try again). */
const uncertain = (s: Reply['status']) => typeof s !== 'number' || s >= 500;

async function setupUser(c: Client, i: number): Promise<LoadUser> {
  const email = `load-${i}-${randomUUID().slice(0, 8)}@example.com`;
  const password = 'Correct-Horse-42';
  const reg = await c.send('read', 'POST', '/auth/register', { body: { email, password, name: `Load ${i}` } });
  if (reg.status !== 201) throw new Error(`register ${email}: ${String(reg.status)} ${JSON.stringify(reg.body)}`);
  const login = await c.send('read', 'POST', '/auth/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login ${email}: ${String(login.status)}`);
  const token = String(login.body?.accessToken);
  const accounts: LoadUser['accounts'] = [];
  for (const name of ['Giro', 'Savings']) {
    const openingBalance = randInt(0, 500_000);
    const acc = await c.send('read', 'POST', '/accounts', { token, body: { name, type: 'checking', currency: 'EUR', openingBalance } });
    if (acc.status !== 201) throw new Error(`account: ${String(acc.status)} ${JSON.stringify(acc.body)}`);
    accounts.push({ id: String(acc.body?.id), openingBalance });
  }
  return { email, userId: String(reg.body?.userId), token, accounts };
}

/** Registers the users, then runs `writers` writers for `seconds`; resolves when every writer has stopped. */
export async function runLoad(o: LoadOptions): Promise<LoadRun> {
  const c = new Client(o.apiUrl, o.requestTimeoutMs ?? 30_000);
  const users: LoadUser[] = [];
  for (let i = 0; i < o.users; i += 5) users.push(...(await Promise.all(Array.from({ length: Math.min(5, o.users - i) }, (_, k) => setupUser(c, i + k)))));
  c.samples.length = 0; // setup is not part of the figures
  const known = new Map<string, Known & { user: number }>();
  const imports: LoadRun['imports'] = [];
  const importing = new Set<number>();
  const maxBackoff = o.maxBackoffMs ?? 1000;
  const startedAt = Date.now();
  const until = startedAt + o.seconds * 1000;
  o.onStarted?.();
  const backoff = (r: Reply) => sleep(Math.min(maxBackoff, Number(r.headers?.get('retry-after') ?? '1') * 1000 || maxBackoff));

  /** Reads a transaction until the API answers, and takes what it says as the truth. */
  const resync = async (u: LoadUser, k: Known) => {
    for (let i = 0; i < 200; i++) {
      const r = await c.send('read', 'GET', `/transactions/${k.id}`, { token: u.token });
      if (r.status === 404) {
        k.deleted = true;
        return;
      }
      if (r.status === 200 && r.body) {
        Object.assign(k, { version: Number(r.body.version), amount: Number(r.body.amount), accountId: String(r.body.accountId), type: r.body.type as Known['type'] });
        return;
      }
      await backoff(r);
    }
  };

  const writer = async (w: number) => {
    const ui = w % users.length;
    const u = users[ui] as LoadUser;
    const mine: Known[] = [];
    const canImport = w < users.length; // one importing writer per user: a user runs one import at a time
    while (Date.now() < until) {
      const live = mine.filter((k) => !k.deleted);
      const r = Math.random();
      if (canImport && !importing.has(ui) && r > 0.93) {
        const acc = pick(u.accounts);
        const rows = Array.from({ length: randInt(3, 20) }, () => `${day()},${(randInt(-20000, 20000) / 100).toFixed(2)},${word()}`).filter((l) => !/,(-)?0\.00,/.test(l));
        const key = randomUUID();
        for (;;) {
          const res = await c.send('import', 'POST', '/imports', { token: u.token, headers: { 'idempotency-key': key }, body: { accountId: acc.id, format: 'csv', content: `Date,Amount,Description\n${rows.join('\n')}\n` } });
          if (res.status === 202) {
            imports.push({ user: ui, importId: String(res.body?.importId), accountId: acc.id });
            importing.add(ui);
            const id = String(res.body?.importId);
            void (async () => {
              // The user's next import waits for this one (one import per user at a time).
              for (let i = 0; i < 600; i++) {
                const s = await c.send('read', 'GET', `/imports/${id}`, { token: u.token });
                if (s.status === 200 && (s.body?.status === 'completed' || s.body?.status === 'failed')) break;
                await sleep(250);
              }
              importing.delete(ui);
            })();
          }
          if (!uncertain(res.status) || Date.now() > until + 30_000) break;
          await backoff(res);
        }
      } else if (live.length < 3 || r < 0.45) {
        const acc = pick(u.accounts);
        const body = { type: Math.random() < 0.7 ? 'expense' : 'income', amount: randInt(1, 250_000), currency: 'EUR', date: day(), description: word(), accountId: acc.id };
        const key = randomUUID();
        for (;;) {
          const res = await c.send('create', 'POST', '/transactions', { token: u.token, headers: { 'idempotency-key': key }, body });
          if (res.status === 201 && res.body) {
            const k: Known = { id: String(res.body.id), accountId: acc.id, type: body.type as Known['type'], amount: body.amount, version: Number(res.body.version), deleted: false };
            mine.push(k);
            known.set(k.id, { ...k, user: ui });
          }
          if (!uncertain(res.status) || Date.now() > until + 30_000) break;
          await backoff(res); // same key: a retried create is never recorded twice
        }
      } else if (r < 0.8) {
        const k = pick(live);
        const patch: Record<string, unknown> = { amount: randInt(1, 250_000), description: word() };
        if (Math.random() < 0.3) patch.accountId = pick(u.accounts).id;
        const res = await c.send('edit', 'PATCH', `/transactions/${k.id}`, { token: u.token, headers: { 'if-match': `"${k.version}"` }, body: patch });
        if (res.status === 200 && res.body) Object.assign(k, { version: Number(res.body.version), amount: patch.amount, accountId: String(res.body.accountId) });
        else if (uncertain(res.status) || res.status === 412) {
          if (uncertain(res.status)) await backoff(res);
          await resync(u, k);
        }
        known.set(k.id, { ...k, user: ui });
      } else {
        const k = pick(live);
        const res = await c.send('delete', 'DELETE', `/transactions/${k.id}`, { token: u.token, headers: { 'if-match': `"${k.version}"` } });
        if (res.status === 204 || res.status === 404) k.deleted = true;
        else if (uncertain(res.status) || res.status === 412) {
          if (uncertain(res.status)) await backoff(res);
          await resync(u, k);
        }
        known.set(k.id, { ...k, user: ui });
      }
    }
  };

  const ticker = o.progress
    ? setInterval(() => {
        const n = c.samples.length;
        const bad = c.samples.filter((s) => typeof s.status !== 'number' || s.status >= 500).length;
        o.progress?.(`${((Date.now() - startedAt) / 1000).toFixed(0)} s: ${n} requests, ${bad} 5xx/failed`);
      }, 5000)
    : undefined;
  try {
    await Promise.all(Array.from({ length: o.writers }, (_, w) => writer(w)));
  } finally {
    if (ticker) clearInterval(ticker);
  }
  return { users, samples: c.samples, known, imports, startedAt, endedAt: Date.now() };
}

/** Status counts per operation, and latency percentiles. */
export function summarize(run: LoadRun) {
  const byOp: Record<string, Record<string, number>> = {};
  const latency: Record<string, { p50: number; p95: number; p99: number; max: number }> = {};
  for (const s of run.samples) {
    const m = (byOp[s.op] ??= {});
    m[String(s.status)] = (m[String(s.status)] ?? 0) + 1;
  }
  for (const op of Object.keys(byOp)) {
    const ms = run.samples
      .filter((s) => s.op === op)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? 0;
    latency[op] = { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: ms[ms.length - 1] ?? 0 };
  }
  const seconds = (run.endedAt - run.startedAt) / 1000;
  const writes = run.samples.filter((s) => s.op !== 'read').length;
  const fiveXX = run.samples.filter((s) => typeof s.status === 'number' && s.status >= 500).length;
  const failed = run.samples.filter((s) => typeof s.status !== 'number').length;
  return { seconds, requests: run.samples.length, writes, throughput: run.samples.length / seconds, writeThroughput: writes / seconds, fiveXX, failed, byOp, latency };
}

interface Listed {
  id: string;
  accountId: string | null;
  type: string;
  amount: number;
  version: number;
  importId: string | null;
}

async function listAll(c: Client, u: LoadUser): Promise<Listed[]> {
  const out: Listed[] = [];
  let cursor: string | null = null;
  do {
    const res = await c.send('read', 'GET', `/transactions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: u.token });
    if (res.status !== 200 || !res.body) throw new Error(`GET /transactions answered ${String(res.status)}`);
    out.push(...(res.body.items as Listed[]));
    cursor = (res.body.nextCursor as string | null) ?? null;
  } while (cursor);
  return out;
}

/** What the checks after a run found. */
export interface Verification {
  transactionsChecked: number;
  deletesChecked: number;
  importsChecked: number;
  importedRows: number;
  accountsChecked: number;
  violations: string[];
}

/**
 * Checks the stored state against what the writers were told: every acknowledged create, edit and delete is there
 * as acknowledged; every completed import's rows are there; every account's balance is its opening balance plus the
 * sum of its transactions. Waits (up to `importWaitMs`) for the imports still running.
 */
export async function verifyStored(apiUrl: string, run: LoadRun, importWaitMs = 120_000): Promise<Verification> {
  const c = new Client(apiUrl, 30_000);
  const v: Verification = { transactionsChecked: 0, deletesChecked: 0, importsChecked: 0, importedRows: 0, accountsChecked: 0, violations: [] };
  const importState = new Map<string, { status: string; imported: number }>();
  const until = Date.now() + importWaitMs;
  for (const imp of run.imports) {
    const u = run.users[imp.user] as LoadUser;
    for (;;) {
      const s = await c.send('read', 'GET', `/imports/${imp.importId}`, { token: u.token });
      const status = String(s.body?.status ?? s.status);
      if (status === 'completed' || status === 'failed' || Date.now() > until) {
        importState.set(imp.importId, { status, imported: Number(s.body?.imported ?? 0) });
        if (status !== 'completed') v.violations.push(`import ${imp.importId} ended ${status}${s.body?.failure ? `: ${String(s.body.failure)}` : ''}`);
        break;
      }
      await sleep(250);
    }
  }
  for (const [ui, u] of run.users.entries()) {
    const listed = await listAll(c, u);
    const byId = new Map(listed.map((t) => [t.id, t]));
    for (const k of run.known.values()) {
      if (k.user !== ui) continue;
      const t = byId.get(k.id);
      if (k.deleted) {
        v.deletesChecked++;
        if (t) v.violations.push(`transaction ${k.id}: acknowledged deleted, still listed`);
        continue;
      }
      v.transactionsChecked++;
      if (!t) v.violations.push(`transaction ${k.id}: acknowledged (version ${k.version}), missing`);
      else if (t.version !== k.version || t.amount !== k.amount || t.accountId !== k.accountId) {
        v.violations.push(`transaction ${k.id}: acknowledged v${k.version} ${k.amount} in ${k.accountId}, stored v${t.version} ${t.amount} in ${String(t.accountId)}`);
      }
    }
    for (const imp of run.imports.filter((i) => i.user === ui)) {
      const state = importState.get(imp.importId);
      if (state?.status !== 'completed') continue;
      v.importsChecked++;
      const rows = listed.filter((t) => t.importId === imp.importId).length;
      v.importedRows += rows;
      // Rows an acknowledged delete removed later are gone on purpose; the writers only delete their own creations.
      if (rows !== state.imported) v.violations.push(`import ${imp.importId}: reports ${state.imported} imported, ${rows} stored`);
    }
    const accounts = await c.send('read', 'GET', '/accounts', { token: u.token });
    for (const acc of (accounts.body?.items ?? []) as { id: string; openingBalance: number; balance: number | string }[]) {
      v.accountsChecked++;
      let sum = BigInt(acc.openingBalance);
      for (const t of listed) if (t.accountId === acc.id) sum += BigInt(t.type === 'expense' ? -t.amount : t.amount);
      if (BigInt(acc.balance) !== sum) v.violations.push(`account ${acc.id}: balance ${String(acc.balance)}, opening + transactions ${sum}`);
    }
  }
  return v;
}
