import { randomUUID } from 'node:crypto';
import { HISTORY_MONTHS, importHistory } from './history';

/**
 * The usage session `npm run capacity` drives over HTTP against its own local cloud, one phase per kind of action.
 * Each phase says how many actions it performed, so the capacity it consumed (with the asynchronous work it
 * started) divides into units per action.
 */

export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON answers of many routes
  etag: string | null;
}

/** An HTTP client of the cloud's API that counts its requests (API Gateway bills each). */
export class Api {
  requests = 0;
  token = '';
  constructor(readonly baseUrl: string) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    this.requests += 1;
    const h: Record<string, string> = { ...headers };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    const json: unknown = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, body: json, etag: res.headers.get('etag') };
  }

  async expect(status: number, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> {
    const a = await this.call(method, path, body, headers);
    if (a.status !== status) throw new Error(`${method} ${path}: ${a.status} (expected ${status}) ${JSON.stringify(a.body).slice(0, 300)}`);
    return a;
  }
}

/** A phase of the session: its action, how many it performed, and its function. */
export interface Phase {
  action: string;
  count: number;
  run: (s: SessionState) => Promise<void>;
  /** A scheduled function fired (as its schedule would) rather than API calls. */
  schedule?: string;
  /** When it fires (its event's time); now when absent. */
  at?: () => Date;
  /** Brings the account to its steady state before anything is measured: run, never counted. */
  unmeasured?: boolean;
}

export interface SessionState {
  api: Api;
  email: string;
  password: string;
  accounts: string[];
  transactions: { id: string; etag: string }[];
  /**
   * Waits until the pipeline has handled the last interactive write. One user's writes are minutes apart, and at a
   * thousand users the consumers see about one event a minute, so each is handled alone (batches of one); sent back
   * to back, they would batch and understate invocations and queue requests.
   */
  between: () => Promise<void>;
}

const MERCHANTS = ['REWE Markt', 'Netflix', 'Shell Station', 'Deutsche Bahn', 'Amazon Marketplace', 'Lidl', 'Spotify', 'Cafe Central', 'Apotheke', 'Stadtwerke'];
const CATEGORIES = ['food.groceries', 'food.restaurants', 'transport', 'shopping', 'housing'];

function day(offset: number): string {
  return new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
}

function month(offset = 0): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - offset);
  return d.toISOString().slice(0, 7);
}

async function signup(s: SessionState): Promise<void> {
  await s.api.expect(201, 'POST', '/auth/register', { email: s.email, password: s.password, name: 'Capacity' });
  s.api.token = (await s.api.expect(200, 'POST', '/auth/login', { email: s.email, password: s.password })).body.accessToken as string;
}

async function setup(s: SessionState): Promise<void> {
  const { api } = s;
  await api.expect(200, 'PATCH', '/me', { baseCurrency: 'EUR', monthlyIncome: { amount: 420000, currency: 'EUR' }, reports: 'both' });
  for (const [name, type] of [['Giro', 'checking'], ['Savings', 'savings']] as const) {
    s.accounts.push((await api.expect(201, 'POST', '/accounts', { name, type, currency: 'EUR', openingBalance: 150000 })).body.id as string);
  }
  await api.expect(201, 'POST', '/categories', { name: 'Board games', kind: 'expense' });
  await api.expect(201, 'POST', '/budgets', { name: 'Everything', period: 'monthly', amount: 150000 });
  await api.expect(201, 'POST', '/budgets', { name: 'Food', categoryId: 'food', period: 'weekly', amount: 8000 });
  await api.expect(201, 'POST', '/goals', { name: 'Bike', targetAmount: 150000, currency: 'EUR', accountId: s.accounts[1] });
}

async function logins(s: SessionState, n: number): Promise<void> {
  for (let i = 0; i < n; i++) s.api.token = (await s.api.expect(200, 'POST', '/auth/login', { email: s.email, password: s.password })).body.accessToken as string;
}

async function createTransactions(s: SessionState, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const usd = i % 10 === 9;
    const body = {
      type: i % 15 === 0 ? 'income' : 'expense',
      amount: 500 + ((i * 7919) % 9000),
      currency: usd ? 'USD' : 'EUR',
      date: day(i % 40),
      description: MERCHANTS[i % MERCHANTS.length],
      ...(i % 3 === 0 ? {} : { categoryId: i % 15 === 0 ? 'income' : CATEGORIES[i % CATEGORIES.length] }),
      accountId: s.accounts[0],
    };
    const a = await s.api.expect(201, 'POST', '/transactions', body, { 'idempotency-key': randomUUID() });
    s.transactions.push({ id: a.body.id as string, etag: a.etag ?? '"1"' });
    await s.between();
  }
}

async function updateTransactions(s: SessionState, n: number): Promise<void> {
  for (const t of s.transactions.slice(0, n)) {
    const a = await s.api.expect(200, 'PATCH', `/transactions/${t.id}`, { description: 'REWE Markt Berlin', categoryId: 'food.groceries' }, { 'if-match': t.etag });
    t.etag = a.etag ?? t.etag;
    await s.between();
  }
}

