import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newUser } from '../support/api';
import { checkScreen, launchBrowser, openApp, visit } from './support';

/** The 10th of the month `offset` months from now (UTC), YYYY-MM-DD. */
function monthDay(offset: number, day = 10): string {
  const d = new Date();
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, day));
  return m.toISOString().slice(0, 10);
}

describe('goals (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a goal, moves its progress with a contribution, refuses linking it to an account (409), edits and deletes it', async () => {
    const user = await newUser('Browser Goals');
    const token = user.accessToken;
    await call('POST', '/accounts', { token, body: { name: 'Savings', type: 'savings', currency: 'EUR' } });
    const { context, page } = await openApp(browser, { user });
    await visit(page, '/goals', 'Goals');
    await page.getByText('No goals yet').waitFor();
    await checkScreen(page, 'goals-empty');

    await page.getByRole('button', { name: 'New goal' }).click();
    let dialog = page.getByRole('dialog', { name: 'New goal' });
    await dialog.getByLabel('Name').fill('Holiday');
    await dialog.getByLabel('Target (EUR)').fill('1200');
    await dialog.getByLabel('Target date').fill(monthDay(12, 28));
    await dialog.getByLabel('Already saved').fill('100.00');
    await dialog.getByRole('button', { name: 'Create goal' }).click();
    const card = page.getByRole('article', { name: 'Holiday' });
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('€100.00 saved of €1,200.00 (8.33%)');
    const [goal] = (await call('GET', '/goals', { token })).body.items;
    expect(goal).toMatchObject({ name: 'Holiday', targetAmount: 120000, startAmount: 10000, currency: 'EUR', accountId: null, targetDate: monthDay(12, 28) });
    await card.getByText('Needed per month').waitFor();

    await card.getByLabel('Contribution (EUR)').fill('200');
    await card.getByLabel('Note').fill('Birthday money');
    await card.getByRole('button', { name: 'Add contribution' }).click();
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('€300.00 saved of €1,200.00 (25%)');
    expect((await call('GET', `/goals/${goal.id}`, { token })).body).toMatchObject({ saved: 30000, contributionCount: 1, recentContributions: [{ amount: 20000, note: 'Birthday money' }] });

    await card.getByRole('button', { name: 'Edit Holiday' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit Holiday' });
    await dialog.getByLabel('Progress comes from').selectOption({ label: 'The balance of Savings' });
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/Conflict/);
    expect((await call('GET', `/goals/${goal.id}`, { token })).body.accountId).toBeNull();
    await dialog.getByLabel('Progress comes from').selectOption({ label: 'Contributions I record' });
    await dialog.getByLabel('Target (EUR)').fill('1500.00');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('€300.00 saved of €1,500.00 (20%)');
    expect((await call('GET', `/goals/${goal.id}`, { token })).body).toMatchObject({ targetAmount: 150000, saved: 30000 });
    await checkScreen(page, 'goals');

    await card.getByRole('button', { name: 'Delete Holiday' }).click();
    await page.getByRole('dialog', { name: 'Delete Holiday?' }).getByRole('button', { name: 'Delete goal' }).click();
    await page.getByText('No goals yet').waitFor();
    expect((await call('GET', `/goals/${goal.id}`, { token })).status).toBe(404);
    await context.close();
  }, 180_000);

  it('shows the odds of an account goal as a percentage with what they come from, once the months of saving are counted', async () => {
    const user = await newUser('Browser Goal Odds');
    const token = user.accessToken;
    const acc = (await call('POST', '/accounts', { token, body: { name: 'Nest egg', type: 'savings', currency: 'EUR' } })).body;
    for (const [offset, amount] of [[-3, 25000], [-2, 30000], [-1, 35000]] as const) {
      const tx = await call('POST', '/transactions', { token, body: { type: 'income', amount, currency: 'EUR', date: monthDay(offset), description: 'Standing order', categoryId: 'income.other', accountId: acc.id } });
      expect(tx.status).toBe(201);
    }
    // Discretionary spending from another account: the suggestion spreads the monthly gap over it.
    const giro = (await call('POST', '/accounts', { token, body: { name: 'Giro', type: 'checking', currency: 'EUR' } })).body;
    for (const offset of [-3, -2, -1]) {
      const tx = await call('POST', '/transactions', { token, body: { type: 'expense', amount: 6000, currency: 'EUR', date: monthDay(offset, 12), description: 'Clothes shop', categoryId: 'shopping.clothing', accountId: giro.id } });
      expect(tx.status).toBe(201);
    }
    const created = await call('POST', '/goals', { token, body: { name: 'New car', targetAmount: 500000, targetDate: monthDay(12, 28), accountId: acc.id } });
    expect(created.status).toBe(201);
    const { context, page } = await openApp(browser, { user });
    await visit(page, '/goals', 'Goals');
    const card = page.getByRole('article', { name: 'New car' });
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('€900.00 saved of €5,000.00');
    // The monthly flows come from rollups the pipeline writes; the screen asks again on its own.
    await expect.poll(() => card.textContent(), { timeout: 150_000, interval: 1_000 }).toMatch(/Chance of reaching it in time: \d+%/);
    await card.getByText(/possible futures by drawing months at random from your 3 months of saving/).waitFor();
    await expect.poll(() => card.textContent(), { timeout: 60_000 }).toMatch(/Shopping(?: › Clothing & shoes)?: €[\d.,]+ less \(from about €60\.00/);
    const api = (await call('GET', `/goals/${created.body.id}`, { token })).body;
    expect(api.feasibility.method).toBe('bootstrap');
    expect(await card.textContent()).toContain(`${Math.round(api.feasibility.probability * 100)}%`);
    await checkScreen(page, 'goals-odds');
    await context.close();
  }, 240_000);
});
