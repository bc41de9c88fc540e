import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, newUser, type TestUser } from '../support/api';
import { checkScreen, launchBrowser, openApp, visit } from './support';

/** The bootstrap administrator, signed in through the API as the sign-in screen would. */
async function adminUser(): Promise<TestUser> {
  const credentials = inject('cloud').admin;
  const login = await call('POST', '/auth/login', { body: credentials });
  expect(login.status).toBe(200);
  const me = await call('GET', '/me', { token: login.body.accessToken });
  return { ...credentials, userId: me.body.userId, accessToken: login.body.accessToken, refreshToken: login.body.refreshToken, idToken: login.body.idToken };
}

function auditRow(page: Page, change: string, text: string) {
  return page.getByRole('row').filter({ hasText: change }).filter({ hasText: text });
}

describe('admin (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a role, gives it to a user and takes it back; the audit log shows each change', async () => {
    const admin = await adminUser();
    const member = await newUser('Browser Role Member');
    const role = `support-${randomUUID().slice(0, 8)}`;
    const { context, page } = await openApp(browser, { user: admin });
    await visit(page, '/admin', 'Admin');
    await page.getByRole('row', { name: /admin/ }).first().waitFor();

    await page.getByLabel('Name', { exact: true }).fill(role);
    await page.getByLabel('Description').fill('Support staff: read roles');
    await page.getByRole('checkbox', { name: /roles:read/ }).check();
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.getByRole('status').filter({ hasText: `${role} created` }).waitFor();
    await page.getByRole('rowheader', { name: new RegExp(role) }).waitFor();
    const roles = (await call('GET', '/auth/roles', { token: admin.accessToken })).body.items as { name: string; permissions: string[] }[];
    expect(roles.find((r) => r.name === role)?.permissions).toEqual(['roles:read']);

    await page.getByLabel('Role', { exact: true }).selectOption(role);
    await page.getByLabel('User id').fill(member.userId);
    await page.getByRole('button', { name: 'Add to role' }).click();
    await page.getByRole('status').filter({ hasText: 'now holds' }).waitFor();
    await auditRow(page, 'Gave role', member.userId).waitFor();
    await auditRow(page, 'Created role', role).waitFor();
    await checkScreen(page, 'admin');

    // The member's next sign-in carries the role.
    const relogin = await call('POST', '/auth/login', { body: { email: member.email, password: member.password } });
    expect((await call('GET', '/me', { token: relogin.body.accessToken })).body.roles).toContain(role);

    await page.getByRole('button', { name: 'Remove from role' }).click();
    await page.getByRole('status').filter({ hasText: 'no longer holds' }).waitFor();
    await auditRow(page, 'Took role', member.userId).waitFor();
    const audit = (await call('GET', '/auth/audit', { token: admin.accessToken })).body.items as { action: string; role: string; targetUserId?: string; outcome: string }[];
    expect(audit.filter((a) => a.role === role).map((a) => [a.action, a.outcome])).toEqual([
      ['role.member.remove', 'applied'],
      ['role.member.add', 'applied'],
      ['role.create', 'applied'],
    ]);
    await context.close();
  }, 120_000);

  it('tells a user without roles:read so, instead of showing roles', async () => {
    const user = await newUser('Browser Not Admin');
    const { context, page } = await openApp(browser, { user });
    await visit(page, '/admin', 'Admin');
    await page.getByRole('heading', { level: 2, name: /don.t hold roles:read/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Create role' }).count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);
    await checkScreen(page, 'admin-forbidden');
    await context.close();
  }, 60_000);
});
