import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bareAddress, Outbox, parseSendEmail, SesRequestError } from '../../infra/local/email';

const simple = {
  FromEmailAddress: 'Tally <no-reply@tally.local>',
  Destination: { ToAddresses: ['Ann <ann@example.com>'], CcAddresses: ['cc@example.com'] },
  Content: { Simple: { Subject: { Data: 'Hello' }, Body: { Html: { Data: '<p>Hi</p>' }, Text: { Data: 'Hi' } } } },
};

describe('the SES v2 SendEmail request', () => {
  it('keeps sender, recipients, subject, HTML and text', () => {
    // Act
    const m = parseSendEmail(simple, new Date('2024-01-01T00:00:00Z'));
    // Assess
    expect(m).toMatchObject({
      from: 'Tally <no-reply@tally.local>',
      to: ['Ann <ann@example.com>'],
      cc: ['cc@example.com'],
      bcc: [],
      subject: 'Hello',
      html: '<p>Hi</p>',
      text: 'Hi',
      receivedAt: '2024-01-01T00:00:00.000Z',
    });
    expect(m.id).toMatch(/^010001[0-9a-f]{10}-[0-9a-f-]{36}-000000$/);
  });

  it('reads raw MIME messages', () => {
    const raw = 'From: a@x.test\r\nTo: b@x.test\r\nSubject: Raw one\r\n\r\nbody';
    const m = parseSendEmail({ Content: { Raw: { Data: Buffer.from(raw).toString('base64') } } });
    expect(m).toMatchObject({ from: 'a@x.test', to: ['b@x.test'], subject: 'Raw one', raw });
  });

  it.each([
    [{ ...simple, Destination: {} }, /recipient/],
    [{ ...simple, Content: {} }, /exactly one/],
    [{ ...simple, Content: { Simple: { Body: { Text: { Data: 'x' } } } } }, /Subject/],
    [{ ...simple, Content: { Simple: { Subject: { Data: 's' }, Body: {} } } }, /Html or Text/],
    [{ ...simple, FromEmailAddress: undefined }, /FromEmailAddress/],
    [{ ...simple, Destination: { ToAddresses: Array.from({ length: 51 }, (_, i) => `u${i}@x.test`) } }, /exceeds 50/],
  ])('refuses what SES refuses (%#)', (body, message) => {
    expect(() => parseSendEmail(body as Record<string, unknown>)).toThrow(SesRequestError);
    expect(() => parseSendEmail(body as Record<string, unknown>)).toThrow(message);
  });

  it('matches recipients by bare address', () => {
    expect(bareAddress('Ann <ANN@Example.com>')).toBe('ann@example.com');
  });
});

describe('the outbox', () => {
  it('keeps every message as a file and lists the newest first, by recipient', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'outbox-'));
    try {
      const box = await Outbox.open(dir);
      await box.add(parseSendEmail(simple, new Date('2024-01-01T00:00:00Z')));
      await box.add(parseSendEmail({ ...simple, Destination: { ToAddresses: ['bob@example.com'] } }, new Date('2024-01-02T00:00:00Z')));
      // Act
      const reopened = await Outbox.open(dir);
      // Assess
      expect((await readdir(dir)).filter((f) => f.endsWith('.json'))).toHaveLength(2);
      expect(reopened.list().map((m) => m.to[0])).toEqual(['bob@example.com', 'Ann <ann@example.com>']);
      expect(reopened.list({ to: 'ANN@example.com' })).toHaveLength(1);
      expect(reopened.list({ to: 'cc@example.com' })).toHaveLength(1);
      expect(reopened.list({ to: 'nobody@example.com' })).toHaveLength(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
