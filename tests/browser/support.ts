import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import type { TestUser } from '../support/api';

/** Debian's Chromium (CI installs it); never a browser build downloaded by a test tool. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

export function webUrl(): string {
  return inject('cloud').webUrl;
}

/** One headless Chromium for a test file; close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root needs --no-sandbox; the rest keeps Chromium from reaching for Google's services on a closed network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/**
 * A fresh browser context (its own storage) on the web app; with a user, already signed in as the app would be after
 * POST /auth/login (the sign-in screen itself has its own test).
 */
export async function openApp(browser: Browser, options: { user?: TestUser; viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: options.viewport ?? DESKTOP, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
  context.setDefaultTimeout(20_000);
  if (options.user) {
    const { accessToken, idToken, refreshToken } = options.user;
    const session = JSON.stringify({ accessToken, idToken, expiresAt: Date.now() + 3_000_000 });
    // Runs in the page before the app: the tokens as sign-in would have stored them (once, so sign-out sticks).
    await context.addInitScript(`if (!sessionStorage.getItem('tally.seeded')) {
      sessionStorage.setItem('tally.seeded', '1');
      sessionStorage.setItem('tally.session', ${JSON.stringify(session)});
      ${refreshToken ? `localStorage.setItem('tally.refresh', ${JSON.stringify(refreshToken)});` : ''}
    }`);
  }
  const page = await context.newPage();
  return { context, page };
}

/** Opens a path of the app and waits until its main heading shows. */
export async function visit(page: Page, path: string, heading: string | RegExp): Promise<void> {
  await page.goto(new URL(path, webUrl()).href);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Screenshots of the page as it is, at desktop and at phone width, saved as tests/browser/screenshots/<name>-*.png. */
export async function screenshots(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const size = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(size);
}

/** axe on the page as it is now (WCAG 2.1 A and AA): no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}

/** Each screen's check at both widths: the axe check, then the screenshots. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await expectAccessible(page);
  await page.setViewportSize(PHONE);
  await expectAccessible(page);
  await page.setViewportSize(DESKTOP);
  await screenshots(page, name);
}
