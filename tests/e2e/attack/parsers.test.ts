import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { newUser, type TestUser } from '../../support/api';
import { finished, newAccount, startImport, transactionsOf } from '../../support/ledger';

/**
 * Attack class "parsers": crafted bank files must be answered within the request's budget, a pathological one
 * with a 400 problem saying what was wrong (never a 500), and rows with long fields must import (truncated, and
 * reported) instead of overflowing what the import stores.
 */

const SGML_HEAD = 'OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\n\n';
/** Well within the route's budget; the old parser needed tens of seconds for these files. */
const BOUND_MS = 5_000;

let user: TestUser;
let accountId: string;

beforeAll(async () => {
  user = await newUser('Parser Attacker');
  accountId = await newAccount(user, 'EUR');
});

interface Reply {
  status: number;
  type: string;
  body: { detail?: string; errors?: { path: string; message: string }[] };
  ms: number;
}

/** POST /imports with a deadline: a parser that is superlinear on the file aborts the request and fails the test. */
async function postWithin(body: Record<string, unknown>, ms = BOUND_MS): Promise<Reply> {
  const { apiUrl } = inject('cloud');
  const t0 = performance.now();
  const res = await fetch(`${apiUrl}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(ms),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (text ? JSON.parse(text) : {}) as Reply['body'], ms: performance.now() - t0 };
}

function expectProblem(res: Reply, detail: RegExp): void {
  expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(400);
  expect(res.type).toBe('application/problem+json');
  expect(res.body.detail).toMatch(detail);
}

describe('attack: parsers', () => {
  it('answers a deeply nested OFX file with a 400 problem naming the nesting, not a 500', async () => {
    const depth = 10_000;
    const content = `${SGML_HEAD}<OFX>\n${'<A>'.repeat(depth)}${'</A>'.repeat(depth)}\n</OFX>\n`;
    const res = await postWithin({ accountId, format: 'ofx', content });
    expectProblem(res, /nesting deeper than 32 at line 9/i);
  });

  it('answers ~1 MB of unterminated OFX comments quickly (the old tokenizer rescanned to the end from each one)', async () => {
    const content = `${SGML_HEAD}<OFX>${'<!--'.repeat(260_000)}`;
    expect(content.length).toBeGreaterThan(1_000_000);
    const res = await postWithin({ accountId, format: 'ofx', content });
    expectProblem(res, /OFX/);
  });

  it('answers ~1 MB of unterminated OFX processing instructions quickly', async () => {
    const content = `${'<?OFX '.repeat(175_000)}<OFX></OFX>`;
    expect(content.length).toBeGreaterThan(1_000_000);
    const res = await postWithin({ accountId, format: 'ofx', content });
    expectProblem(res, /OFX/);
  });

  it('answers a ~1 MB CSV header of unclosed brackets quickly', async () => {
    const content = `Date,Amount,${'('.repeat(1_000_000)}\n2024-03-01,-1.00,Coffee\n`;
    const res = await postWithin({ accountId, format: 'csv', content });
    expectProblem(res, /header|column/i);
  });

  it('imports rows with long descriptions and memos: 202, the import completes, the report lists the truncations', async () => {
    const rows = 400;
    const lines = ['Date,Amount,Description,Memo'];
    for (let i = 0; i < rows; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      lines.push(`2024-02-${day},-${(i + 1) % 97}.${String(i % 100).padStart(2, '0')},Shop ${i} ${'d'.repeat(3000)},Note ${i} ${'m'.repeat(4000)}`);
    }
    const content = `${lines.join('\n')}\n`;
    // The rows alone are far beyond DynamoDB's 400 KB item limit even after truncation (≈ 1 MB).
    expect(content.length).toBeGreaterThan(2_500_000);
    const importId = await startImport(user, { accountId, format: 'csv', content });
    const report = (await finished(user, importId, 60_000)) as Awaited<ReturnType<typeof finished>> & { truncated: { row: number; field: string }[]; truncatedCount: number };
    expect(report.errors.filter((e) => e.row > 0)).toEqual([]);
    expect(report.imported).toBe(rows - report.duplicates.length);
    expect(report.truncatedCount).toBe(rows * 2);
    expect(report.truncated.length).toBe(rows * 2);
    expect(report.truncated).toContainEqual({ row: 2, field: 'description' });
    expect(report.truncated).toContainEqual({ row: 2, field: 'memo' });
    const stored = await transactionsOf(user, accountId);
    const first = stored.find((t) => t.description.startsWith('Shop 0 '));
    expect(first?.description.length).toBe(500);
    expect(first?.notes?.length).toBe(2000);
  });
});
