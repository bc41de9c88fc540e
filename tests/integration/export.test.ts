import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newUser, type Answer, type TestUser } from '../support/api';
import { importAndWait, newAccount, signed, transactionsOf, type Tx } from '../support/ledger';

/** CSV export over HTTP: what it writes, and that the importer reads it back to the same transactions. */

const FROM = '2024-01-01';
const TO = '2024-06-30';

/** Written by hand through POST /transactions; the last one is outside [FROM, TO]. */
const MANUAL = [
  { type: 'income', amount: 250000, currency: 'EUR', date: '2024-06-01', description: 'Salary June', categoryId: 'income.salary' },
  { type: 'expense', amount: 1234, currency: 'EUR', date: '2024-06-03', description: 'Café "Le Petit", Paris', notes: 'two coffees; one croissant' },
  { type: 'expense', amount: 9800, currency: 'JPY', date: '2024-06-05', description: 'Ramen Ichiran Shibuya', categoryId: 'food.restaurants' },
  { type: 'expense', amount: 4599, currency: 'USD', date: '2024-06-07', description: '=SUM(A1:A2) Hardware' },
  { type: 'expense', amount: 2500, currency: 'GBP', date: '2024-06-09', description: 'Pret A Manger London' },
  { type: 'expense', amount: 5678, currency: 'EUR', date: '2024-06-12', description: 'Müller Drogerie München' },
  { type: 'income', amount: 1999, currency: 'USD', date: '2024-06-15', description: '-5% refund Amazon' },
  { type: 'expense', amount: 1000, currency: 'EUR', date: '2024-07-02', description: 'Outside the range' },
] as const;

const key = (t: Tx) => `${t.date} | ${signed(t)} | ${t.currency} | ${t.description}`;

let owner: TestUser;
let accountId: string;
/** The owner's transactions dated within [FROM, TO]. */
let inRange: Tx[];
let csv: Answer<string>;

beforeAll(async () => {
  owner = await newUser();
  accountId = await newAccount(owner, 'EUR');
  for (const t of MANUAL) {
    const res = await call('POST', '/transactions', { token: owner.accessToken, body: { ...t, accountId } });
    expect(res.status, res.text).toBe(201);
  }
  // Rows with the bank's own ids (FITID), which the export carries in its Bank ID column.
  const ofx = await importAndWait(owner, { accountId, format: 'ofx', content: readFileSync('tests/fixtures/imports/credit-card-2.2.ofx', 'utf8') });
  expect(ofx.imported).toBe(4);
  inRange = (await transactionsOf(owner, accountId)).filter((t) => t.date >= FROM && t.date <= TO);
  expect(inRange).toHaveLength(MANUAL.length - 1 + 4);
  csv = await call<string>('GET', `/transactions/export?format=csv&from=${FROM}&to=${TO}`, { token: owner.accessToken });
});

describe('GET /transactions/export', () => {
  it('answers text/csv with the importer’s columns, one row per transaction in the range', () => {
    expect(csv.status, csv.text).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe('Date,Amount,Currency,Description,Payee,Memo,Category,Bank ID');
    expect(lines).toHaveLength(1 + inRange.length);
    expect(csv.text).not.toContain('Outside the range');
    // Formula-looking text is guarded for spreadsheets.
    expect(csv.text).toContain("'=SUM(A1:A2) Hardware");
    expect(csv.text).toContain('"Café ""Le Petit"", Paris"');
    expect(csv.text).toContain('2024-06-05,-9800,JPY,');
    expect(csv.text).toContain('2024-06-01,2500.00,EUR,Salary June');
    expect(csv.text).toContain('320240120123456787');
  });

  it('round-trips: importing the export into another user’s new account gives the same transactions', async () => {
    const other = await newUser();
    const otherAccount = await newAccount(other, 'EUR');
    const report = await importAndWait(other, { accountId: otherAccount, format: 'csv', content: csv.text });
    expect(report).toMatchObject({ total: inRange.length, imported: inRange.length, duplicates: [], errors: [] });
    const copied = await transactionsOf(other, otherAccount);
    expect(copied.map(key).sort()).toEqual(inRange.map(key).sort());
    expect(copied.map((t) => `${t.description} | ${t.notes ?? ''}`).sort()).toEqual(inRange.map((t) => `${t.description} | ${t.notes ?? ''}`).sort());
    // Categories travel by name and land on the same categories.
    expect(copied.map((t) => `${t.description} | ${t.categoryId ?? ''}`).sort()).toEqual(inRange.map((t) => `${t.description} | ${t.categoryId ?? ''}`).sort());
    expect(copied.filter((t) => t.categoryId).length).toBeGreaterThanOrEqual(2);
    // The owner's data is untouched and not visible to the other user's export.
    const theirs = await call<string>('GET', `/transactions/export?format=csv&from=${FROM}&to=${TO}`, { token: other.accessToken });
    expect(theirs.text.split('\r\n').filter((l) => l !== '')).toHaveLength(1 + inRange.length);
    expect(theirs.text).not.toContain('Outside the range');
  });

  it('re-importing the export into the original account finds every row already there', async () => {
    const report = await importAndWait(owner, { accountId, format: 'csv', content: csv.text });
    expect(report).toMatchObject({ total: inRange.length, imported: 0, errors: [] });
    expect(report.duplicates).toHaveLength(inRange.length);
    const ids = new Set(inRange.map((t) => t.id));
    for (const d of report.duplicates) {
      expect(d.reason).not.toBe('');
      expect(ids.has(d.transactionId ?? '')).toBe(true);
    }
    expect(new Set(report.duplicates.map((d) => d.transactionId)).size).toBe(inRange.length);
    // The OFX rows are recognised by their bank id, the others by amount, date and description.
    expect(report.duplicates.filter((d) => /bank id/.test(d.reason))).toHaveLength(4);
    expect((await transactionsOf(owner, accountId)).length).toBe(MANUAL.length + 4);
  });

  it('refuses from after to', async () => {
    const res = await call('GET', `/transactions/export?format=csv&from=${TO}&to=${FROM}`, { token: owner.accessToken });
    expect(res.status).toBe(400);
  });
});
