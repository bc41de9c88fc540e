import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, eventually } from '../support/api';
import { euroUser, eur, get, history, month, rollupsCounted, type Seeded } from './insight-seed';
import { checkScreen, launchBrowser, openApp, visit } from './support';

const STATUS_WORDS: Record<string, string> = { on_track: 'On track', at_risk: 'At risk', over: 'Over budget', off_track: 'Off track', reached: 'Reached' };

/** Opens the dashboard and waits until every card has its data (the container stops being busy). */
async function openDashboard(page: Page): Promise<void> {
  await visit(page, '/', 'Dashboard');
  await page.locator('[data-testid="dashboard"][aria-busy="false"]').waitFor();
}

describe('dashboard (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a brand-new user sees what to do first in every card', async () => {
    const s = await euroUser('Dashboard Empty');
    const { context, page } = await openApp(browser, { user: s.u });
    await openDashboard(page);
    await expect.poll(() => page.getByText('No transactions this month yet').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByText('No budgets yet').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByText('No goals yet').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByText('No history yet').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('unread-count').textContent()).toBe('0');
    expect(await page.getByRole('link', { name: 'Add a transaction' }).getAttribute('href')).toBe('/transactions');
    await checkScreen(page, 'dashboard-empty');
    await context.close();
  }, 90_000);

  it('shows the same figures as the API: month, change, trend chart and its table, budget pace, goal odds, alerts, advice, health', async () => {
    const s: Seeded = await euroUser('Dashboard Data');
    // The budget first: its alerts are raised by the transactions that come after it.
    const b = await call('POST', '/budgets', { token: s.u.accessToken, body: { name: 'Groceries', categoryId: 'food.groceries', period: 'monthly', amount: 30000, rollover: 'none' } });
    expect(b.status, b.text).toBe(201);
    const g = await call('POST', '/goals', { token: s.u.accessToken, body: { name: 'New bike', targetAmount: 500000, startAmount: 100000, targetDate: `${month(6)}-28` } });
    expect(g.status, g.text).toBe(201);
    await history(s);
    await rollupsCounted(s, { [month(-1)]: 3, [month(0)]: 2 });
    // The budget's thresholds (50 % and 80 % of 300.00 by this month's 240.00) and some advice, before looking.
    await eventually(async () => ((await get(s, '/alerts?unread=true')).items.length >= 2 ? true : undefined), 90_000, 'the budget alerts');
    await eventually(async () => ((await get(s, '/advice')).items.length > 0 ? true : undefined), 60_000, 'some advice');

    const { context, page } = await openApp(browser, { user: s.u });
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'fetch') asked.push(new URL(r.url()).pathname);
    });
    await openDashboard(page);
    // One request brings every card: none of the sections' own routes is asked.
    expect(asked.filter((p) => p === '/dashboard')).toHaveLength(1);
    expect(asked.filter((p) => ['/analytics/summary', '/analytics/trends', '/budgets/status', '/goals', '/alerts', '/advice', '/reports/health'].includes(p))).toEqual([]);
    const summary = await get(s, `/analytics/summary?month=${month(0)}`);
    expect(await page.getByTestId('figure-income').textContent()).toBe(eur(summary.income));
    expect(await page.getByTestId('figure-expenses').textContent()).toBe(eur(summary.expenses));
    expect(await page.getByTestId('figure-net').textContent()).toBe(eur(summary.net));
    const trends = await get(s, `/analytics/trends?from=${month(-11)}&to=${month(0)}`);
    const last = trends.series.find((p: { month: string }) => p.month === month(-1));
    expect(await page.getByTestId('change-income').textContent()).toContain(eur(Math.abs(Number(summary.income) - Number(last.income))));

    // The chart: a canvas drawn by uPlot, named by its caption, with its figures in a table for screen readers.
    await page.getByTestId('trend-canvas').locator('canvas').first().waitFor();
    expect(await page.getByRole('figure', { name: /Income, expenses and net/ }).count()).toBe(1);
    const rows = page.getByTestId('trend-table').locator('tbody tr');
    expect(await rows.count()).toBe(12);
    expect(await rows.nth(10).textContent()).toContain(eur(last.income));

    const status = (await get(s, '/budgets/status')).items[0];
    const budget = page.getByTestId('budget-pace').filter({ hasText: 'Groceries' });
    expect(await budget.textContent()).toContain(STATUS_WORDS[status.status]);
    expect(await budget.textContent()).toContain(`${eur(status.spent)} of ${eur(status.available)}`);
    const goal = (await get(s, '/goals')).items[0];
    const goalText = await page.getByTestId('goal-odds').filter({ hasText: 'New bike' }).textContent();
    expect(goalText).toContain(STATUS_WORDS[goal.status]);
    if (goal.feasibility.probability !== null) expect(goalText).toMatch(/\d+% chance/);

    const unread = (await get(s, '/alerts?unread=true&limit=100')).items.length;
    expect(await page.getByTestId('unread-count').textContent()).toBe(String(unread));
    const advice = (await get(s, '/advice')).items[0];
    expect(await page.getByTestId('top-advice').textContent()).toBe(advice.title);
    const health = await get(s, `/reports/health?month=${month(0)}`);
    if (health.score !== null) expect(await page.getByTestId('health-score').textContent()).toBe(String(health.score));
    await checkScreen(page, 'dashboard');
    await context.close();
  }, 240_000);
});
