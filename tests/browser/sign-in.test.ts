import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../support/api';
import { checkScreen, launchBrowser, openApp, visit, webUrl } from './support';

describe('sign in (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sends a signed-out visitor to sign in, shows a wrong password from its problem document, then signs in and returns', async () => {
    const user = await newUser('Browser Sign In');
    const { context, page } = await openApp(browser);
    await page.goto(new URL('/settings', webUrl()).href);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/settings');
    await checkScreen(page, 'sign-in');

    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill('Wrong-Password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/password|incorrect|sign/i);

    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings');
    await context.close();
  });

  it('opens a signed-in user on the dashboard', async () => {
    const user = await newUser('Browser Dashboard');
    const { context, page } = await openApp(browser, { user });
    await visit(page, '/', 'Dashboard');
    await context.close();
  });
});
