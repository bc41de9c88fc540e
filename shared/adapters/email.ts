import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { config } from '../config';
import { traced } from '../tracing';

let client: SESv2Client | undefined;

/** A rendered email: both an HTML and a plain-text part. */
export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers (e.g. `List-Unsubscribe`, RFC 8058), sent as SES v2 `Simple.Headers`. */
  headers?: Record<string, string>;
}

/**
 * Sends an email through SES v2. In the local cloud AWS_ENDPOINT_URL_SESV2 points the same client at the local
 * outbox, which keeps every message for a person to open in the browser.
 */
export async function sendEmail(message: EmailMessage): Promise<string> {
  client ??= traced(new SESv2Client({ maxAttempts: 3 }));
  const out = await client.send(
    new SendEmailCommand({
      FromEmailAddress: config().EMAIL_FROM,
      Destination: { ToAddresses: [message.to] },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: { Html: { Data: message.html, Charset: 'UTF-8' }, Text: { Data: message.text, Charset: 'UTF-8' } },
          ...(message.headers ? { Headers: Object.entries(message.headers).map(([Name, Value]) => ({ Name, Value })) } : {}),
        },
      },
    }),
  );
  return out.MessageId ?? '';
}
