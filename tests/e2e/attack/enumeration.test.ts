import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, emailedCode, eventually, newUser, outbox, type Answer } from '../../support/api';

/**
 * Account enumeration and code guessing. An attacker must not learn whether an address has an account — not from
 * registering it (status, body, time), nor from trying the registrant's password or a guessed code afterwards — and
 * cannot guess a 6-digit confirmation code or a password by trying many: each address gets a few attempts an hour,
 * the same for known and unknown addresses.
 */

const PASSWORD = 'Correct-Horse-42';
const ATTACKER_PASSWORD = 'Attacker-Chosen-99';
/** What a spammer would have the owner read: it must never reach the owner's mailbox. */
const SPAM_NAME = 'WIN 1000 EUR at spam.example';
/** The register floor (REGISTER_EVEN_ANSWER_MS), less a little for clock granularity. */
const REGISTER_FLOOR_MS = 980;

const freshAddress = (tag: string) => `${tag}-${randomUUID().slice(0, 12)}@example.com`;

async function timed(method: string, path: string, body: unknown): Promise<Answer & { ms: number }> {
  const t = performance.now();
  const a = await call(method, path, { body });
  return { ...a, ms: performance.now() - t };
}

/** What a caller sees of an answer, values that must differ (a user id) replaced by their shape. */
function visible(a: Answer) {
  const body = typeof a.body === 'object' && a.body !== null ? { ...(a.body as Record<string, unknown>) } : a.body;
  if (body && typeof body === 'object' && 'userId' in body) body.userId = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(String(body.userId)) ? '<uuid v4>' : body.userId;
  if (body && typeof body === 'object' && 'email' in body) body.email = '<the address sent>';
  return { status: a.status, type: a.headers.get('content-type'), body };
}

/** A wrong 6-digit code (never the one that was emailed). */
const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

describe('registering an address that already has an account', () => {
  it('answers exactly like a new registration, in status, body shape and time', async () => {
    const owner = await newUser('Owner');
    const fresh = freshAddress('fresh');
    const existing = await timed('POST', '/auth/register', { email: owner.email, password: ATTACKER_PASSWORD, name: SPAM_NAME });
    const created = await timed('POST', '/auth/register', { email: fresh, password: ATTACKER_PASSWORD, name: SPAM_NAME });

    expect(created.status).toBe(201);
    expect(visible(existing)).toEqual(visible(created));
    expect(Object.keys(existing.body as object).sort()).toEqual(Object.keys(created.body as object).sort());
    // The id answered for an existing address is not the owner's.
    expect(existing.body.userId).not.toBe(owner.userId);
    // Both wait out the same floor, so the account creation done only for a new address does not show.
    expect(existing.ms).toBeGreaterThanOrEqual(REGISTER_FLOOR_MS);
    expect(created.ms).toBeGreaterThanOrEqual(REGISTER_FLOOR_MS);
    expect(Math.abs(existing.ms - created.ms)).toBeLessThan(300);
  });

  it('lets nothing that follows tell the two apart: signing in with the registrant’s password, or a guessed code', async () => {
    const owner = await newUser('Owner');
    const fresh = freshAddress('fresh');
    expect((await call('POST', '/auth/register', { body: { email: owner.email, password: ATTACKER_PASSWORD } })).status).toBe(201);
    expect((await call('POST', '/auth/register', { body: { email: fresh, password: ATTACKER_PASSWORD } })).status).toBe(201);

    // The attacker knows the password they registered with; an unconfirmed new account must not say "not confirmed"
    // where an existing one says "wrong password".
    const loginExisting = await call('POST', '/auth/login', { body: { email: owner.email, password: ATTACKER_PASSWORD } });
    const loginNew = await call('POST', '/auth/login', { body: { email: fresh, password: ATTACKER_PASSWORD } });
    expect(visible(loginNew)).toEqual(visible(loginExisting));
    expect(loginExisting.status).toBe(401);

    const confirmExisting = await call('POST', '/auth/confirm', { body: { email: owner.email, code: '123456' } });
    const confirmNew = await call('POST', '/auth/confirm', { body: { email: fresh, code: wrongCode(await emailedCode(fresh)) } });
    const confirmUnknown = await call('POST', '/auth/confirm', { body: { email: freshAddress('nobody'), code: '123456' } });
    expect(visible(confirmExisting)).toEqual(visible(confirmNew));
    expect(visible(confirmUnknown)).toEqual(visible(confirmNew));
    expect(confirmNew.status).toBe(400);
  });

  it('creates nothing: the owner keeps the account and password, and is told (fixed text) that someone tried', async () => {
    const owner = await newUser('Owner');
    await eventually(async () => (await outbox(owner.email)).find((m) => /Welcome/.test(m.subject)), 20_000, 'the owner’s welcome');
    const reg = await call('POST', '/auth/register', { body: { email: owner.email, password: ATTACKER_PASSWORD, name: SPAM_NAME } });
    expect(reg.status).toBe(201);

    expect((await call('POST', '/auth/login', { body: { email: owner.email, password: ATTACKER_PASSWORD } })).status).toBe(401);
    const login = await call('POST', '/auth/login', { body: { email: owner.email, password: owner.password } });
    expect(login.status).toBe(200);
    const me = await call('GET', '/me', { token: login.body.accessToken });
    expect(me.body).toMatchObject({ userId: owner.userId, name: 'Owner' });

    const notice = await eventually(async () => (await outbox(owner.email)).find((m) => /tried to create/i.test(m.subject)), 20_000, 'the registration notice');
    expect(notice.text).toMatch(/someone tried to create a Tally account with this address/i);
    expect(JSON.stringify(notice)).not.toContain('spam.example');
    expect(JSON.stringify(notice)).not.toContain('WIN 1000');
    // One notice a day at most, however often the address is tried.
    expect((await call('POST', '/auth/register', { body: { email: owner.email, password: ATTACKER_PASSWORD } })).status).toBe(201);
    const control = await newUser('Control');
    await eventually(async () => (await outbox(control.email)).find((m) => /Welcome/.test(m.subject)), 20_000, 'a later welcome');
    await new Promise((r) => setTimeout(r, 1000));
    const mails = await outbox(owner.email);
    expect(mails.filter((m) => /tried to create/i.test(m.subject))).toHaveLength(1);
    expect(mails.filter((m) => /Welcome/.test(m.subject))).toHaveLength(1);
  });

  it('sends an address still waiting for confirmation a new code, and keeps its first password', async () => {
    const email = freshAddress('pending');
    const first = await call('POST', '/auth/register', { body: { email, password: PASSWORD, name: 'First' } });
    expect(first.status).toBe(201);
    const firstCode = await emailedCode(email);
    const again = await call('POST', '/auth/register', { body: { email, password: ATTACKER_PASSWORD, name: SPAM_NAME } });
    expect(again.status).toBe(201);
    expect(again.body.userId).not.toBe(first.body.userId);
    const code = await emailedCode(email, { after: firstCode });
    const mails = await outbox(email);
    expect(mails.map((m) => m.subject)).toEqual(['Your Tally code', 'Your Tally code']);
    expect(JSON.stringify(mails)).not.toContain('spam.example');

    expect((await call('POST', '/auth/confirm', { body: { email, code } })).status).toBe(204);
    expect((await call('POST', '/auth/login', { body: { email, password: ATTACKER_PASSWORD } })).status).toBe(401);
    const login = await call('POST', '/auth/login', { body: { email, password: PASSWORD } });
    expect(login.status).toBe(200);
    expect((await call('GET', '/me', { token: login.body.accessToken })).body).toMatchObject({ userId: first.body.userId, name: 'First' });
  });
});

