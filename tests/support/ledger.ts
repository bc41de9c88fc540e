import { expect } from 'vitest';
import { call, type Answer, type TestUser } from './api';

/** A transaction as the API answers it (the fields tests read). */
export interface Tx {
  id: string;
  type: 'expense' | 'income' | 'transfer';
  amount: number;
  currency: string;
  date: string;
  description: string;
  notes: string | null;
  categoryId: string | null;
  /** Who set the category: the user, a rule, the learned model or the imported file. */
  categorySource?: 'user' | 'rule' | 'model' | 'import' | null;
  categoryConfidence?: number | null;
  appliedRules: string[];
  importId: string | null;
}

/** `GET /imports/{id}`. */
export interface ImportReport {
  importId: string;
  accountId: string;
  format: string;
  dryRun: boolean;
  status: 'queued' | 'processing' | 'completed' | 'failed';
  total: number;
  processed: number;
  imported: number;
  duplicates: { row: number; transactionId: string | null; duplicateOfRow: number | null; reason: string }[];
  errors: { row: number; message: string }[];
  failure?: string;
}

/** Signed amount in minor units: expenses negative. */
export const signed = (t: Pick<Tx, 'type' | 'amount'>) => (t.type === 'expense' ? -t.amount : t.amount);

/** Opens a checking account and returns its id. */
export async function newAccount(u: TestUser, currency: string, openingBalance = 0, name = 'Main'): Promise<string> {
  const res = await call('POST', '/accounts', { token: u.accessToken, body: { name, type: 'checking', currency, openingBalance } });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

/** Every transaction of an account, following the cursor. */
export async function transactionsOf(u: TestUser, accountId: string): Promise<Tx[]> {
  const out: Tx[] = [];
  let cursor: string | null = null;
  do {
    const page: Answer<{ items: Tx[]; nextCursor: string | null }> = await call('GET', `/transactions?accountId=${accountId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      token: u.accessToken,
    });
    expect(page.status, page.text).toBe(200);
    out.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return out;
}

export function postImport(u: TestUser, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer<{ importId: string; status: string }>> {
  return call('POST', '/imports', { token: u.accessToken, body, headers });
}

/** Starts an import and checks the 202 answer with its location. */
export async function startImport(u: TestUser, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string> {
  const res = await postImport(u, body, headers);
  expect(res.status, res.text).toBe(202);
  const id = res.body.importId;
  expect(id).toMatch(/^[A-Za-z0-9._-]+$/);
  expect(res.headers.get('location')).toMatch(new RegExp(`/imports/${id}$`));
  return id;
}

/** The report of an import. */
export async function importReport(u: TestUser, importId: string): Promise<ImportReport> {
  const res = await call<ImportReport>('GET', `/imports/${importId}`, { token: u.accessToken });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/** Polls an import until it completes; `seen` collects every report read on the way. */
export async function finished(u: TestUser, importId: string, timeoutMs = 30_000, seen: ImportReport[] = []): Promise<ImportReport> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const report = await importReport(u, importId);
    seen.push(report);
    if (report.status === 'completed') return report;
    if (report.status === 'failed') throw new Error(`import ${importId} failed: ${report.failure ?? ''}`);
    if (Date.now() > until) throw new Error(`import ${importId} still ${report.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function importAndWait(u: TestUser, body: Record<string, unknown>, timeoutMs?: number): Promise<ImportReport> {
  return finished(u, await startImport(u, body), timeoutMs);
}

/** A savings goal as the API answers it (the fields tests read). */
export interface Goal {
  id: string;
  name: string;
  targetAmount: number;
  currency: string;
  targetDate: string | null;
  accountId: string | null;
  startAmount: number;
  contributionCount: number;
  recentContributions: { id: string; amount: number; date: string; note: string | null }[];
  version: number;
  savedFrom: 'account' | 'contributions';
  saved: number | string;
  remaining: number | string;
  percent: number;
  requiredMonthly: number | string | null;
  averageMonthly: number | string | null;
  projectedCompletion: string | null;
  status: 'on_track' | 'at_risk' | 'off_track' | 'reached';
  feasibility: { probability: number | null; method: string; basis: { source: string; months: string[]; count: number; figures: (number | string)[]; reason: string | null } };
  suggestion: { monthlyGap: number; totalCut: number; closesGap: boolean; cuts: { categoryId: string; median: number; cut: number; newMonthly: number }[] } | null;
}

/** Creates a savings goal and checks the 201 answer. */
export async function newGoal(u: TestUser, body: Record<string, unknown>): Promise<Goal> {
  const res = await call<Goal>('POST', '/goals', { token: u.accessToken, body });
  expect(res.status, res.text).toBe(201);
  return res.body;
}
