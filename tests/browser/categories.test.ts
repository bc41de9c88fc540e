import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newUser } from '../support/api';
import { checkScreen, launchBrowser, openApp, visit } from './support';

describe('categories (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a parent and a child, renames and moves the child, and deletes a category a budget limits by moving the budget', async () => {
    const user = await newUser('Browser Categories');
    const token = user.accessToken;
    const crafts = (await call('POST', '/categories', { token, body: { name: 'Crafts', kind: 'expense' } })).body;
    const budget = await call('POST', '/budgets', { token, body: { name: 'Crafts cap', categoryId: crafts.id, period: 'monthly', amount: 5000 } });
    expect(budget.status).toBe(201);
    const { context, page } = await openApp(browser, { user });
    await visit(page, '/categories', 'Categories');
    await page.getByRole('heading', { level: 2, name: 'Spending' }).waitFor();
    await page.getByText('Groceries', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'New category' }).click();
    let dialog = page.getByRole('dialog', { name: 'New category' });
    await dialog.getByLabel('Name').fill('Allotment');
    await dialog.getByRole('button', { name: 'Create category' }).click();
    await page.getByRole('button', { name: 'Edit Allotment', exact: true }).waitFor();
    const allotment = (await call('GET', '/categories', { token })).body.items.find((c: { name: string }) => c.name === 'Allotment');
    expect(allotment).toMatchObject({ kind: 'expense', parentId: null });

    await page.getByRole('button', { name: 'New category' }).click();
    dialog = page.getByRole('dialog', { name: 'New category' });
    await dialog.getByLabel('Name').fill('Seeds');
    await dialog.getByLabel('Parent').selectOption({ label: 'Allotment' });
    await dialog.getByRole('button', { name: 'Create category' }).click();
    await page.getByRole('list', { name: 'Under Allotment' }).getByText('Seeds').waitFor();

    await page.getByRole('button', { name: 'Edit Seeds', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Edit Seeds' });
    await dialog.getByLabel('Name').fill('Seeds & bulbs');
    await dialog.getByLabel('Parent').selectOption({ label: 'Shopping' });
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('list', { name: 'Under Shopping' }).getByText('Seeds & bulbs').waitFor();
    const seeds = (await call('GET', '/categories', { token })).body.items.find((c: { name: string }) => c.name === 'Seeds & bulbs');
    expect(seeds).toMatchObject({ parentId: 'shopping', version: 2 });
    await checkScreen(page, 'categories');

    await page.getByRole('button', { name: 'Delete Crafts', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Delete Crafts?' });
    await dialog.getByRole('button', { name: 'Delete category' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/Conflict.*Budgets limit this category \(Crafts cap\)/s);
    await dialog.getByRole('listitem').filter({ hasText: 'Crafts cap' }).waitFor();
    await checkScreen(page, 'categories-delete-conflict');
    expect((await call('GET', '/categories', { token })).body.items.some((c: { id: string }) => c.id === crafts.id)).toBe(true);

    await dialog.getByLabel('Move what uses it to').selectOption({ label: 'Allotment' });
    await dialog.getByRole('button', { name: 'Move and delete' }).click();
    await page.getByRole('button', { name: 'Edit Crafts', exact: true }).waitFor({ state: 'detached' });
    expect((await call('GET', '/categories', { token })).body.items.some((c: { id: string }) => c.id === crafts.id)).toBe(false);
    expect((await call('GET', `/budgets/${budget.body.id}`, { token })).body.categoryId).toBe(allotment.id);
    await context.close();
  }, 120_000);
});
