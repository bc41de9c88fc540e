import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseOfx, parseQif, type ImportRow } from '../../shared/domain/import';
import { call, eventually, newUser, type TestUser } from '../support/api';
import { finished, importAndWait, newAccount, postImport, signed, startImport, transactionsOf, type ImportReport as Report } from '../support/ledger';

/**
 * Bank-file imports over HTTP against the local cloud: every fixture imports with the right signs and balances,
 * and a second import of the same file finds every row already there.
 */

const FIXTURES = 'tests/fixtures/imports';
const fixture = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');

type Format = 'csv' | 'ofx' | 'qif';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function balanceOf(u: TestUser, accountId: string): Promise<number> {
  const res = await call('GET', `/accounts/${accountId}`, { token: u.accessToken });
  expect(res.status).toBe(200);
  return res.body.balance as number;
}

/** Multiset of (date, signed amount, currency), sorted, to compare what was written with what the file holds. */
const shape = (xs: { date: string; amount: number; currency: string }[]) => xs.map((x) => `${x.date} ${x.amount} ${x.currency}`).sort();

interface Spot {
  date: string;
  description: RegExp;
  type: 'expense' | 'income';
  /** Minor units, read from the file by hand. */
  amount: number;
}

interface FixtureCase {
  name: string;
  file: string;
  format: Format;
  currency: string;
  /** Transactions in the file, counted from its structure, not by the parser. */
  count: (text: string) => number;
  /** Whether the rows carry the bank's own ids (OFX FITID). */
  bankIds: boolean;
  spots: Spot[];
}

const lines = (text: string, pattern: RegExp) => text.split(/\r?\n/).filter((l) => pattern.test(l)).length;

