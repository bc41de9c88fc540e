import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newUser } from '../support/api';
import { checkScreen, launchBrowser, openApp, visit } from './support';

interface Rule {
  id: string;
  name: string;
  priority: number;
  enabled: boolean;
  version: number;
}

describe('rules (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('previews an unsaved rule on the seeded transactions, saves it on, reorders, answers a stale edit with the 412, and deletes', async () => {
    const user = await newUser('Browser Rules');
    const token = user.accessToken;
    const acc = (await call('POST', '/accounts', { token, body: { name: 'Giro', type: 'checking', currency: 'EUR' } })).body;
    const date = new Date().toISOString().slice(0, 10);
    for (const [amount, description] of [[1299, 'NETFLIX.COM 4471'], [1299, 'Netflix International'], [999, 'Spotify AB']] as const) {
      expect((await call('POST', '/transactions', { token, body: { type: 'expense', amount, currency: 'EUR', date, description, accountId: acc.id } })).status).toBe(201);
    }
    const { context, page } = await openApp(browser, { user });
    await visit(page, '/rules', 'Rules');
    await page.getByText('No rules yet').waitFor();

    await page.getByRole('button', { name: 'New rule' }).click();
    const form = page.getByRole('dialog', { name: 'New rule' });
    await form.getByLabel('Name').fill('Streaming');
    await form.getByLabel('Description contains').fill('netflix');
    await form.getByLabel('Set category').selectOption({ label: 'Entertainment › Streaming & subscriptions' });
    await form.getByLabel('Add tags').fill('tv, monthly');
    await form.getByRole('button', { name: 'Preview' }).click();

    // The draft is previewed before anything is saved (POST /rules/preview).
    const preview = form.getByRole('region', { name: 'Preview of this rule' });
    await expect.poll(() => preview.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^2 of 3 transactions examined would change/);
    expect((await call('GET', '/rules', { token })).body.items).toEqual([]);
    // What the screen lists is what the API's draft preview answers (a category the learned model already set may match).
    const draft = { conditions: { descriptionContains: 'netflix' }, actions: { categoryId: 'entertainment.streaming', tags: ['tv', 'monthly'] } };
    const answer = (await call('POST', '/rules/preview', { token, body: draft })).body as { ruleId: null; matches: { description: string; changes: { categoryId?: { to: string } } }[] };
    expect(answer.ruleId).toBeNull();
    expect(answer.matches.map((m) => m.description).sort()).toEqual(['NETFLIX.COM 4471', 'Netflix International']);
    for (const m of answer.matches) {
      const row = preview.getByRole('row', { name: new RegExp(m.description.replace('.', '\\.')) });
      await row.getByText('Tags: tv, monthly').waitFor();
      if (m.changes.categoryId) await row.getByText(/Category: .* → Entertainment › Streaming & subscriptions/).waitFor();
    }
    expect(await preview.getByRole('row', { name: /Spotify/ }).count()).toBe(0);
    await checkScreen(page, 'rules-preview');

    await form.getByRole('button', { name: 'Save and turn on' }).click();
    await form.waitFor({ state: 'detached' });
    let [rule] = (await call('GET', '/rules', { token })).body.items as Rule[];
    expect(rule).toMatchObject({ name: 'Streaming', enabled: true, ...draft });
    await page.getByRole('rowheader', { name: 'Streaming', exact: true }).waitFor();

    const music = (await call('POST', '/rules', { token, body: { name: 'Music', priority: 200, conditions: { descriptionContains: 'spotify' }, actions: { categoryId: 'entertainment.streaming' } } })).body as Rule;
    await page.reload();
    await page.getByRole('button', { name: 'Move Music up' }).click();
    await expect.poll(async () => ((await call('GET', '/rules', { token })).body.items as Rule[]).map((r) => r.name), { timeout: 20_000 }).toEqual(['Music', 'Streaming']);
    await expect.poll(() => page.getByRole('row').nth(1).textContent(), { timeout: 20_000 }).toContain('Music');
    await checkScreen(page, 'rules');

    [rule] = ((await call('GET', '/rules', { token })).body.items as Rule[]).filter((r) => r.name === 'Streaming');
    await page.getByRole('button', { name: 'Edit Streaming' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Streaming' });
    expect((await call('PATCH', `/rules/${rule?.id}`, { token, headers: { 'If-Match': `"${rule?.version}"` }, body: { name: 'Video streaming' } })).status).toBe(200);
    await edit.getByLabel('Add tags').fill('video');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => edit.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/Precondition failed/);
    await edit.getByRole('button', { name: 'Reload their copy' }).click();
    const reloaded = page.getByRole('dialog', { name: 'Edit Video streaming' });
    await expect.poll(() => reloaded.getByLabel('Add tags').inputValue(), { timeout: 20_000 }).toBe('tv, monthly');
    await reloaded.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Delete Music' }).click();
    await page.getByRole('dialog', { name: 'Delete Music?' }).getByRole('button', { name: 'Delete rule' }).click();
    await page.getByRole('button', { name: 'Delete Music' }).waitFor({ state: 'detached' });
    expect(((await call('GET', '/rules', { token })).body.items as Rule[]).map((r) => r.id)).not.toContain(music.id);
    await context.close();
  }, 180_000);
});
