import { codeEmail } from '../../shared/domain/emails/code-emails';
import { newMessageId, type Outbox, type OutboxMessage } from './email';
import type { Service } from './processes';

/** Cognito's default sender of code emails (the pool sends with its own address, not through our SES identity). */
export const COGNITO_SENDER = 'no-reply@verificationemail.com';
const PREFIX = 'tally-cognito-email ';

/** The outbox message of one line the Cognito preload printed for a code delivery; undefined for any other line. */
export function cognitoEmailOf(line: string, now = new Date()): OutboxMessage | undefined {
  if (!line.startsWith(PREFIX)) return undefined;
  let d: { source?: unknown; to?: unknown; code?: unknown };
  try {
    d = JSON.parse(line.slice(PREFIX.length)) as typeof d;
  } catch {
    return undefined;
  }
  if (typeof d.to !== 'string' || typeof d.code !== 'string') return undefined;
  return {
    id: newMessageId(),
    receivedAt: now.toISOString(),
    from: COGNITO_SENDER,
    to: [d.to],
    cc: [],
    bcc: [],
    replyTo: [],
    ...codeEmail(d.code),
    tags: { 'cognito-source': typeof d.source === 'string' ? d.source : 'unknown' },
  };
}

/** Puts every code email the Cognito emulator sends into the outbox, as Cognito's own email would arrive. */
export function deliverCognitoEmails(cognito: Service, outbox: Outbox, onError: (e: unknown) => void): () => void {
  const s = cognito as Service & { onLine(l: (line: string) => void): () => boolean };
  const off = s.onLine((line) => {
    const message = cognitoEmailOf(line);
    if (message) outbox.add(message).catch(onError);
  });
  return () => {
    off();
  };
}
