import { registrationAttemptEmail } from '../domain/emails/registration-attempt';
import { welcomeEmail } from '../domain/emails/welcome';
import { sendEmail } from '../adapters/email';
import { getProfile } from '../adapters/profiles';
import { hasReceipt, putReceipt } from '../adapters/receipts';

/**
 * Sends the welcome email once per event, only to a confirmed address (read from the profile when it is sent, so
 * an account deleted or never confirmed meanwhile gets nothing). A receipt is written after SES accepted it, so a
 * redelivery skips it. (A crash between the two repeats the email: duplicates are preferred over a lost email.)
 */
export async function sendWelcome(eventId: string, userId: string, now = new Date()): Promise<'sent' | 'skipped'> {
  if (await hasReceipt(eventId)) return 'skipped';
  const profile = await getProfile(userId);
  if (!profile?.confirmedAt) return 'skipped';
  const messageId = await sendEmail({ to: profile.email, ...welcomeEmail({ name: profile.name, email: profile.email }) });
  await putReceipt(eventId, now, { messageId });
  return 'sent';
}

/**
 * Tells the owner of a confirmed address that someone registered with it (fixed text; see the email). Like the
 * welcome: only to a confirmed address, once per event.
 */
export async function sendRegistrationNotice(eventId: string, userId: string, now = new Date()): Promise<'sent' | 'skipped'> {
  if (await hasReceipt(eventId)) return 'skipped';
  const profile = await getProfile(userId);
  if (!profile?.confirmedAt) return 'skipped';
  const messageId = await sendEmail({ to: profile.email, ...registrationAttemptEmail() });
  await putReceipt(eventId, now, { messageId });
  return 'sent';
}