async function deleteTransactions(s: SessionState, n: number): Promise<void> {
  for (const t of s.transactions.splice(-n)) {
    await s.api.expect(204, 'DELETE', `/transactions/${t.id}`, undefined, { 'if-match': t.etag });
    await s.between();
  }
}

async function listTransactions(s: SessionState, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await s.api.expect(200, 'GET', `/transactions?from=${day(60)}&to=${day(0)}&limit=50`);
}

/** A bank CSV of `rows` rows, its descriptions and amounts varied as a statement's are. */
export function statementCsv(rows: number, seed: number): string {
  const lines = ['Date,Amount,Description'];
  // Amounts differ row by row and file by file: no row is a duplicate (same amount, date ±3 days, description).
  for (let i = 0; i < rows; i++) lines.push(`${day((i + seed) % 50)},-${(1 + i * 1.37 + seed * 0.29).toFixed(2)},${MERCHANTS[(i + seed) % MERCHANTS.length]}`);
  return `${lines.join('\n')}\n`;
}

async function importFile(s: SessionState, rows: number, seed: number): Promise<void> {
  const started = await s.api.expect(202, 'POST', '/imports', { accountId: s.accounts[0], format: 'csv', content: statementCsv(rows, seed) });
  const id = started.body.importId as string;
  const until = Date.now() + 120_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const job = await s.api.expect(200, 'GET', `/imports/${id}`);
    if (job.body.status === 'completed') {
      if (job.body.imported !== rows) throw new Error(`import ${id} wrote ${job.body.imported} of ${rows} rows: ${JSON.stringify(job.body).slice(0, 300)}`);
      return;
    }
    if (job.body.status === 'failed' || Date.now() > until) throw new Error(`import ${id}: ${JSON.stringify(job.body).slice(0, 300)}`);
  }
}

/**
 * One dashboard view: what a home screen shows, in its one request (profile, accounts, budget status, goals, unread
 * alerts, open advice, forecast, the month's summary and 12-month trend, health), as the web app asks it.
 */
async function dashboard(s: SessionState): Promise<void> {
  const view = await s.api.expect(200, 'GET', '/dashboard');
  // A section that failed would make the view cheaper than a real one: count only complete views.
  if ((view.body.problems as unknown[]).length > 0) throw new Error(`GET /dashboard: failed sections ${JSON.stringify(view.body.problems).slice(0, 300)}`);
}

export const IMPORT_ROWS = 50;

/** This week's Monday (UTC) at `hour`:00Z: when the weekly report of a user in UTC is due. */
export function mondayAt(hour: number, now = new Date()): Date {
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7), hour));
  return monday;
}

/** The 1st of this month (UTC) at `hour`:00Z: when the monthly report of a user in UTC is due. */
export function firstOfMonthAt(hour: number, now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, hour));
}

/** The session, in order. Counts are the actions each phase performs. */
export function phases(): Phase[] {
  return [
    { action: 'signup', count: 1, run: signup },
    { action: 'setup', count: 1, run: setup },
    { action: `history (${HISTORY_MONTHS} months, not counted)`, count: 1, unmeasured: true, run: async (s) => void (await importHistory(s)) },
    { action: 'login', count: 5, run: (s) => logins(s, 5) },
    { action: 'transaction create', count: 30, run: (s) => createTransactions(s, 30) },
    { action: 'transaction update', count: 10, run: (s) => updateTransactions(s, 10) },
    { action: 'transaction delete', count: 5, run: (s) => deleteTransactions(s, 5) },
    { action: 'transaction list', count: 10, run: (s) => listTransactions(s, 10) },
    { action: `import (${IMPORT_ROWS} rows)`, count: 2, run: async (s) => (await importFile(s, IMPORT_ROWS, 1), await importFile(s, IMPORT_ROWS, 2)) },
    { action: 'dashboard view', count: 3, run: async (s) => (await dashboard(s), await dashboard(s), await dashboard(s)) },
    { action: 'report on demand', count: 1, run: async (s) => (await s.api.expect(200, 'GET', `/reports/monthly?month=${month(1)}&format=json`), await s.api.expect(200, 'GET', `/reports/monthly?month=${month(1)}&format=html`), undefined) },
    { action: 'weekly report run', count: 1, schedule: 'schedule-reports', at: () => mondayAt(7), run: async () => undefined },
    { action: 'monthly report run', count: 1, schedule: 'schedule-monthly-reports', at: () => firstOfMonthAt(7), run: async () => undefined },
    { action: 'nightly reconcile run', count: 1, schedule: 'reconcile-analytics', run: async () => undefined },
    { action: 'advice refresh run', count: 1, schedule: 'refresh-advice', run: async () => undefined },
    { action: 'alerts digest run', count: 1, schedule: 'alerts-digest', run: async () => undefined },
  ];
}