const CASES: FixtureCase[] = [
  {
    name: 'US checking CSV, month-first dates',
    file: 'us-bank-checking.csv',
    format: 'csv',
    currency: 'USD',
    count: (t) => lines(t, /^(DEBIT|CREDIT),\d{2}\/\d{2}\/\d{4},/),
    bankIds: false,
    spots: [
      { date: '2024-01-31', description: /WHOLE FOODS/, type: 'expense', amount: 123456 },
      { date: '2024-01-03', description: /ACME CORP/, type: 'income', amount: 285000 },
      { date: '2024-01-25', description: /REFUND: TARGET/, type: 'income', amount: 1999 },
    ],
  },
  {
    name: 'German giro CSV: semicolons, decimal comma, BOM, preamble, multi-line field',
    file: 'de-bank-giro.csv',
    format: 'csv',
    currency: 'EUR',
    count: (t) => lines(t.replace(/^\uFEFF/, ''), /^"\d{2}\.\d{2}\.\d{4}";"\d{2}\.\d{2}\.\d{4}";/),
    bankIds: false,
    spots: [
      { date: '2024-01-30', description: /REWE/, type: 'expense', amount: 4723 },
      { date: '2024-01-29', description: /Müller & Söhne/, type: 'income', amount: 325000 },
      { date: '2024-01-15', description: /Hausverwaltung/, type: 'expense', amount: 115000 },
    ],
  },
  {
    name: 'French CSV: day-first dates, space as thousands separator',
    file: 'fr-bank-compte.csv',
    format: 'csv',
    currency: 'EUR',
    count: (t) => lines(t, /^\d{2}\/\d{2}\/\d{4};/),
    bankIds: false,
    spots: [
      { date: '2024-01-26', description: /VIR RECU/, type: 'income', amount: 248055 },
      { date: '2024-01-18', description: /BOULANGERIE PAUL/, type: 'expense', amount: 785 },
    ],
  },
  {
    name: 'Dutch ING CSV: unsigned amounts with an Af/Bij column',
    file: 'nl-bank-ing.csv',
    format: 'csv',
    currency: 'EUR',
    count: (t) => lines(t, /^"\d{8}",/),
    bankIds: false,
    spots: [
      { date: '2024-01-31', description: /Albert Heijn/, type: 'expense', amount: 2345 },
      { date: '2024-01-25', description: /Werkgever/, type: 'income', amount: 284500 },
      { date: '2024-01-02', description: /de Vries/, type: 'income', amount: 1500 },
    ],
  },
  {
    name: 'card CSV with debit and credit columns',
    file: 'us-card-debit-credit.csv',
    format: 'csv',
    currency: 'USD',
    count: (t) => lines(t, /^\d{4}-\d{2}-\d{2},/),
    bankIds: false,
    spots: [
      { date: '2024-01-09', description: /DELTA AIR LINES/, type: 'expense', amount: 124960 },
      { date: '2024-01-21', description: /AUTOPAY/, type: 'income', amount: 50000 },
      { date: '2024-01-16', description: /AMAZON\.COM RETURN/, type: 'income', amount: 2399 },
    ],
  },
  {
    name: 'OFX 1.02 (SGML) bank statement',
    file: 'bank-statement-1.02.ofx',
    format: 'ofx',
    currency: 'USD',
    count: (t) => (t.match(/<STMTTRN>/g) ?? []).length,
    bankIds: true,
    spots: [
      { date: '2024-01-02', description: /STARBUCKS/, type: 'expense', amount: 450 },
      { date: '2024-01-05', description: /^AT&T \*WIRELESS BILL$/, type: 'expense', amount: 8999 },
      { date: '2024-01-03', description: /ACME CORP PAYROLL/, type: 'income', amount: 285000 },
    ],
  },
  {
    name: 'OFX 2.2 (XML) credit-card statement',
    file: 'credit-card-2.2.ofx',
    format: 'ofx',
    currency: 'USD',
    count: (t) => (t.match(/<STMTTRN>/g) ?? []).length,
    bankIds: true,
    spots: [
      { date: '2024-01-28', description: /^TRADER JOE'S #552$/, type: 'expense', amount: 6412 },
      { date: '2024-01-21', description: /AUTOPAY PAYMENT/, type: 'income', amount: 50000 },
      { date: '2024-01-12', description: /HOTEL LE MARAIS/, type: 'expense', amount: 11970 },
    ],
  },
  {
    name: 'QIF bank account',
    file: 'bank.qif',
    format: 'qif',
    currency: 'USD',
    count: (t) => lines(t, /^\^\s*$/),
    bankIds: false,
    spots: [
      { date: '2024-01-15', description: /Costco/, type: 'expense', amount: 123456 },
      { date: '2024-01-03', description: /ACME Corp Payroll/, type: 'income', amount: 285000 },
      { date: '2024-01-31', description: /Monthly Service Fee/, type: 'expense', amount: 1200 },
    ],
  },
];

function parsed(c: FixtureCase, text: string): ImportRow[] {
  const result = c.format === 'csv' ? parseCsv(text, { currency: c.currency }) : c.format === 'ofx' ? parseOfx(text, { currency: c.currency }) : parseQif(text, { currency: c.currency });
  expect(result.errors).toEqual([]);
  return result.rows;
}

describe.each(CASES)('import of $name ($file)', (c) => {
  it('writes every transaction with signed semantics and the balance, and a second import finds each row a duplicate', async () => {
    const text = fixture(c.file);
    const count = c.count(text);
    expect(count).toBeGreaterThan(3);
    const rows = parsed(c, text);
    expect(rows).toHaveLength(count);

    const u = await newUser();
    const opening = 100_000;
    const accountId = await newAccount(u, c.currency, opening);
    const first = await importAndWait(u, { accountId, format: c.format, content: text });
    expect(first).toMatchObject({ accountId, format: c.format, dryRun: false, status: 'completed', total: count, processed: count, imported: count, duplicates: [], errors: [] });

    const txs = await transactionsOf(u, accountId);
    expect(txs).toHaveLength(count);
    for (const t of txs) {
      expect(t.type).toMatch(/^(expense|income)$/);
      expect(Number.isInteger(t.amount) && t.amount > 0).toBe(true);
      expect(t.currency).toBe(c.currency);
      expect(t.importId).toBe(first.importId);
    }
    expect(shape(txs.map((t) => ({ date: t.date, amount: signed(t), currency: t.currency })))).toEqual(shape(rows));
    for (const s of c.spots) {
      const hit = txs.filter((t) => t.date === s.date && s.description.test(t.description));
      expect(hit, `${s.date} ${String(s.description)}`).toHaveLength(1);
      expect(hit[0]).toMatchObject({ type: s.type, amount: s.amount, currency: c.currency });
    }
    const total = sum(txs.map(signed));
    expect(total).toBe(sum(rows.map((r) => r.amount)));
    expect(await balanceOf(u, accountId)).toBe(opening + total);

    const again = await importAndWait(u, { accountId, format: c.format, content: text });
    expect(again).toMatchObject({ status: 'completed', imported: 0, total: count, processed: count, errors: [] });
    expect(again.importId).not.toBe(first.importId);
    expect(again.duplicates.map((d) => d.row).sort((a, b) => a - b)).toEqual(rows.map((r) => r.row).sort((a, b) => a - b));
    const byId = new Map(txs.map((t) => [t.id, t]));
    const byRow = new Map(rows.map((r) => [r.row, r]));
    for (const d of again.duplicates) {
      expect(d.reason).not.toBe('');
      expect(d.reason).toMatch(c.bankIds ? new RegExp(`bank id.*${byRow.get(d.row)?.bankId ?? 'missing'}`) : /amount.*date.*description/);
      expect(d.duplicateOfRow).toBeNull();
      const existing = byId.get(d.transactionId ?? '');
      expect(existing, `row ${d.row} points at ${String(d.transactionId)}`).toBeDefined();
      const row = byRow.get(d.row);
      expect({ date: existing?.date, amount: existing ? signed(existing) : undefined }).toEqual({ date: row?.date, amount: row?.amount });
    }
    expect(new Set(again.duplicates.map((d) => d.transactionId)).size).toBe(count);
    expect(await transactionsOf(u, accountId)).toHaveLength(count);
    expect(await balanceOf(u, accountId)).toBe(opening + total);
  });
});

describe('duplicates', () => {
  it('reports a row repeated within the file against its first occurrence', async () => {
    const u = await newUser();
    const accountId = await newAccount(u, 'EUR');
    const content = ['Date,Description,Amount', '2024-02-01,Corner Bakery,-3.20', '2024-02-02,Book Store,-15.00', '2024-02-01,Corner Bakery,-3.20', '2024-02-03,Corner Bakery,-3.20', ''].join('\n');
    const report = await importAndWait(u, { accountId, format: 'csv', content });
    expect(report).toMatchObject({ total: 4, processed: 4, imported: 3, errors: [] });
    expect(report.duplicates).toHaveLength(1);
    expect(report.duplicates[0]).toMatchObject({ row: 4, duplicateOfRow: 2, transactionId: null });
    expect(report.duplicates[0]?.reason).toMatch(/amount.*date.*description/);
    const txs = await transactionsOf(u, accountId);
    expect(txs.map((t) => `${t.date} ${t.description}`).sort()).toEqual(['2024-02-01 Corner Bakery', '2024-02-02 Book Store', '2024-02-03 Corner Bakery']);
  });

  it('finds a near-duplicate of an existing transaction: same amount and normalised description within ±3 days', async () => {
    const u = await newUser();
    const accountId = await newAccount(u, 'EUR');
    const add = async (date: string, amount: number, description: string) => {
      const res = await call('POST', '/transactions', { token: u.accessToken, body: { type: 'expense', amount, currency: 'EUR', date, description, accountId } });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const coffee = await add('2024-05-10', 450, 'STARBUCKS STORE #12345 SEATTLE WA');
    const netflix = await add('2024-05-01', 1549, 'NETFLIX');
    await add('2024-05-01', 999, 'SPOTIFY');
    const content = [
      'Date,Description,Amount',
      '2024-05-12,Starbucks Store 98765 Seattle WA,-4.50', // 2 days from the coffee, store number aside: duplicate
      '2024-05-20,Starbucks Store #12345 Seattle WA,-4.50', // 10 days away: new
      '2024-05-11,Starbucks,-5.00', // another amount: new
      '2024-05-10,Coffee Shop Central,-4.50', // another description: new
      '2024-05-04,Netflix,-15.49', // 3 days: duplicate
      '2024-05-05,Spotify,-9.99', // 4 days: new
      '',
    ].join('\n');
    const report = await importAndWait(u, { accountId, format: 'csv', content });
    expect(report).toMatchObject({ total: 6, imported: 4, errors: [] });
    expect([...report.duplicates].sort((a, b) => a.row - b.row)).toEqual([
      // The matched transaction as the worker read it, so a client need not fetch it: its amount signed as the account sees it.
      { row: 2, transactionId: coffee, duplicateOfRow: null, reason: expect.stringMatching(/within 2 days/), matched: { date: '2024-05-10', amount: -450, currency: 'EUR', description: 'STARBUCKS STORE #12345 SEATTLE WA' } },
      { row: 6, transactionId: netflix, duplicateOfRow: null, reason: expect.stringMatching(/within 3 days/), matched: { date: '2024-05-01', amount: -1549, currency: 'EUR', description: 'NETFLIX' } },
    ]);
    expect(await transactionsOf(u, accountId)).toHaveLength(3 + 4);
  });
});

describe('import options', () => {
  it('with dryRun reports what would happen and writes nothing', async () => {
    const u = await newUser();
    const accountId = await newAccount(u, 'USD', 5000);
    const text = fixture('us-bank-checking.csv');
    const count = CASES.find((c) => c.file === 'us-bank-checking.csv')?.count(text) ?? 0;
    expect(count).toBeGreaterThan(1);
    const dry = await importAndWait(u, { accountId, format: 'csv', content: text, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, status: 'completed', total: count, imported: count, duplicates: [], errors: [] });
    expect(await transactionsOf(u, accountId)).toEqual([]);
    expect(await balanceOf(u, accountId)).toBe(5000);
    // Nothing written, so a real import afterwards finds nothing to skip.
    const real = await importAndWait(u, { accountId, format: 'csv', content: text });
    expect(real).toMatchObject({ dryRun: false, imported: count, duplicates: [] });
    expect(await transactionsOf(u, accountId)).toHaveLength(count);
  });

  it('reads a CSV through an explicit mapping: debit/credit columns, dd/mm/yyyy, decimal comma', async () => {
    const u = await newUser();
    const accountId = await newAccount(u, 'EUR');
    // Headers no bank uses, dates valid either way round, amounts whose "." is a thousands separator.
    const content = ['Booked on,What,Paid,Got', '03/02/2024,Piano Store,"1.250",', '05/02/2024,Refund from shop,,12', '11/01/2024,Kitchen fitter,"2.000",', ''].join('\r\n');
    const unmapped = await postImport(u, { accountId, format: 'csv', content });
    expect(unmapped.status).toBe(400);
    const report = await importAndWait(u, {
      accountId,
      format: 'csv',
      content,
      mapping: { date: 'Booked on', amount: { debit: 'Paid', credit: 'Got' }, description: 'What', dateFormat: 'dd/mm/yyyy', decimalSeparator: ',' },
    });
    expect(report).toMatchObject({ total: 3, imported: 3, errors: [], duplicates: [] });
    const txs = await transactionsOf(u, accountId);
    expect(txs.map((t) => ({ date: t.date, type: t.type, amount: t.amount, description: t.description })).sort((a, b) => a.date.localeCompare(b.date))).toEqual([
      { date: '2024-01-11', type: 'expense', amount: 200000, description: 'Kitchen fitter' },
      { date: '2024-02-03', type: 'expense', amount: 125000, description: 'Piano Store' },
      { date: '2024-02-05', type: 'income', amount: 1200, description: 'Refund from shop' },
    ]);
    expect(await balanceOf(u, accountId)).toBe(-200000 - 125000 + 1200);
  });

  it('lists unreadable rows with their row numbers and imports the rest', async () => {
    const u = await newUser();
    const accountId = await newAccount(u, 'EUR');
    const content = [
      'Date,Description,Amount', // 1
      '2024-03-01,Coffee,-3.20', // 2
      '2024-13-45,Bad date,-1.00', // 3
      '2024-03-02,Bad amount,abc', // 4
      '2024-03-03,Lunch,-12.50', // 5
      ',Empty date,-1.00', // 6
      '2024-03-04,Nothing at all,0.00', // 7
      '',
    ].join('\n');
    const report = await importAndWait(u, { accountId, format: 'csv', content });
    expect(report).toMatchObject({ status: 'completed', imported: 2, total: 6, processed: 6, duplicates: [] });
    expect(report.errors.map((e) => e.row).sort((a, b) => a - b)).toEqual([3, 4, 6, 7]);
    for (const e of report.errors) expect(e.message.length).toBeGreaterThan(5);
    const txs = await transactionsOf(u, accountId);
    expect(txs.map((t) => `${t.date} ${t.description} ${signed(t)}`).sort()).toEqual(['2024-03-01 Coffee -320', '2024-03-03 Lunch -1250']);
  });

  it('refuses a wholly unreadable file with 400 problem+json', async () => {
    const u = await newUser();
    const accountId = await newAccount(u, 'EUR');
    for (const [format, content] of [
      ['csv', 'hello there\nthis is not a bank statement\n'],
      ['ofx', 'OFXHEADER:100\nnothing else\n'],
      ['qif', '!Type:Bank\nPnobody\n^\n'],
    ] as const) {
      const res = await postImport(u, { accountId, format, content });
      expect(res.status, `${format}: ${res.text}`).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, title: expect.any(String), detail: expect.stringMatching(/could not be imported/) });
    }
    expect(await transactionsOf(u, accountId)).toEqual([]);
  });

  it('answers 404 for another user’s import id', async () => {
    const owner = await newUser();
    const accountId = await newAccount(owner, 'USD');
    const id = await startImport(owner, { accountId, format: 'ofx', content: fixture('bank-statement-1.02.ofx') });
    expect((await call('GET', `/imports/${id}`, { token: owner.accessToken })).status).toBe(200);
    const other = await newUser();
    const res = await call('GET', `/imports/${id}`, { token: other.accessToken });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(accountId);
    expect((await call('GET', '/imports/no-such-import', { token: owner.accessToken })).status).toBe(404);
    // Nor can it import into an account it does not own.
    expect((await postImport(other, { accountId, format: 'ofx', content: fixture('bank-statement-1.02.ofx') })).status).toBe(400);
    await finished(owner, id);
  });

  it('returns the same import for a retried POST with the same Idempotency-Key', async () => {
    const u = await newUser();
    const accountId = await newAccount(u, 'USD');
    const text = fixture('credit-card-2.2.ofx');
    const body = { accountId, format: 'ofx', content: text };
    const key = `imp-${Date.now()}`;
    const first = await startImport(u, body, { 'idempotency-key': key });
    const retry = await startImport(u, body, { 'idempotency-key': key });
    expect(retry).toBe(first);
    const other = await postImport(u, { ...body, dryRun: true }, { 'idempotency-key': key });
    expect(other.status).toBe(422);
    const report = await finished(u, first);
    const count = (text.match(/<STMTTRN>/g) ?? []).length;
    expect(report).toMatchObject({ imported: count, duplicates: [] });
    const txs = await transactionsOf(u, accountId);
    expect(txs).toHaveLength(count);
    expect(new Set(txs.map((t) => t.importId))).toEqual(new Set([first]));
  });

  it('applies the user’s rules to imported rows', async () => {
    const u = await newUser();
    const accountId = await newAccount(u, 'USD');
    const rule = await call('POST', '/rules', { token: u.accessToken, body: { name: 'Coffee', priority: 1, conditions: { descriptionContains: 'blue bottle' }, actions: { categoryId: 'food.coffee', tags: ['coffee'] } } });
    expect(rule.status).toBe(201);
    const text = fixture('us-card-debit-credit.csv');
    const count = CASES.find((c) => c.file === 'us-card-debit-credit.csv')?.count(text) ?? 0;
    expect(count).toBeGreaterThan(1);
    const report = await importAndWait(u, { accountId, format: 'csv', content: text });
    expect(report.imported).toBe(count);
    const txs = await transactionsOf(u, accountId);
    const coffee = txs.filter((t) => /BLUE BOTTLE/.test(t.description));
    expect(coffee).toHaveLength(1);
    expect(coffee[0]).toMatchObject({ categoryId: 'food.coffee', appliedRules: [rule.body.id], tags: ['coffee'] });
    // The other rows: no rule; the file's own Category where it names one of the user's ("Groceries"), else only the
    // learned categoriser's guess (its prior knows merchants such as Uber), marked as such.
    for (const t of txs.filter((x) => !/BLUE BOTTLE/.test(x.description))) {
      const expected = /TRADER JOE/.test(t.description)
        ? { categoryId: 'food.groceries', categorySource: 'import' }
        : t.categorySource === 'model'
          ? { categorySource: 'model', categoryConfidence: expect.any(Number) }
          : { categoryId: null, categorySource: null };
      expect(t).toMatchObject({ ...expected, appliedRules: [] });
    }
  });
});

