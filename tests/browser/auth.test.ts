import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, emailedCode, newUser } from '../support/api';
import { checkScreen, launchBrowser, openApp, visit, webUrl } from './support';

/** The text of the status message that contains `text` (there may be several live regions on a screen). */
function statusWith(page: Page, text: string | RegExp) {
  return page.getByRole('status').filter({ hasText: text });
}

describe('account lifecycle (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs up, confirms with a resent emailed code, signs in and lands on the dashboard', async () => {
    const email = `u-${randomUUID().slice(0, 12)}@example.com`;
    const password = 'Correct-Horse-42';
    const { context, page } = await openApp(browser);
    await visit(page, '/sign-in', 'Sign in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
    await page.getByLabel('Name (optional)').fill('Browser Sign Up');
    await page.getByLabel('Email').fill(email);

    // A password the policy refuses: the problem's field error shows next to the password.
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    const passwordError = page.locator('.field', { has: page.getByLabel('Password') }).locator('.field-error');
    await expect.poll(() => passwordError.textContent()).toMatch(/12|characters|long/i);
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Password').fill(password);
    await checkScreen(page, 'sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Confirm your email' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/confirm');
    expect(await page.getByLabel('Email').inputValue()).toBe(email);
    const first = await emailedCode(email);

    // Not confirmed yet: sign-in is refused by the API.
    expect((await call('POST', '/auth/login', { body: { email, password } })).status).toBe(401);

    await page.getByRole('button', { name: 'Send a new code' }).click();
    await statusWith(page, /code/i).waitFor();
    const second = await emailedCode(email, { after: first });
    expect(second).not.toBe(first);

    await page.getByLabel('Confirmation code').fill(second);
    await checkScreen(page, 'confirm');
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await statusWith(page, 'confirmed').waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe(email);

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await context.close();
  }, 120_000);

  it('resets a forgotten password with the emailed code: the new password signs in, the old one is refused', async () => {
    const user = await newUser('Browser Reset');
    const confirmationCode = await emailedCode(user.email);
    const newPassword = 'Brand-New-Horse-77';
    const { context, page } = await openApp(browser);
    await visit(page, '/sign-in', 'Sign in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
    await page.getByLabel('Email').fill(user.email);
    await checkScreen(page, 'forgot-password');
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByLabel('Code from the email').waitFor();
    const code = await emailedCode(user.email, { after: confirmationCode });

    // A wrong code: the API's 400 shows, nothing changes.
    await page.getByLabel('Code from the email').fill(code === '000000' ? '111111' : '000000');
    await page.getByLabel('New password').fill(newPassword);
    await checkScreen(page, 'forgot-password-code');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('alert').waitFor();
    expect((await call('POST', '/auth/login', { body: { email: user.email, password: user.password } })).status).toBe(200);

    await page.getByLabel('Code from the email').fill(code);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await statusWith(page, 'password was changed').waitFor();

    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    expect((await call('POST', '/auth/login', { body: { email: user.email, password: user.password } })).status).toBe(401);
    expect((await call('POST', '/auth/login', { body: { email: user.email, password: newPassword } })).status).toBe(200);
    // Resetting ends every session, the one signed in before the reset included.
    expect((await call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } })).status).toBeGreaterThanOrEqual(400);
    await context.close();
  }, 120_000);

  it('signs out from the header: protected screens send to sign in, and the session’s tokens stop working', async () => {
    const user = await newUser('Browser Sign Out');
    const { context, page } = await openApp(browser, { user });
    await visit(page, '/settings', 'Settings');
    await page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await statusWith(page, 'You are signed out').waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBeNull();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('tally.refresh'))).toBeNull();

    await page.goto(new URL('/accounts', webUrl()).href);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/accounts');

    const refreshed = await call('POST', '/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(refreshed.status).toBeGreaterThanOrEqual(400);
    expect(refreshed.status).toBeLessThan(500);
    expect((await call('GET', '/me', { token: user.accessToken })).status).toBe(401);
    await context.close();
  }, 120_000);
});
