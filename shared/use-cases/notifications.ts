import { welcomeEmail } from '../domain/emails/welcome';
import { sendEmail } from '../adapters/email';
import { hasReceipt, putReceipt } from '../adapters/receipts';

/**
 * Sends the welcome email once per event: a receipt is written after SES accepted it, so a redelivery skips it.
 * (A crash between the two repeats the email: duplicates are preferred over a lost email.)
 */
export async function sendWelcome(eventId: string, user: { email: string; name: string | null }, now = new Date()): Promise<void> {
  if (await hasReceipt(eventId)) return;
  const messageId = await sendEmail({ to: user.email, ...welcomeEmail(user) });
  await putReceipt(eventId, now, { messageId });
}