describe('registering one address over and over (mail bombing its owner)', () => {
  it('refuses the 6th registration of an address in an hour with 429 and Retry-After, taken or not', async () => {
    // The owner's own registration counts as the first.
    for (const [email, before] of [[(await newUser()).email, 1], [freshAddress('bomb'), 0]] as const) {
      const answers = await Promise.all(Array.from({ length: 5 - before }, () => call('POST', '/auth/register', { body: { email, password: ATTACKER_PASSWORD } })));
      expect(answers.every((a) => a.status === 201)).toBe(true);
      const sixth = await call('POST', '/auth/register', { body: { email, password: ATTACKER_PASSWORD } });
      expect(sixth.status).toBe(429);
      expect(sixth.headers.get('content-type')).toBe('application/problem+json');
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(sixth.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    }
  });
});

describe('guessing a confirmation code', () => {
  it('refuses the 6th attempt in an hour with 429 and Retry-After, even with the right code', async () => {
    const email = freshAddress('guess');
    expect((await call('POST', '/auth/register', { body: { email, password: PASSWORD } })).status).toBe(201);
    const code = await emailedCode(email);
    const answers = await Promise.all(Array.from({ length: 5 }, () => call('POST', '/auth/confirm', { body: { email, code: wrongCode(code) } })));
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400]);

    const right = await call('POST', '/auth/confirm', { body: { email, code } });
    expect(right.status).toBe(429);
    expect(right.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(right.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    // The account stays unconfirmed.
    expect((await call('POST', '/auth/login', { body: { email, password: PASSWORD } })).status).toBe(401);
  });

  it('limits an unknown address the same way, and another address is not affected', async () => {
    const email = freshAddress('nobody');
    for (let i = 0; i < 5; i++) expect((await call('POST', '/auth/confirm', { body: { email, code: '123456' } })).status).toBe(400);
    const sixth = await call('POST', '/auth/confirm', { body: { email, code: '123456' } });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call('POST', '/auth/confirm', { body: { email: freshAddress('other'), code: '123456' } })).status).toBe(400);
  });
});

describe('guessing a password', () => {
  it('refuses sign-in with 429 and Retry-After after 10 wrong passwords, even with the right one', async () => {
    const u = await newUser();
    const wrong = await Promise.all(Array.from({ length: 10 }, (_, i) => call('POST', '/auth/login', { body: { email: u.email, password: `Wrong-Password-${i}0` } })));
    expect(wrong.map((a) => a.status)).toEqual(Array(10).fill(401));
    const right = await call('POST', '/auth/login', { body: { email: u.email, password: u.password } });
    expect(right.status).toBe(429);
    expect(right.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(right.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    // An unknown address gets the same.
    const nobody = freshAddress('nobody');
    for (let i = 0; i < 10; i++) expect((await call('POST', '/auth/login', { body: { email: nobody, password: PASSWORD } })).status).toBe(401);
    expect((await call('POST', '/auth/login', { body: { email: nobody, password: PASSWORD } })).status).toBe(429);
  });

  it('counts failures only: a person signing in often is never refused', async () => {
    const u = await newUser();
    for (let i = 0; i < 12; i++) expect((await call('POST', '/auth/login', { body: { email: u.email, password: u.password } })).status).toBe(200);
  });
});
