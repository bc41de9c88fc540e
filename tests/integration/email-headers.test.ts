import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * The email adapter sends extra headers (RFC 8058 List-Unsubscribe on report emails) as SES v2 `Simple.Headers`,
 * and the local outbox keeps them, so tests and a person at the console can see them.
 */
describe('email adapter headers', () => {
  beforeAll(() => {
    const env = inject('cloud').env;
    for (const name of ['AWS_ENDPOINT_URL_SESV2', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) if (env[name]) process.env[name] = env[name];
  });

  it('delivers List-Unsubscribe and List-Unsubscribe-Post to the outbox with both parts', async () => {
    const { sendEmail } = await import('../../shared/adapters/email');
    const to = `headers-${randomUUID().slice(0, 8)}@example.com`;
    const link = 'https://api.example/reports/unsubscribe?token=abc.def';
    await sendEmail({ to, subject: 'Report', html: '<p>hi</p>', text: 'hi', headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });
    const res = await fetch(`${inject('cloud').consoleUrl}/api/messages?to=${encodeURIComponent(to)}`);
    const items = ((await res.json()) as { items: { html?: string; text?: string; headers?: Record<string, string> }[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ html: '<p>hi</p>', text: 'hi', headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });
  });
});
