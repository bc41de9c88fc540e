import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, emailedCode, newUser, outbox, type Answer } from '../../support/api';

/**
 * The account lifecycle without new holes: change password (other sessions end), forgot password with an emailed
 * code and reset (every session ends), a new confirmation code. Each public route answers the same whether or not
 * the address exists (status, body, and roughly time), and each is limited per address.
 */

const NEW_PASSWORD = 'Brand-New-Horse-77';
const unknownAddress = () => `nobody-${randomUUID().slice(0, 12)}@example.com`;

async function timed(method: string, path: string, body: unknown): Promise<Answer & { ms: number }> {
  const t = performance.now();
  const a = await call(method, path, { body });
  return { ...a, ms: performance.now() - t };
}

/** Status, media type and body: what a caller could compare between two answers. */
const visible = (a: Answer) => ({ status: a.status, type: a.headers.get('content-type'), body: a.body as unknown });

describe('forgotten password', () => {
  it('emails a code; the reset changes the password and ends every session', async () => {
    const u = await newUser();
    const second = await call('POST', '/auth/login', { body: { email: u.email, password: u.password } });
    expect(second.status).toBe(200);

    const signUpCode = await emailedCode(u.email);
    const forgot = await call('POST', '/auth/forgot-password', { body: { email: u.email } });
    expect(forgot.status).toBe(202);
    const code = await emailedCode(u.email, { after: signUpCode });
    const mail = (await outbox(u.email))[0];
    expect(mail?.subject).toBe('Your Tally code');

    const wrong = await call('POST', '/auth/reset-password', { body: { email: u.email, code: code === '000000' ? '111111' : '000000', newPassword: NEW_PASSWORD } });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('content-type')).toBe('application/problem+json');
    const weak = await call('POST', '/auth/reset-password', { body: { email: u.email, code, newPassword: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.body.detail).toMatch(/at least 12 characters/);

    expect((await call('POST', '/auth/reset-password', { body: { email: u.email, code, newPassword: NEW_PASSWORD } })).status).toBe(204);
    expect((await call('POST', '/auth/login', { body: { email: u.email, password: u.password } })).status).toBe(401);
    expect((await call('POST', '/auth/login', { body: { email: u.email, password: NEW_PASSWORD } })).status).toBe(200);
    // Every session that existed before the reset is over: access tokens and refresh tokens alike.
    expect((await call('GET', '/me', { token: u.accessToken })).status).toBe(401);
    expect((await call('GET', '/me', { token: second.body.accessToken })).status).toBe(401);
    expect((await call('POST', '/auth/refresh', { body: { refreshToken: u.refreshToken } })).status).toBe(401);
    // The code was used up.
    expect((await call('POST', '/auth/reset-password', { body: { email: u.email, code, newPassword: 'Another-Horse-88' } })).status).toBe(400);
  });

  it('answers an unknown address exactly like a known one, and in about the same time', async () => {
    const u = await newUser();
    const known = await timed('POST', '/auth/forgot-password', { email: u.email });
    const unknown = await timed('POST', '/auth/forgot-password', { email: unknownAddress() });
    expect(visible(unknown)).toEqual(visible(known));
    expect(known.status).toBe(202);

    const resetKnown = await timed('POST', '/auth/reset-password', { email: u.email, code: '123456', newPassword: NEW_PASSWORD });
    const resetUnknown = await timed('POST', '/auth/reset-password', { email: unknownAddress(), code: '123456', newPassword: NEW_PASSWORD });
    expect(visible(resetUnknown)).toEqual(visible(resetKnown));
    expect(resetKnown.status).toBe(400);

    const resendKnown = await timed('POST', '/auth/resend-confirmation', { email: u.email });
    const resendUnknown = await timed('POST', '/auth/resend-confirmation', { email: unknownAddress() });
    expect(visible(resendUnknown)).toEqual(visible(resendKnown));
    expect(resendKnown.status).toBe(202);

    // Every answer waits out the same floor, so the Cognito calls made for an existing account do not show.
    for (const a of [known, unknown, resetKnown, resetUnknown, resendKnown, resendUnknown]) expect(a.ms).toBeGreaterThanOrEqual(380);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(300);
  });

  it('sends an unconfirmed address no reset code (only its confirmation code)', async () => {
    const email = `unconfirmed-${randomUUID().slice(0, 12)}@example.com`;
    expect((await call('POST', '/auth/register', { body: { email, password: 'Correct-Horse-42' } })).status).toBe(201);
    await emailedCode(email);
    expect((await call('POST', '/auth/forgot-password', { body: { email } })).status).toBe(202);
    expect((await outbox(email)).length).toBe(1);
  });
});

describe('change password', () => {
  it('needs the current password, keeps this session and ends every other', async () => {
    const u = await newUser();
    const other = await call('POST', '/auth/login', { body: { email: u.email, password: u.password } });
    expect(other.status).toBe(200);

    const wrong = await call('POST', '/auth/change-password', { token: u.accessToken, body: { currentPassword: 'Not-The-Password-1', newPassword: NEW_PASSWORD } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ path: 'body.currentPassword', message: 'is incorrect' }]);
    const weak = await call('POST', '/auth/change-password', { token: u.accessToken, body: { currentPassword: u.password, newPassword: 'alllowercase' } });
    expect(weak.status).toBe(400);
    expect(weak.body.detail).toMatch(/uppercase letter/);
    expect((await call('POST', '/auth/change-password', { body: { currentPassword: u.password, newPassword: NEW_PASSWORD } })).status).toBe(401);

    expect((await call('POST', '/auth/change-password', { token: u.accessToken, body: { currentPassword: u.password, newPassword: NEW_PASSWORD } })).status).toBe(204);
    expect((await call('GET', '/me', { token: u.accessToken })).status).toBe(200);
    expect((await call('GET', '/me', { token: other.body.accessToken })).status).toBe(401);
    expect((await call('POST', '/auth/refresh', { body: { refreshToken: other.body.refreshToken } })).status).toBe(401);
    expect((await call('POST', '/auth/refresh', { body: { refreshToken: u.refreshToken } })).status).toBe(200);
    expect((await call('POST', '/auth/login', { body: { email: u.email, password: u.password } })).status).toBe(401);
    expect((await call('POST', '/auth/login', { body: { email: u.email, password: NEW_PASSWORD } })).status).toBe(200);
  });
});

