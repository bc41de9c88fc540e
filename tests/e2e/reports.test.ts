import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { previousWeek } from '../../shared/domain/emails/report';
import { signUnsubscribeToken } from '../../shared/adapters/unsubscribe-token';
import { call, eventually, newUser, outbox, type TestUser } from '../support/api';
import { firstOfMonthAt, runReportSchedule, thisMondayAt } from '../support/report-schedule';

/**
 * Reports over HTTP: a ledger built through the API, read back as the monthly report by GET /reports/monthly, as
 * JSON (figures equal to the analytics summary of the same month) and as the email's HTML part.
 */
const now = new Date();
const month = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);

async function tx(u: TestUser, body: Record<string, unknown>): Promise<void> {
  const res = await call('POST', '/transactions', { token: u.accessToken, body: { currency: 'EUR', ...body } });
  expect(res.status, res.text).toBe(201);
}

describe('GET /reports/monthly', () => {
  it("lists the month's alerts, newest first, however many alerts came after it", async () => {
    const u = await newUser('Alerted');
    const { putAlertOnce } = await import('../../shared/adapters/alerts');
    const m = month(-1);
    const draft = (id: string) => ({ id, kind: 'budget.threshold' as const, severity: 'info' as const, title: `Alert ${id}`, message: `About ${id}`, evidence: {} });
    for (let i = 1; i <= 3; i++) await putAlertOnce(u.userId, draft(`old-${i}`), new Date(`${m}-1${i}T09:00:00Z`));
    // More alerts since than any one page of GET /alerts holds (the report used to see only the latest 100).
    const later = Date.parse(`${month(0)}-01T00:00:00Z`);
    await Promise.all(Array.from({ length: 130 }, (_, i) => putAlertOnce(u.userId, draft(`new-${i}`), new Date(later + i * 1000))));

    const json = await call('GET', `/reports/monthly?month=${m}`, { token: u.accessToken });
    expect(json.status, json.text).toBe(200);
    expect(json.body.alerts.map((a: { title: string }) => a.title)).toEqual(['Alert old-3', 'Alert old-2', 'Alert old-1']);
  });

  it('answers the month as JSON with the ledger figures and as escaped, script-free HTML under a strict CSP', async () => {
    const u = await newUser('Reporter <b>');
    const cat = await call('POST', '/categories', { token: u.accessToken, body: { name: '<script>alert(1)</script>', kind: 'expense' } });
    expect(cat.status, cat.text).toBe(201);
    const m = month(-1);
    await tx(u, { type: 'income', amount: 300_000, date: `${month(-2)}-03`, description: 'Salary', categoryId: 'income.salary' });
    await tx(u, { type: 'income', amount: 320_000, date: `${m}-03`, description: 'Salary', categoryId: 'income.salary' });
    await tx(u, { type: 'expense', amount: 12_345, date: `${m}-10`, description: 'Grocer', categoryId: 'food.groceries' });
    await tx(u, { type: 'expense', amount: 50_000, date: `${m}-11`, description: 'Trap', categoryId: cat.body.id });
    const summary = await eventually(async () => {
      const s = await call('GET', `/analytics/summary?month=${m}`, { token: u.accessToken });
      return s.body.expenses === 62_345 && s.body.previous.income === 300_000 ? s.body : undefined;
    }, 30_000, 'the month counted by analytics');

    const json = await call('GET', `/reports/monthly?month=${m}`, { token: u.accessToken });
    expect(json.status, json.text).toBe(200);
    expect(json.body.totals).toEqual({ income: summary.income, expenses: summary.expenses, net: summary.net });
    expect(json.body.totals).toEqual({ income: 320_000, expenses: 62_345, net: 257_655 });
    expect(json.body.change).toEqual({ income: 20_000, expenses: 62_345, net: 257_655 - 300_000 });
    expect(json.body.period).toEqual({ from: `${m}-01`, to: expect.stringMatching(new RegExp(`^${m}-(28|29|30|31)$`)), label: m });
    expect(json.body.topCategories[0]).toMatchObject({ name: '<script>alert(1)</script>', amount: 50_000, share: 80.1 });

    const html = await call('GET', `/reports/monthly?month=${m}&format=html`, { token: u.accessToken });
    expect(html.status, html.text).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html.text).not.toMatch(/<script/i);
    expect(html.text).not.toMatch(/src="http/i);
    expect(html.text).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html.text).toContain('3200.00 EUR');
    expect(html.text).toContain('623.45 EUR');
    expect(html.text).toContain('2576.55 EUR');
  }, 60_000);

  it('refuses a malformed month, an unknown format and a future month with a problem', async () => {
    const u = await newUser('Reporter');
    for (const [q, path] of [['month=2026-13', 'query.month'], ['format=pdf', 'query.format'], [`month=${month(2)}`, 'query.month']] as const) {
      const res = await call('GET', `/reports/monthly?${q}`, { token: u.accessToken });
      expect(res.status, res.text).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
    }
    expect((await call('GET', '/reports/monthly')).status).toBe(401);
  });
});

