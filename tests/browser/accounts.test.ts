import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, call, newUser } from '../support/api';
import { checkScreen, launchBrowser, openApp, visit } from './support';

/** A date a week's window of rates covers whether the browser (Berlin) or the test (UTC) is already past midnight. */
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('accounts (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the empty state, creates and renames an account through the form, with its value in the base currency', async () => {
    const user = await newUser('Browser Accounts');
    const token = user.accessToken;
    // A base currency no other test publishes rates for, so the rate below is the one in effect.
    expect((await call('PATCH', '/me', { token, body: { baseCurrency: 'NOK' } })).status).toBe(200);
    const { accessToken: adminToken } = await admin();
    expect((await call('PUT', '/fx/rates', { token: adminToken, body: { date: yesterday(), base: 'NOK', rates: { EUR: '0.08' } } })).status).toBe(200);
    const { context, page } = await openApp(browser, { user });
    await visit(page, '/accounts', 'Accounts');
    await page.getByText('No accounts yet').waitFor();
    await checkScreen(page, 'accounts-empty');

    await page.getByRole('button', { name: 'New account' }).click();
    const dialog = page.getByRole('dialog', { name: 'New account' });
    await dialog.getByLabel('Name').fill('Everyday');
    await dialog.getByLabel('Currency').fill('EUR');
    await dialog.getByLabel('Opening balance').fill('100.00');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    const row = page.getByRole('row', { name: /Everyday/ });
    await row.waitFor();
    // The dialog gave focus back to what opened it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), { timeout: 20_000 }).toBe('New account');
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('€100.00');
    // 100 EUR at 0.08 EUR per NOK is 1,250 NOK.
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toMatch(/1,250\.00/);
    const listed = await call('GET', '/accounts', { token });
    expect(listed.body.items).toMatchObject([{ name: 'Everyday', currency: 'EUR', openingBalance: 10000, type: 'checking' }]);

    // Escape closes a dialog without saving.
    await page.getByRole('button', { name: 'Edit Everyday' }).click();
    await page.getByRole('dialog', { name: 'Edit Everyday' }).getByLabel('Name').fill('Not saved');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect((await call('GET', '/accounts', { token })).body.items[0].name).toBe('Everyday');
    await page.getByRole('button', { name: 'Edit Everyday' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Everyday' });
    await edit.getByLabel('Name').fill('Everyday spending');
    await edit.getByLabel('Type').selectOption('savings');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('row', { name: /Everyday spending/ }).getByText('Savings').waitFor();
    expect((await call('GET', '/accounts', { token })).body.items[0]).toMatchObject({ name: 'Everyday spending', type: 'savings', version: 2 });
    await checkScreen(page, 'accounts');
    await context.close();
  }, 120_000);

  it('answers a stale edit with the 412 and reloads the other copy; a delete refused by a following goal names it', async () => {
    const user = await newUser('Browser Accounts Conflict');
    const token = user.accessToken;
    const acc = (await call('POST', '/accounts', { token, body: { name: 'Joint', type: 'checking', currency: 'EUR' } })).body;
    const spare = (await call('POST', '/accounts', { token, body: { name: 'Spare', type: 'cash', currency: 'EUR' } })).body;
    const goal = await call('POST', '/goals', { token, body: { name: 'Holiday fund', targetAmount: 200000, currency: 'EUR', accountId: acc.id } });
    expect(goal.status).toBe(201);
    const { context, page } = await openApp(browser, { user });
    await visit(page, '/accounts', 'Accounts');

    await page.getByRole('button', { name: 'Edit Joint' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Joint' });
    // Someone else renames it after the form was opened.
    expect((await call('PATCH', `/accounts/${acc.id}`, { token, headers: { 'If-Match': `"${acc.version}"` }, body: { name: 'Joint (shared)' } })).status).toBe(200);
    await edit.getByLabel('Name').fill('Joint mine');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => edit.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/Precondition failed/);
    await edit.getByText('Someone else changed this').waitFor();
    await edit.getByRole('button', { name: 'Reload their copy' }).click();
    const reloaded = page.getByRole('dialog', { name: 'Edit Joint (shared)' });
    await expect.poll(() => reloaded.getByLabel('Name').inputValue(), { timeout: 20_000 }).toBe('Joint (shared)');
    expect((await call('GET', `/accounts/${acc.id}`, { token })).body.name).toBe('Joint (shared)');
    await reloaded.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Delete Joint (shared)' }).click();
    const del = page.getByRole('dialog', { name: 'Delete Joint (shared)?' });
    await del.getByRole('button', { name: 'Delete account' }).click();
    await expect.poll(() => del.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/Conflict.*Holiday fund/s);
    await del.getByRole('listitem').filter({ hasText: 'Holiday fund' }).waitFor();
    await checkScreen(page, 'accounts-delete-conflict');
    await del.getByRole('button', { name: 'Cancel' }).click();
    expect((await call('GET', `/accounts/${acc.id}`, { token })).status).toBe(200);

    await page.getByRole('button', { name: 'Delete Spare' }).click();
    await page.getByRole('dialog', { name: 'Delete Spare?' }).getByRole('button', { name: 'Delete account' }).click();
    await page.getByRole('row', { name: /Spare/ }).waitFor({ state: 'detached' });
    expect((await call('GET', `/accounts/${spare.id}`, { token })).status).toBe(404);
    await context.close();
  }, 120_000);
});