describe('resend confirmation', () => {
  it('emails a new code that confirms the account', async () => {
    const email = `resend-${randomUUID().slice(0, 12)}@example.com`;
    expect((await call('POST', '/auth/register', { body: { email, password: 'Correct-Horse-42' } })).status).toBe(201);
    const first = await emailedCode(email);
    expect((await call('POST', '/auth/resend-confirmation', { body: { email } })).status).toBe(202);
    const code = await emailedCode(email, { after: first });
    expect((await outbox(email)).filter((m) => m.subject === 'Your Tally code')).toHaveLength(2);
    expect((await call('POST', '/auth/confirm', { body: { email, code } })).status).toBe(204);
    expect((await call('POST', '/auth/login', { body: { email, password: 'Correct-Horse-42' } })).status).toBe(200);
    // A confirmed account gets no further code, and the answer does not say so.
    const again = await call('POST', '/auth/resend-confirmation', { body: { email } });
    expect(again.status).toBe(202);
    expect((await outbox(email)).filter((m) => m.subject === 'Your Tally code')).toHaveLength(2);
  });
});

describe('rate limits', () => {
  it.each(['/auth/forgot-password', '/auth/resend-confirmation', '/auth/reset-password'])('refuses the 6th %s in an hour for one address with 429 and Retry-After', async (path) => {
    for (const email of [(await newUser()).email, unknownAddress()]) {
      const body = path === '/auth/reset-password' ? { email, code: '123456', newPassword: NEW_PASSWORD } : { email };
      const answers = await Promise.all(Array.from({ length: 5 }, () => call('POST', path, { body })));
      expect(answers.map((a) => a.status).every((s) => s !== 429)).toBe(true);
      const sixth = await call('POST', path, { body });
      expect(sixth.status).toBe(429);
      expect(sixth.headers.get('content-type')).toBe('application/problem+json');
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(sixth.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
      // Another address is not affected.
      expect((await call('POST', path, { body: { ...body, email: unknownAddress() } })).status).not.toBe(429);
    }
  });

  it('limits password changes per account', async () => {
    const u = await newUser();
    for (let i = 0; i < 5; i++) {
      const r = await call('POST', '/auth/change-password', { token: u.accessToken, body: { currentPassword: 'Wrong-Password-99', newPassword: NEW_PASSWORD } });
      expect(r.status).toBe(400);
    }
    const sixth = await call('POST', '/auth/change-password', { token: u.accessToken, body: { currentPassword: u.password, newPassword: NEW_PASSWORD } });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