// Reports are due at 07:00 in each user's zone (these users keep the default, UTC): the schedules are fired at this
// week's Monday and this month's 1st, 07:00Z, whatever the day the test runs.
const runSchedule = (name: 'schedule-reports' | 'schedule-monthly-reports') => runReportSchedule(name, name === 'schedule-reports' ? thisMondayAt(7) : firstOfMonthAt(7));

describe('weekly report email', () => {
  it('carries the report figures in an HTML and a text part, once per user and week however often the schedule runs', { timeout: 120_000 }, async () => {
    const u = await newUser('Weekly');
    const week = previousWeek(new Date());
    const m = week.to.slice(0, 7);
    await tx(u, { type: 'expense', amount: 4_321, date: week.to, description: 'Bakery', categoryId: 'food.groceries' });
    await eventually(async () => ((await call('GET', `/analytics/summary?month=${m}`, { token: u.accessToken })).body.expenses === 4_321 ? true : undefined), 30_000, 'the expense counted');
    const api = (await call('GET', `/reports/monthly?month=${m}`, { token: u.accessToken })).body;

    expect((await runSchedule('schedule-reports')).ok).toBe(true);
    const mail = await eventually(async () => (await outbox(u.email)).find((x) => /weekly Tally report/.test(x.subject)), 60_000, 'the weekly report');
    expect(mail.subject).toContain(week.from);
    for (const figure of ['43.21 EUR']) {
      expect(mail.text).toContain(figure);
      expect(mail.html).toContain(figure);
    }
    expect(api.totals.expenses).toBe(4_321);
    expect(mail.text).toContain(`Expenses: 43.21 EUR`);
    expect(mail.html).not.toMatch(/<script/i);
    expect(mail.html).not.toMatch(/src="http/i);

    // RFC 8058: the link to the local gateway (PUBLIC_API_URL) in both parts and both headers; POSTing it unsubscribes.
    const { apiUrl } = inject('cloud');
    const headers = (mail as { headers?: Record<string, string> }).headers ?? {};
    const link = /^<(.+)>$/.exec(headers['List-Unsubscribe'] ?? '')?.[1] ?? '';
    expect(link.startsWith(`${apiUrl.replace(/\/+$/, '')}/reports/unsubscribe?token=`), JSON.stringify(headers)).toBe(true);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(link.replace(/&/g, '&amp;'));

    // The schedule again, twice at once: still one report for this user and week.
    const again = await Promise.all([runSchedule('schedule-reports'), runSchedule('schedule-reports')]);
    expect(again.every((r) => r.ok)).toBe(true);
    const control = await newUser('Weekly control');
    expect((await runSchedule('schedule-reports')).ok).toBe(true);
    await eventually(async () => (await outbox(control.email)).find((x) => /weekly Tally report/.test(x.subject)), 60_000, 'a later user’s report');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await outbox(u.email)).filter((x) => /weekly Tally report/.test(x.subject))).toHaveLength(1);

    // A mail client's one-click POST to the link, no sign-in: the preference is off.
    const res = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status, await res.text()).toBe(204);
    expect((await call('GET', '/me', { token: u.accessToken })).body.reports).toBe('off');
  });
});

