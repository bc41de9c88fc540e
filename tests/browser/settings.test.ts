import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newUser } from '../support/api';
import { checkScreen, launchBrowser, openApp, visit } from './support';

/** The error shown under a labelled field (its `.field-error`), or null when there is none. */
function fieldError(page: Page, label: string) {
  return page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');
}

function statusWith(page: Page, text: string | RegExp) {
  return page.getByRole('status').filter({ hasText: text });
}

async function openSettings(browser: Browser, user: Awaited<ReturnType<typeof newUser>>) {
  const opened = await openApp(browser, { user });
  await visit(opened.page, '/settings', 'Settings');
  await opened.page.getByRole('button', { name: 'Save profile' }).waitFor();
  return opened;
}

describe('settings (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a refused base currency next to its field, then saves currency, zone, report emails and income', async () => {
    const user = await newUser('Browser Settings');
    const { context, page } = await openSettings(browser, user);
    expect(await page.getByLabel('Base currency').inputValue()).toBe('EUR');
    await checkScreen(page, 'settings');

    await page.getByLabel('Base currency').fill('XYZ');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => fieldError(page, 'Base currency').textContent()).toBe('unknown currency');
    expect(await page.getByLabel('Base currency').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').textContent()).toContain('XYZ');
    expect((await call('GET', '/me', { token: user.accessToken })).body.baseCurrency).toBe('EUR');

    await page.getByLabel('Base currency').fill('USD');
    await page.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await page.getByLabel('Report emails').selectOption('monthly');
    await page.getByLabel('Monthly income').fill('2500.50');
    await page.getByLabel('Income currency').fill('USD');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await statusWith(page, 'Saved').waitFor();

    const me = (await call('GET', '/me', { token: user.accessToken })).body;
    expect(me).toMatchObject({ baseCurrency: 'USD', timezone: 'Asia/Tokyo', reports: 'monthly', monthlyIncome: { amount: 250050, currency: 'USD' } });

    // What the API holds is what the screen shows after a reload.
    await page.reload();
    await page.getByRole('button', { name: 'Save profile' }).waitFor();
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    expect(await page.getByLabel('Report emails').inputValue()).toBe('monthly');
    expect(await page.getByLabel('Monthly income').inputValue()).toBe('2500.50');
    await context.close();
  }, 120_000);

  it('changes the password: the new one signs in, the old one is refused, this session stays', async () => {
    const user = await newUser('Browser Change Password');
    const newPassword = 'Changed-Horse-2026';
    const { context, page } = await openSettings(browser, user);
    await page.getByLabel('Current password').fill(user.password);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password').fill('Something-Else-1');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => fieldError(page, 'Repeat the new password').textContent()).toMatch(/does not match/);

    await page.getByLabel('Repeat the new password').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await statusWith(page, 'Password changed').waitFor();

    expect((await call('POST', '/auth/login', { body: { email: user.email, password: user.password } })).status).toBe(401);
    expect((await call('POST', '/auth/login', { body: { email: user.email, password: newPassword } })).status).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: 'Save profile' }).waitFor();
    await context.close();
  }, 120_000);

  it('signs out everywhere: another browser’s session stops working too', async () => {
    const user = await newUser('Browser Everywhere');
    const other = (await call('POST', '/auth/login', { body: { email: user.email, password: user.password } })).body;
    const elsewhere = await openSettings(browser, { ...user, ...other });
    const { context, page } = await openSettings(browser, user);

    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await statusWith(page, 'every device').waitFor();

    // The other browser finds its session ended on its next request.
    await elsewhere.page.reload();
    await elsewhere.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    for (const refreshToken of [user.refreshToken, other.refreshToken as string]) {
      const refreshed = await call('POST', '/auth/refresh', { body: { refreshToken } });
      expect(refreshed.status).toBeGreaterThanOrEqual(400);
      expect(refreshed.status).toBeLessThan(500);
    }
    expect((await call('GET', '/me', { token: other.accessToken })).status).toBe(401);
    await elsewhere.context.close();
    await context.close();
  }, 120_000);

  it('deletes the account after DELETE and the password are typed: the token and the password stop working', async () => {
    const user = await newUser('Browser Delete');
    const { context, page } = await openSettings(browser, user);
    await page.getByRole('button', { name: 'Delete account…' }).click();
    const dialog = page.getByRole('dialog', { name: /Delete your account/ });
    await dialog.waitFor();
    const confirmButton = dialog.getByRole('button', { name: 'Delete my account' });
    await dialog.getByLabel('Type DELETE to confirm').fill('delete');
    await dialog.getByLabel('Your password').fill(user.password);
    expect(await confirmButton.isDisabled()).toBe(true);
    await dialog.getByLabel('Type DELETE to confirm').fill('DELETE');
    await checkScreen(page, 'settings-delete');

    // Cancel leaves everything as it was and focus back on the button that opened the dialog.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Delete account…');
    expect((await call('GET', '/me', { token: user.accessToken })).status).toBe(200);

    await page.getByRole('button', { name: 'Delete account…' }).click();
    await dialog.getByLabel('Type DELETE to confirm').fill('DELETE');
    await dialog.getByLabel('Your password').fill(user.password);
    await confirmButton.click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await statusWith(page, /deleted/).waitFor();

    expect((await call('GET', '/me', { token: user.accessToken })).status).not.toBe(200);
    expect((await call('POST', '/auth/login', { body: { email: user.email, password: user.password } })).status).toBe(401);
    await context.close();
  }, 120_000);
});
