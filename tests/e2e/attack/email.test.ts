import { randomUUID } from 'node:crypto';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, emailedCode, eventually, newUser, outbox } from '../../support/api';
import { runReportSchedule, thisMondayAt } from '../../support/report-schedule';

/**
 * Email abuse: anyone can register with someone else's address. Until the owner proves the address with the
 * emailed code, Tally sends it nothing but that code — no welcome, no report — and the code email carries nothing
 * the registrant typed. Unconfirmed accounts are deleted after 7 days, which frees the address.
 */

const PASSWORD = 'Correct-Horse-42';
/** A name a spammer would choose: it must never reach an address nobody confirmed. */
const SPAM_NAME = 'WIN 1000 EUR at spam.example';

let ddb: DynamoDBClient;
let table = '';

beforeAll(() => {
  const cloud = inject('cloud');
  Object.assign(process.env, cloud.env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
  ddb = new DynamoDBClient({});
  table = cloud.tableName;
});

async function registerUnconfirmed(name = SPAM_NAME): Promise<{ email: string; userId: string }> {
  const email = `victim-${randomUUID().slice(0, 12)}@example.com`;
  const reg = await call('POST', '/auth/register', { body: { email, password: PASSWORD, name } });
  expect(reg.status).toBe(201);
  expect(reg.body.confirmed).toBe(false);
  return { email, userId: reg.body.userId };
}

async function runSchedule(name: string): Promise<{ ok: boolean; result?: Record<string, number>; error?: string }> {
  const r = await fetch(`${inject('cloud').consoleUrl}/api/schedules/${name}/run`, { method: 'POST' });
  expect(r.status).toBe(200);
  return (await r.json()) as { ok: boolean; result?: Record<string, number> };
}

describe('email to unconfirmed addresses', () => {
  it('sends an unconfirmed address only its code, without the registrant’s text; the welcome follows confirmation', async () => {
    const victim = await registerUnconfirmed();
    // A confirmed registration after it: once its welcome is out, the victim's UserRegistered-era events were handled.
    const control = await newUser('Control');
    await eventually(async () => (await outbox(control.email)).find((m) => /Welcome/.test(m.subject)), 20_000, 'the control user’s welcome');

    const mails = await outbox(victim.email);
    expect(mails.map((m) => m.subject)).toEqual(['Your Tally code']);
    expect(mails[0]?.text).toMatch(/Your Tally code is \d{6}\./);
    expect(JSON.stringify(mails)).not.toContain('spam.example');
    expect(JSON.stringify(mails)).not.toContain('WIN 1000');

    // The owner confirms: now (and only now) the welcome arrives.
    const code = await emailedCode(victim.email);
    expect((await call('POST', '/auth/confirm', { body: { email: victim.email, code } })).status).toBe(204);
    const welcome = await eventually(async () => (await outbox(victim.email)).find((m) => /Welcome/.test(m.subject)), 20_000, 'welcome after confirming');
    expect(welcome.text).toContain('Your Tally account is ready');
    // Confirming again sends no second welcome.
    await call('POST', '/auth/confirm', { body: { email: victim.email, code } });
    const login = await call('POST', '/auth/login', { body: { email: victim.email, password: PASSWORD } });
    expect(login.status).toBe(200);
    const control2 = await newUser('Control');
    await eventually(async () => (await outbox(control2.email)).find((m) => /Welcome/.test(m.subject)), 20_000, 'a later welcome');
    expect((await outbox(victim.email)).filter((m) => /Welcome/.test(m.subject))).toHaveLength(1);
  });

  it('sends no weekly report to an unconfirmed account', { timeout: 90_000 }, async () => {
    const victim = await registerUnconfirmed();
    const confirmed = await newUser('Reported');
    // The weekly report is due at Monday 07:00 in each user's zone (both keep UTC): fired at this week's.
    const run = await runReportSchedule('schedule-reports', thisMondayAt(7));
    expect(run.ok).toBe(true);
    await eventually(async () => (await outbox(confirmed.email)).find((m) => /report/i.test(m.subject)), 60_000, 'the confirmed user’s report');
    // Reports are sent per user from one queue; give the victim's (if any) the same time to arrive.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await outbox(victim.email)).map((m) => m.subject)).toEqual(['Your Tally code']);
  });

  it('deletes an account nobody confirmed within 7 days, and the address can register again', { timeout: 60_000 }, async () => {
    const victim = await registerUnconfirmed();
    // Not confirmed: the same 401 as a wrong password (a distinct answer would tell a new registration from an account).
    expect((await call('POST', '/auth/login', { body: { email: victim.email, password: PASSWORD } })).status).toBe(401);
    // Seven days pass for this account's marker (registration day partition, keyed by user id).
    const day = new Date().toISOString().slice(0, 10);
    await ddb.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: `UNCONFIRMED#${day}` }, sk: { S: victim.userId } },
        UpdateExpression: 'SET deleteAfter = :past',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':past': { N: String(Math.floor(Date.now() / 1000) - 1) } },
      }),
    );
    const run = await runSchedule('expire-unconfirmed');
    expect(run).toMatchObject({ ok: true });
    expect(run.result?.expired).toBeGreaterThanOrEqual(1);
    expect(run.result?.failed).toBe(0);

    // The Cognito user is gone, and the address registers afresh (a new account: a new code, no notice).
    const again = await call('POST', '/auth/register', { body: { email: victim.email, password: PASSWORD } });
    expect(again.status).toBe(201);
    const code = await emailedCode(victim.email);
    expect((await call('POST', '/auth/confirm', { body: { email: victim.email, code } })).status).toBe(204);
    const login = await call('POST', '/auth/login', { body: { email: victim.email, password: PASSWORD } });
    expect(login.status).toBe(200);
    // A new account (an address still held would have kept its old one, and the register answer's id says nothing).
    expect((await call('GET', '/me', { token: login.body.accessToken })).body.userId).not.toBe(victim.userId);
    // A second run finds nothing left of the first account.
    expect((await runSchedule('expire-unconfirmed')).result?.failed).toBe(0);
  });
});
