import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newUser } from '../support/api';
import { checkScreen, launchBrowser, openApp, visit } from './support';

describe('budgets (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a budget whose status counts seeded spending, edits it into overspend, answers a stale edit with the 412, and deletes it', async () => {
    const user = await newUser('Browser Budgets');
    const token = user.accessToken;
    const { context, page } = await openApp(browser, { user });
    await visit(page, '/budgets', 'Budgets');
    await page.getByText('No budgets yet').waitFor();
    await checkScreen(page, 'budgets-empty');

    const acc = (await call('POST', '/accounts', { token, body: { name: 'Giro', type: 'checking', currency: 'EUR' } })).body;
    const date = new Date().toISOString().slice(0, 10);
    for (const [amount, description] of [[3000, 'REWE Markt'], [1500, 'Bakery']] as const) {
      const tx = await call('POST', '/transactions', { token, body: { type: 'expense', amount, currency: 'EUR', date, description, categoryId: 'food.groceries', accountId: acc.id } });
      expect(tx.status).toBe(201);
    }

    await page.getByRole('button', { name: 'New budget' }).click();
    const dialog = page.getByRole('dialog', { name: 'New budget' });
    await dialog.getByLabel('Name').fill('Groceries');
    await dialog.getByLabel('Covers').selectOption({ label: 'Food & drink › Groceries' });
    await dialog.getByLabel('Limit (EUR)').fill('200');
    await dialog.getByLabel('Rollover').selectOption('positive');
    await dialog.getByLabel('Alert at (% of what is available)').fill('75, 100');
    await dialog.getByRole('button', { name: 'Create budget' }).click();
    const card = page.getByRole('article', { name: 'Groceries' });
    await card.waitFor();
    const [budget] = (await call('GET', '/budgets', { token })).body.items;
    expect(budget).toMatchObject({ name: 'Groceries', categoryId: 'food.groceries', period: 'monthly', amount: 20000, rollover: 'positive', thresholds: [75, 100] });

    // The rollups count the two expenses in the background; the screen asks again on its own.
    await expect.poll(() => card.textContent(), { timeout: 150_000, interval: 1_000 }).toContain('€45.00 spent of €200.00');
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toMatch(/On track|At risk/);
    await card.getByText(/By now .* was expected/).waitFor();
    await checkScreen(page, 'budgets');

    await card.getByRole('button', { name: 'Edit Groceries' }).click();
    let edit = page.getByRole('dialog', { name: 'Edit Groceries' });
    await edit.getByLabel('Limit (EUR)').fill('40.00');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('€45.00 spent of €40.00');
    await card.getByText('Over budget').waitFor();
    expect((await call('GET', `/budgets/${budget.id}`, { token })).body).toMatchObject({ amount: 4000, version: 2 });

    await card.getByRole('button', { name: 'Edit Groceries' }).click();
    edit = page.getByRole('dialog', { name: 'Edit Groceries' });
    expect((await call('PATCH', `/budgets/${budget.id}`, { token, headers: { 'If-Match': '"2"' }, body: { name: 'Food shop' } })).status).toBe(200);
    await edit.getByLabel('Limit (EUR)').fill('300');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => edit.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/Precondition failed/);
    await edit.getByRole('button', { name: 'Reload their copy' }).click();
    const reloaded = page.getByRole('dialog', { name: 'Edit Food shop' });
    await expect.poll(() => reloaded.getByLabel('Limit (EUR)').inputValue(), { timeout: 20_000 }).toBe('40.00');
    await reloaded.getByRole('button', { name: 'Cancel' }).click();
    expect((await call('GET', `/budgets/${budget.id}`, { token })).body).toMatchObject({ name: 'Food shop', amount: 4000 });

    await page.getByRole('button', { name: 'Delete Food shop' }).click();
    await page.getByRole('dialog', { name: 'Delete Food shop?' }).getByRole('button', { name: 'Delete budget' }).click();
    await page.getByText('No budgets yet').waitFor();
    expect((await call('GET', `/budgets/${budget.id}`, { token })).status).toBe(404);
    await context.close();
  }, 240_000);
});
