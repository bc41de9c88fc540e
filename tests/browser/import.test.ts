import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newUser, type TestUser } from '../support/api';
import { checkScreen, launchBrowser, openApp, visit } from './support';

async function account(user: TestUser, name: string): Promise<string> {
  const res = await call('POST', '/accounts', { token: user.accessToken, body: { name, type: 'checking', currency: 'EUR' } });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function record(user: TestUser, body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await call('POST', '/transactions', { token: user.accessToken, body: { type: 'expense', currency: 'EUR', ...body } });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function all(user: TestUser, accountId: string): Promise<{ id: string; description: string; amount: number; type: string; date: string; importId: string | null }[]> {
  return (await call('GET', `/transactions?accountId=${accountId}&limit=100`, { token: user.accessToken })).body.items;
}

const finished = (page: Page) => page.getByRole('heading', { level: 2, name: 'Import finished' });
const count = async (page: Page, label: string) => (await page.locator('dl div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd').textContent())?.trim();

describe('import (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('maps a CSV on its preview, imports it, and reports the rows that overlap existing transactions with reasons', async () => {
    const user = await newUser('Browser Import');
    const accountId = await account(user, 'Girokonto');
    const rewe = await record(user, { amount: 1234, date: '2026-10-05', description: 'REWE Markt', accountId });
    const power = await record(user, { amount: 4500, date: '2026-10-06', description: 'Stadtwerke', accountId });
    // A German bank's export: semicolons, day-first dates with dots, decimal commas.
    const csv = ['Date;Description;Amount', '05.10.2026;REWE Markt;-12,34', '07.10.2026;Stadtwerke;-45,00', '09.10.2026;Bakery Schmidt;-3,20', '10.10.2026;Salary October;2500,00', ''].join('\r\n');

    const { context, page } = await openApp(browser, { user });
    // The machine running these may be loaded (several suites at once on 2 cores): allow slow answers.
    context.setDefaultTimeout(40_000);
    await visit(page, '/import', 'Import');
    await page.getByText('CSV, OFX/QFX or QIF, up to 5 MB.').waitFor();
    await page.getByLabel('Bank file').setInputFiles({ name: 'statement.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('heading', { level: 2, name: 'Check the columns' }).waitFor();
    // Detected in the browser: the delimiter, the header, and each column by its name.
    expect(await page.getByLabel('Delimiter').inputValue()).toBe(';');
    expect(await page.getByLabel('The first row names the columns').isChecked()).toBe(true);
    expect(await page.getByLabel('Date column').inputValue()).toBe('0');
    expect(await page.getByLabel('Description column').inputValue()).toBe('1');
    expect(await page.getByLabel('Amount column').inputValue()).toBe('2');
    const preview = page.getByRole('table');
    await preview.getByText('First 4 rows of the file, as they will be read').waitFor();
    expect(await preview.locator('tbody tr').count()).toBe(4);
    expect(await preview.locator('tbody tr').nth(2).textContent()).toContain('Bakery Schmidt');
    await page.getByLabel('Date format').selectOption('dd.mm.yyyy');
    await checkScreen(page, 'import-mapping');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await finished(page).waitFor({ timeout: 60_000 });
    expect(await count(page, 'Imported')).toBe('2');
    expect(await count(page, 'Duplicates skipped')).toBe('2');
    expect(await count(page, 'Rows with errors')).toBe('0');

    // Each duplicate: its line as written, the existing transaction it matched, and why.
    const duplicates = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Why' }) });
    const reweRow = duplicates.locator('tbody tr').filter({ hasText: '05.10.2026 · REWE Markt · -12,34' });
    await reweRow.getByText(/Existing: 5 Oct 2026 · REWE Markt · -€12\.34/).waitFor();
    expect(await reweRow.textContent()).toMatch(/same amount, date within 0 days and same description/);
    const powerRow = duplicates.locator('tbody tr').filter({ hasText: 'Stadtwerke' });
    await powerRow.getByText(/Existing: 6 Oct 2026 · Stadtwerke/).waitFor();
    expect(await powerRow.textContent()).toMatch(/date within 1 day and same description/);
    await checkScreen(page, 'import-result');

    const held = await all(user, accountId);
    expect(held.map((t) => t.description).sort()).toEqual(['Bakery Schmidt', 'REWE Markt', 'Salary October', 'Stadtwerke']);
    expect(held.find((t) => t.description === 'Bakery Schmidt')).toMatchObject({ type: 'expense', amount: 320, date: '2026-10-09' });
    expect(held.find((t) => t.description === 'Salary October')).toMatchObject({ type: 'income', amount: 250000, date: '2026-10-10' });
    expect(held.filter((t) => t.importId).map((t) => t.id)).not.toContain(rewe.id);
    expect(held.filter((t) => t.importId).map((t) => t.id)).not.toContain(power.id);

    await page.getByRole('link', { name: 'See the imported transactions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Transactions' }).waitFor();
    await page.locator('main table tbody tr').filter({ hasText: 'Bakery Schmidt' }).waitFor();
    await page.locator('main table tbody tr').filter({ hasText: 'Salary October' }).waitFor();
    await context.close();
  }, 150_000);

  it('reads a header-less CSV with separate debit and credit columns as the person maps it (by column index)', async () => {
    const user = await newUser('Browser Import Columns');
    const accountId = await account(user, 'Checking');
    const csv = ['2026-10-12,Coffee Bar,4.50,', '2026-10-13,Refund from shop,,20.00', ''].join('\n');
    const { context, page } = await openApp(browser, { user });
    // The machine running these may be loaded (several suites at once on 2 cores): allow slow answers.
    context.setDefaultTimeout(40_000);
    await visit(page, '/import', 'Import');
    await page.getByLabel('Bank file').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('heading', { level: 2, name: 'Check the columns' }).waitFor();
    expect(await page.getByLabel('The first row names the columns').isChecked()).toBe(false);
    await page.getByLabel('Amounts').selectOption('split');
    await page.getByLabel('Debit column (money out)').selectOption('2');
    await page.getByLabel('Credit column (money in)').selectOption('3');
    await page.getByLabel('Description column').selectOption('1');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await finished(page).waitFor({ timeout: 60_000 });
    expect(await count(page, 'Imported')).toBe('2');
    const held = await all(user, accountId);
    expect(held.find((t) => t.description === 'Coffee Bar')).toMatchObject({ type: 'expense', amount: 450 });
    expect(held.find((t) => t.description === 'Refund from shop')).toMatchObject({ type: 'income', amount: 2000 });
    await context.close();
  }, 120_000);

  it('refuses a file over the API limit in the browser, saying the limit', async () => {
    const user = await newUser('Browser Import Large');
    await account(user, 'Checking');
    const { context, page } = await openApp(browser, { user });
    // The machine running these may be loaded (several suites at once on 2 cores): allow slow answers.
    context.setDefaultTimeout(40_000);
    await visit(page, '/import', 'Import');
    await page.getByLabel('Bank file').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 'a') });
    await page.getByText('huge.csv (5.0 MB) is larger than 5 MB, the most Tally imports in one file.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await context.close();
  }, 60_000);
});