describe('monthly report email', () => {
  it('the monthly schedule sends last month’s report to monthly and both users only, once however often it runs', { timeout: 120_000 }, async () => {
    const [monthly, both, weekly] = await Promise.all([newUser('Monthly'), newUser('Both'), newUser('Weekly only')]);
    for (const [u, reports] of [[monthly, 'monthly'], [both, 'both']] as const) {
      const res = await call('PATCH', '/me', { token: u.accessToken, body: { reports } });
      expect(res.status, res.text).toBe(200);
    }
    const now = new Date();
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const runs = await Promise.all([runSchedule('schedule-monthly-reports'), runSchedule('schedule-monthly-reports')]);
    expect(runs.every((r) => r.ok)).toBe(true);
    for (const u of [monthly, both]) {
      const mail = await eventually(async () => (await outbox(u.email)).find((x) => /monthly Tally report/.test(x.subject)), 60_000, `${u.email}'s monthly report`);
      expect(mail.subject).toContain(last);
      expect((mail as { headers?: Record<string, string> }).headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    }
    expect((await runSchedule('schedule-monthly-reports')).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 3000));
    for (const u of [monthly, both]) expect((await outbox(u.email)).filter((x) => /monthly Tally report/.test(x.subject))).toHaveLength(1);
    expect((await outbox(weekly.email)).filter((x) => /monthly Tally report/.test(x.subject))).toHaveLength(0);
  });
});

describe('report preference', () => {
  it('PATCH /me sets reports: weekly | monthly | both | off; off stops the weekly email; another value is a 400', { timeout: 120_000 }, async () => {
    const u = await newUser('Quiet');
    expect((await call('GET', '/me', { token: u.accessToken })).body.reports).toBe('weekly');
    const bad = await call('PATCH', '/me', { token: u.accessToken, body: { reports: 'daily' } });
    expect(bad.status, bad.text).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    const off = await call('PATCH', '/me', { token: u.accessToken, body: { reports: 'off' } });
    expect(off.status, off.text).toBe(200);
    expect(off.body.reports).toBe('off');
    expect((await call('GET', '/me', { token: u.accessToken })).body.reports).toBe('off');

    const control = await newUser('Loud');
    expect((await runSchedule('schedule-reports')).ok).toBe(true);
    await eventually(async () => (await outbox(control.email)).find((x) => /weekly Tally report/.test(x.subject)), 60_000, 'the control user’s report');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await outbox(u.email)).filter((x) => /report/i.test(x.subject))).toHaveLength(0);
  });
});

describe('one-click unsubscribe', () => {
  const secret = () => inject('cloud').env.CURSOR_SECRET ?? '';

  it('POST /reports/unsubscribe with a signed token turns reports off without signing in; GET shows a confirming page', { timeout: 60_000 }, async () => {
    const u = await newUser('Leaving');
    const userId = (await call('GET', '/me', { token: u.accessToken })).body.userId as string;
    const token = signUnsubscribeToken(secret(), userId, new Date());

    const page = await call('GET', `/reports/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(page.status, page.text).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.text).toContain('method="post"');
    expect((await call('GET', '/me', { token: u.accessToken })).body.reports).toBe('weekly'); // a GET changes nothing

    const res = await call('POST', `/reports/unsubscribe?token=${encodeURIComponent(token)}`, { raw: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status, res.text).toBe(204);
    expect((await call('GET', '/me', { token: u.accessToken })).body.reports).toBe('off');
    // Repeating it is harmless.
    expect((await call('POST', `/reports/unsubscribe?token=${encodeURIComponent(token)}`)).status).toBe(204);
  });

  it('refuses a tampered, foreign-key, malformed or expired token with a 400 problem and changes nothing', async () => {
    const u = await newUser('Staying');
    const userId = (await call('GET', '/me', { token: u.accessToken })).body.userId as string;
    const good = signUnsubscribeToken(secret(), userId, new Date());
    const [payload, mac] = good.split('.') as [string, string];
    const other = Buffer.from(JSON.stringify({ u: 'someone-else', x: 9_999_999_999 })).toString('base64url');
    const bad = [
      `${other}.${mac}`, // payload swapped, signature kept
      `${payload}.${mac.slice(0, -2)}AA`, // signature edited
      signUnsubscribeToken('x'.repeat(40), userId, new Date()), // signed with another key
      signUnsubscribeToken(secret(), userId, new Date(Date.now() - 91 * 86400_000)), // expired
      'not-a-token',
    ];
    for (const token of bad) {
      for (const method of ['POST', 'GET']) {
        const res = await call(method, `/reports/unsubscribe?token=${encodeURIComponent(token)}`);
        expect(res.status, `${method} ${token}: ${res.text}`).toBe(400);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain('query.token');
      }
    }
    expect((await call('POST', '/reports/unsubscribe')).status).toBe(400);
    expect((await call('GET', '/me', { token: u.accessToken })).body.reports).toBe('weekly');
  });
});
