import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, eventually } from '../support/api';
import { day, euroUser, eur, get, tx } from './insight-seed';
import { checkScreen, launchBrowser, openApp, visit } from './support';

type Alert = { id: string; title: string; readAt: string | null; evidence: Record<string, unknown> };

/** The machine may be busy: the screen gets as long as the API's answers take. */
const WAIT = { timeout: 20_000 };
const TEN = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
const CATEGORIES = [
  ['Groceries', 'food.groceries'],
  ['Fuel', 'transport.fuel'],
  ['Eating out', 'food.restaurants'],
] as const;

async function allAlerts(s: Awaited<ReturnType<typeof euroUser>>, query = ''): Promise<Alert[]> {
  return (await get(s, `/alerts?limit=100${query}`)).items;
}

describe('alerts (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists alerts with their evidence, loads more on the cursor, marks one and then all read, and saves preferences', async () => {
    const s = await euroUser('Alerts Browser');
    // Three budgets with ten thresholds each, all crossed by one expense: 30 alerts, more than one page of 20.
    for (const [name, categoryId] of CATEGORIES) {
      const b = await call('POST', '/budgets', { token: s.u.accessToken, body: { name, categoryId, period: 'monthly', amount: 10000, rollover: 'none', thresholds: TEN } });
      expect(b.status, b.text).toBe(201);
    }
    for (const [name, categoryId] of CATEGORIES) await tx(s.u, s.account, { type: 'expense', amount: 10000, date: day(0, 28), description: name, categoryId });
    await eventually(async () => ((await allAlerts(s)).filter((a) => a.title.includes('of the budget spent')).length >= 30 ? true : undefined), 120_000, '30 budget alerts');
    const api = await allAlerts(s);

    const { context, page } = await openApp(browser, { user: s.u });
    await visit(page, '/alerts', 'Alerts');
    const items = page.getByTestId('alert');
    await expect.poll(() => items.count(), WAIT).toBe(20);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => items.count(), WAIT).toBe(api.length);

    // The newest alert's evidence, readable: its spending and what was available, in euros.
    const first = api[0] as Alert;
    const card = items.filter({ hasText: first.title }).first();
    await card.getByText('Evidence').click();
    expect(await card.textContent()).toContain(eur(first.evidence.spent as number));
    expect(await card.textContent()).toContain(eur(first.evidence.available as number));
    await checkScreen(page, 'alerts');

    await card.getByRole('button', { name: /^Mark read/ }).click();
    await expect.poll(async () => (await allAlerts(s)).find((a) => a.id === first.id)?.readAt ?? null, { timeout: 15_000 }).not.toBeNull();
    await expect.poll(() => card.getByText('Read', { exact: true }).count(), WAIT).toBe(1);

    await page.getByLabel('Unread only').check();
    await expect.poll(() => items.count(), WAIT).toBe(20);
    expect(await items.filter({ hasText: first.title }).count()).toBe(0);
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByText('No unread alerts').waitFor();
    expect(await allAlerts(s, '&unread=true')).toEqual([]);

    // Preferences: unusual expenses off, budget thresholds emailed in the daily digest; they stay after a reload.
    await page.getByRole('checkbox', { name: /Unusual expenses/ }).uncheck();
    await page.getByLabel('Email for Budget thresholds').selectOption('daily');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Preferences saved.').waitFor();
    const prefs = await get(s, '/alerts/preferences');
    expect(prefs.kinds['transaction.unusual']).toEqual({ enabled: false, email: 'off' });
    expect(prefs.kinds['budget.threshold']).toEqual({ enabled: true, email: 'daily' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    await expect.poll(() => page.getByLabel('Email for Budget thresholds').inputValue(), WAIT).toBe('daily');
    expect(await page.getByRole('checkbox', { name: /Unusual expenses/ }).isChecked()).toBe(false);
    await context.close();
  }, 240_000);
});
