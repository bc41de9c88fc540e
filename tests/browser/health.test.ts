import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { euroUser, eur, get, history, month, rollupsCounted } from './insight-seed';
import { checkScreen, launchBrowser, openApp, visit } from './support';

const WAIT = { timeout: 20_000 };
const NAMES: Record<string, string> = { savings_rate: 'Savings rate', emergency_fund: 'Emergency fund', budget_adherence: 'Budget adherence', spending_stability: 'Spending stability', recurring_burden: 'Recurring burden', goal_progress: 'Goal progress' };
const points = (n: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(n);

describe('health (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a month’s score, components and change as the API computes them, and its monthly report', async () => {
    const s = await euroUser('Health Browser');
    await history(s);
    await rollupsCounted(s, { [month(-4)]: 3, [month(-3)]: 3, [month(-2)]: 3, [month(-1)]: 3, [month(0)]: 2 });

    const { context, page } = await openApp(browser, { user: s.u });
    await visit(page, '/health', 'Health');
    await page.getByTestId('health-components').waitFor();
    // Last month, through the month picker.
    await page.getByLabel('Month', { exact: true }).fill(month(-1));
    const report = await get(s, `/reports/health?month=${month(-1)}`);
    expect(report.score).not.toBeNull();
    await expect.poll(() => page.getByTestId('health-score').textContent(), WAIT).toBe(String(report.score));
    const change = await page.getByTestId('health-change').textContent();
    if (report.change) expect(change).toContain(String(report.change.previousScore));
    const table = page.getByTestId('health-components');
    const rows = table.locator('tbody tr:has(th)');
    expect(await rows.count()).toBe(report.components.length);
    for (const c of report.components as { key: string; points: number; maxPoints: number; explanation: string }[]) {
      const row = rows.filter({ hasText: NAMES[c.key] ?? c.key });
      expect(await row.textContent()).toContain(`${points(c.points)} / ${c.maxPoints}`);
      expect(await table.textContent()).toContain(c.explanation);
    }

    // The monthly report on demand, for the same month.
    const monthly = await get(s, `/reports/monthly?month=${month(-1)}&format=json`);
    const totals = page.getByTestId('report-totals');
    await expect.poll(() => totals.textContent(), WAIT).toContain(eur(monthly.totals.income));
    expect(await totals.textContent()).toContain(eur(monthly.totals.expenses));
    expect(await totals.textContent()).toContain(monthly.period.label);
    await checkScreen(page, 'health');
    await context.close();
  }, 180_000);
});