describe('a large file', () => {
  it('imports 5,000 generated rows with consistent progress, every one counted by analytics', { timeout: 420_000 }, async () => {
    const u = await newUser();
    const opening = 1_000_000;
    const accountId = await newAccount(u, 'EUR', opening);
    const n = 5000;
    const merchants = ['Grocer', 'Bakery', 'Fuel Station', 'Pharmacy', 'Bookshop', 'Cinema', 'Hardware', 'Florist'];
    const out = ['Date;Description;Amount'];
    let expected = 0;
    for (let i = 0; i < n; i++) {
      const day = new Date(Date.UTC(2023, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
      // Distinct amounts: no row repeats another.
      const cents = i % 10 === 0 ? 100_000 + i : -(100 + i);
      expected += cents;
      const abs = Math.abs(cents);
      out.push(`${day};${merchants[i % merchants.length] ?? 'Shop'} ${String.fromCharCode(65 + (i % 26))};${cents < 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`);
    }
    const content = out.join('\n') + '\n';
    const started = Date.now();
    const id = await startImport(u, { accountId, format: 'csv', content });
    const seen: Report[] = [];
    const report = await finished(u, id, 150_000, seen);
    const ms = Date.now() - started;
    expect(report).toMatchObject({ status: 'completed', total: n, processed: n, imported: n, duplicates: [], errors: [] });
    let previous = { processed: 0, imported: 0 };
    for (const r of seen) {
      expect(r.total).toBe(n);
      expect(r.processed).toBeLessThanOrEqual(r.total);
      expect(r.imported).toBeLessThanOrEqual(r.processed);
      expect(r.processed).toBeGreaterThanOrEqual(previous.processed);
      expect(r.imported).toBeGreaterThanOrEqual(previous.imported);
      previous = r;
    }
    expect(await balanceOf(u, accountId)).toBe(opening + expected);
    const txs = await transactionsOf(u, accountId);
    expect(txs).toHaveLength(n);
    expect(sum(txs.map(signed))).toBe(expected);
    console.log(`5,000-row import: ${ms} ms, ${seen.length} progress reads`);
    // Every row reaches the user's analytics. Waiting for it also leaves the shared local cloud's queues drained for
    // the test files after this one (their own waits are sized for their own work, not for 5,000 rows of backlog).
    const months = Array.from({ length: 12 }, (_, m) => `2023-${String(m + 1).padStart(2, '0')}`);
    const counted = async () => {
      const summaries = await Promise.all(months.map((m) => call('GET', `/analytics/summary?month=${m}`, { token: u.accessToken })));
      return summaries.reduce((total, r) => total + Number(r.body.transactionCount ?? 0), 0);
    };
    const total = await eventually(async () => {
      const t = await counted();
      return t >= n ? t : undefined;
    }, 240_000, 'every imported row counted by analytics');
    expect(total).toBe(n);
  });
});
