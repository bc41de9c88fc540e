import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, call, eventually, newUser, type TestUser } from '../support/api';
import { checkScreen, launchBrowser, openApp, visit } from './support';

/** An account of the user, through the API. */
async function account(user: TestUser, name: string, currency = 'EUR'): Promise<string> {
  const res = await call('POST', '/accounts', { token: user.accessToken, body: { name, type: 'checking', currency } });
  expect(res.status).toBe(201);
  return res.body.id;
}

/**
 * Seeds a transaction through the API. A loaded machine can time a function out (a 5xx); the retry carries the same
 * Idempotency-Key, so it never records the transaction twice.
 */
async function record(user: TestUser, body: Record<string, unknown>): Promise<{ id: string; version: number; [k: string]: unknown }> {
  const key = randomUUID();
  let res = await call('POST', '/transactions', { token: user.accessToken, headers: { 'Idempotency-Key': key }, body: { type: 'expense', currency: 'EUR', ...body } });
  for (let attempt = 0; attempt < 3 && res.status >= 500; attempt++) {
    res = await call('POST', '/transactions', { token: user.accessToken, headers: { 'Idempotency-Key': key }, body: { type: 'expense', currency: 'EUR', ...body } });
  }
  expect(res.status, res.text).toBe(201);
  return res.body;
}

const dialog = (page: Page) => page.getByRole('dialog');
const rows = (page: Page) => page.locator('main table tbody tr');

/** Waits until the list shows `n` rows; on failure says what the screen and its address showed instead. */
async function expectRows(page: Page, n: number): Promise<void> {
  try {
    await expect.poll(() => rows(page).count(), { timeout: 30_000 }).toBe(n);
  } catch (e) {
    throw new Error(`expected ${n} rows at ${page.url()}; the screen shows: ${(await page.locator('main').textContent())?.slice(0, 600)}`, { cause: e });
  }
}

