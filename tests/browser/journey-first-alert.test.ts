import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, emailedCode } from '../support/api';
import { launchBrowser, openApp, visit } from './support';

/**
 * The journey "sign-up to first budget alert", every step through the screens a person uses: create an account
 * (sign up, confirm with the emailed code, sign in), a bank account, a budget and an expense that crosses the budget's
 * first threshold, until the alert shows on the alerts screen and in the dashboard's unread count.
 */
const WAIT = { timeout: 30_000 };
const today = new Date().toISOString().slice(0, 10);

async function signUp(page: Page, email: string, password: string): Promise<void> {
  await visit(page, '/sign-up', 'Create your account');
  await page.getByLabel('Name (optional)').fill('Journey User');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  const confirm = page.getByRole('heading', { level: 1, name: 'Confirm your email' });
  const signIn = page.getByRole('heading', { level: 1, name: 'Sign in' });
  await confirm.or(signIn).waitFor(WAIT);
  if (await confirm.isVisible()) {
    await page.getByLabel('Confirmation code').fill(await emailedCode(email));
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await signIn.waitFor(WAIT);
  }
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor(WAIT);
}

async function createAccount(page: Page): Promise<void> {
  await visit(page, '/accounts', 'Accounts');
  await page.getByRole('button', { name: 'New account' }).click();
  const dialog = page.getByRole('dialog', { name: 'New account' });
  await dialog.getByLabel('Name').fill('Giro');
  await dialog.getByLabel('Currency').fill('EUR');
  await dialog.getByLabel('Opening balance').fill('500.00');
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('row', { name: /Giro/ }).waitFor(WAIT);
}

async function createBudget(page: Page): Promise<void> {
  await visit(page, '/budgets', 'Budgets');
  await page.getByRole('button', { name: 'New budget' }).click();
  const dialog = page.getByRole('dialog', { name: 'New budget' });
  await dialog.getByLabel('Name').fill('Groceries');
  await dialog.getByLabel('Covers').selectOption({ label: 'Food & drink › Groceries' });
  await dialog.getByLabel(/^Limit/).fill('100');
  await dialog.getByLabel('Alert at (% of what is available)').fill('50, 100');
  await dialog.getByRole('button', { name: 'Create budget' }).click();
  await page.getByRole('article', { name: 'Groceries' }).waitFor(WAIT);
}

async function addExpense(page: Page): Promise<void> {
  await visit(page, '/transactions', 'Transactions');
  await page.getByRole('button', { name: 'Add transaction' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Date').fill(today);
  await dialog.getByLabel('Amount', { exact: true }).fill('60.00');
  await dialog.getByLabel('Description').fill('Market');
  await dialog.getByLabel('Category', { exact: true }).selectOption('food.groceries');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden', ...WAIT });
}

describe('journey: sign-up to first budget alert (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a new person signs up, adds an account, a budget and an expense, and sees the budget alert on the alerts screen and the dashboard', async () => {
    const email = `u-${randomUUID().slice(0, 12)}@example.com`;
    const password = 'Correct-Horse-42';
    const { context, page } = await openApp(browser);
    context.setDefaultTimeout(40_000);
    await signUp(page, email, password);
    await createAccount(page);
    await createBudget(page);
    await addExpense(page);

    // The alerts consumer runs behind the write: refresh the screen until the alert is there.
    await visit(page, '/alerts', 'Alerts');
    const alert = page.getByTestId('alert').filter({ hasText: 'Groceries: 50% of the budget spent' });
    await expect
      .poll(async () => {
        if ((await alert.count()) > 0) return true;
        await page.getByRole('button', { name: 'Refresh' }).click();
        return false;
      }, { timeout: 120_000, interval: 2_000 })
      .toBe(true);
    expect(await alert.getByText('Unread').count()).toBe(1);

    const token = (await call('POST', '/auth/login', { body: { email, password } })).body.accessToken as string;
    const unread = (await call('GET', '/alerts?unread=true&limit=100', { token })).body.items as { title: string }[];
    expect(unread.map((a) => a.title)).toContain('Groceries: 50% of the budget spent');
    await visit(page, '/', 'Dashboard');
    await page.locator('[data-testid="dashboard"][aria-busy="false"]').waitFor();
    expect(await page.getByTestId('unread-count').textContent()).toBe(String(unread.length));
    expect(await page.getByRole('region', { name: 'Alerts' }).textContent()).toContain('Groceries');
    await context.close();
  }, 300_000);
});