describe('transactions (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the empty state, then adds, edits into a split and deletes through the dialog; the API holds each change', async () => {
    const user = await newUser('Browser Transactions');
    const accountId = await account(user, 'Everyday');
    const { context, page } = await openApp(browser, { user });
    // The machine running these may be loaded (several suites at once on 2 cores): allow slow answers.
    context.setDefaultTimeout(40_000);
    await visit(page, '/transactions', 'Transactions');
    await page.getByText('No transactions yet').waitFor();
    await checkScreen(page, 'transactions-empty');

    await page.getByRole('button', { name: 'Add transaction' }).click();
    await dialog(page).getByLabel('Date').fill('2026-11-20');
    await dialog(page).getByLabel('Amount', { exact: true }).fill('42.50');
    await dialog(page).getByLabel('Description').fill('Corner shop');
    await dialog(page).getByLabel('Category', { exact: true }).selectOption('food.groceries');
    await checkScreen(page, 'transactions-dialog');
    await dialog(page).getByRole('button', { name: 'Save' }).click();
    await dialog(page).waitFor({ state: 'hidden', timeout: 30_000 });
    await rows(page).filter({ hasText: 'Corner shop' }).waitFor();

    const listed = await call('GET', '/transactions?q=corner', { token: user.accessToken });
    expect(listed.body.items).toHaveLength(1);
    const created = listed.body.items[0];
    expect(created).toMatchObject({ amount: 4250, currency: 'EUR', accountId, categoryId: 'food.groceries', categorySource: 'user', date: '2026-11-20' });

    await page.getByRole('button', { name: 'Edit Corner shop' }).click();
    await dialog(page).getByLabel('Split across categories').check();
    await dialog(page).getByLabel('Part 1 category').selectOption('food.groceries');
    await dialog(page).getByLabel('Part 1 amount').fill('30');
    await dialog(page).getByLabel('Part 2 category').selectOption('shopping.household');
    await dialog(page).getByLabel('Part 2 amount').fill('10');
    // The gap is shown as the person types: 42.50 − 40.00 left.
    await expect.poll(() => dialog(page).getByRole('status').last().textContent(), { timeout: 10_000 }).toMatch(/€2\.50 left to allocate/);
    await dialog(page).getByRole('button', { name: 'Save' }).click();
    await dialog(page).getByText('The parts must add up to the amount.').waitFor();
    await dialog(page).getByLabel('Part 2 amount').fill('12.50');
    await expect.poll(() => dialog(page).getByRole('status').last().textContent(), { timeout: 10_000 }).toMatch(/the parts add up/);
    await dialog(page).getByRole('button', { name: 'Save' }).click();
    await dialog(page).waitFor({ state: 'hidden', timeout: 30_000 });
    await rows(page).filter({ hasText: 'Split: Food & drink › Groceries, Shopping › Household supplies' }).waitFor();
    const split = await call('GET', `/transactions/${created.id}`, { token: user.accessToken });
    expect(split.body.splits).toEqual([
      { categoryId: 'food.groceries', amount: 3000 },
      { categoryId: 'shopping.household', amount: 1250 },
    ]);
    expect(split.body.version).toBe(created.version + 1);

    await page.getByRole('button', { name: 'Edit Corner shop' }).click();
    await dialog(page).getByRole('button', { name: 'Delete' }).click();
    await dialog(page).getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByText('No transactions yet').waitFor();
    expect((await call('GET', `/transactions/${created.id}`, { token: user.accessToken })).status).toBe(404);
    await context.close();
  }, 120_000);

  it('a conflicting edit: the dialog says the transaction changed elsewhere, shows its values, and re-applies over them', async () => {
    const user = await newUser('Browser Conflict');
    const accountId = await account(user, 'Current');
    const tx = await record(user, { amount: 1500, date: '2026-11-10', description: 'Gym', accountId });
    const { context, page } = await openApp(browser, { user });
    // The machine running these may be loaded (several suites at once on 2 cores): allow slow answers.
    context.setDefaultTimeout(40_000);
    await visit(page, '/transactions', 'Transactions');
    await page.getByRole('button', { name: 'Edit Gym' }).click();
    await dialog(page).getByLabel('Description').fill('Gym membership');

    // Behind the dialog's back, another client changes the amount with the version it read.
    const theirs = await call('PATCH', `/transactions/${tx.id}`, { token: user.accessToken, headers: { 'If-Match': `"${tx.version}"` }, body: { amount: 1999 } });
    expect(theirs.status).toBe(200);

    await dialog(page).getByRole('button', { name: 'Save' }).click();
    const alert = dialog(page).getByRole('alert');
    await alert.getByText('This transaction was changed elsewhere.').waitFor();
    expect(await alert.textContent()).toContain('€19.99');
    await checkScreen(page, 'transactions-conflict');
    // Nothing of this person's was written by the refused save.
    expect((await call('GET', `/transactions/${tx.id}`, { token: user.accessToken })).body.description).toBe('Gym');

    await dialog(page).getByRole('button', { name: 'Reload and re-apply my changes' }).click();
    expect(await dialog(page).getByLabel('Amount', { exact: true }).inputValue()).toBe('19.99');
    expect(await dialog(page).getByLabel('Description').inputValue()).toBe('Gym membership');
    await dialog(page).getByRole('button', { name: 'Save' }).click();
    await dialog(page).waitFor({ state: 'hidden', timeout: 30_000 });
    const now = await call('GET', `/transactions/${tx.id}`, { token: user.accessToken });
    expect(now.body).toMatchObject({ description: 'Gym membership', amount: 1999, version: tx.version + 2 });
    await rows(page).filter({ hasText: 'Gym membership' }).filter({ hasText: '€19.99' }).waitFor();
    await context.close();
  }, 120_000);

  it('filters and search narrow the list; scrolling and the Load more button follow the cursor past the first page', async () => {
    const user = await newUser('Browser Many');
    const main = await account(user, 'Main');
    const savings = await account(user, 'Savings');
    // 120 expenses in one request: an import through the API (one request per row is slow on a loaded machine).
    const lines = Array.from({ length: 120 }, (_, i) => {
      const date = `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      return `${date},${i % 20 === 0 ? `Bakery ${i}` : `Groceries ${i}`},-${(100 + i) / 100}`;
    });
    const started = await call('POST', '/imports', { token: user.accessToken, headers: { 'Idempotency-Key': randomUUID() }, body: { accountId: main, format: 'csv', content: ['date,description,amount', ...lines].join('\n') } });
    expect(started.status, started.text).toBe(202);
    const report = await eventually(async () => {
      const r = await call('GET', `/imports/${started.body.importId}`, { token: user.accessToken });
      return r.body.status === 'completed' || r.body.status === 'failed' ? r.body : undefined;
    }, 120_000, 'the seeding import');
    expect(report).toMatchObject({ status: 'completed', imported: 120, duplicateCount: 0, errorCount: 0 });
    await record(user, { type: 'income', amount: 250000, date: '2026-10-31', description: 'Salary October', accountId: savings, categoryId: 'income.salary' });

    const { context, page } = await openApp(browser, { user });
    // The machine running these may be loaded (several suites at once on 2 cores): allow slow answers.
    context.setDefaultTimeout(40_000);
    await visit(page, '/transactions', 'Transactions');
    await expectRows(page, 50);
    await checkScreen(page, 'transactions');

    // The sentinel at the end of the list loads the next pages as it scrolls into view.
    await rows(page).last().scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 2_000);
    await expect.poll(() => rows(page).count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(100);
    await rows(page).last().scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 2_000);
    await expectRows(page, 121);
    await page.getByText('All 121 shown.').waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    // Without scrolling (no IntersectionObserver at all), the Load more button does the same from the keyboard.
    const keyboard = await context.newPage();
    await keyboard.addInitScript('delete window.IntersectionObserver');
    await visit(keyboard, '/transactions', 'Transactions');
    await expectRows(keyboard, 50);
    const more = keyboard.getByRole('button', { name: 'Load more' });
    await more.press('Enter');
    await expectRows(keyboard, 100);
    await more.press('Enter');
    await expectRows(keyboard, 121);
    await keyboard.getByText('All 121 shown.').waitFor();
    await keyboard.close();

    await page.getByLabel('Search').fill('bakery');
    await expectRows(page, 6);
    expect(new URL(page.url()).searchParams.get('q')).toBe('bakery');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByLabel('Type').selectOption('income');
    await expectRows(page, 1);
    await rows(page).filter({ hasText: 'Salary October' }).waitFor();
    await page.getByLabel('Type').selectOption('');
    await page.getByLabel('Account', { exact: true }).selectOption(savings);
    await expectRows(page, 1);
    await page.getByLabel('Account', { exact: true }).selectOption('');
    await page.getByLabel('From').fill('2026-10-01');
    await page.getByLabel('To').fill('2026-10-31');
    const october = await call('GET', '/transactions?from=2026-10-01&to=2026-10-31&limit=100', { token: user.accessToken });
    await expectRows(page, october.body.items.length);
    expect(october.body.items.length).toBeLessThan(20);
    await page.getByLabel('Search').fill('no such thing');
    await page.getByText('No transactions match these filters').waitFor();
    await context.close();
  }, 300_000);

  it('shows a foreign-currency amount in its own currency with its base value, and marks one whose rate is not known yet', async () => {
    const user = await newUser('Browser FX');
    const accountId = await account(user, 'Travel card');
    const a = await admin();
    const put = await call('PUT', '/fx/rates', { token: a.accessToken, body: { date: '2026-11-02', base: 'EUR', rates: { USD: '1.25' } } });
    expect(put.status).toBe(200);
    const usd = await record(user, { amount: 2500, currency: 'USD', date: '2026-11-03', description: 'Diner in Boston', accountId });
    const converted = await eventually(async () => {
      const t = await call('GET', `/transactions/${usd.id}`, { token: user.accessToken });
      return t.body.fxStatus === 'converted' ? t.body : undefined;
    }, 30_000, 'the USD transaction converted');
    expect(converted.baseAmount).toBe(2000);
    // No rate for the Argentine peso is published (the ECB does not carry it): the base value stays pending.
    const pending = await record(user, { amount: 123400, currency: 'ARS', date: '2003-03-03', description: 'Buenos Aires asado', accountId });
    expect(pending.fxStatus).toBe('pending');

    const { context, page } = await openApp(browser, { user });
    // The machine running these may be loaded (several suites at once on 2 cores): allow slow answers.
    context.setDefaultTimeout(40_000);
    await visit(page, '/transactions', 'Transactions');
    const diner = rows(page).filter({ hasText: 'Diner in Boston' });
    await diner.waitFor();
    const text = await diner.textContent();
    expect(text).toContain('-US$25.00');
    expect(text).toMatch(/≈\s*-€20\.00/);
    const asado = rows(page).filter({ hasText: 'Buenos Aires asado' });
    await asado.getByText('pending FX').waitFor();
    expect(await asado.textContent()).not.toContain('≈');
    await checkScreen(page, 'transactions-fx');
    await context.close();
  }, 120_000);
});
