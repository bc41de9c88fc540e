import { on, queueConsumer } from '../../shared/async/handler';
import { queueNamed } from '../queues';
import { RegistrationAttempted } from '../../events/registration-attempted';
import { UserConfirmed } from '../../events/user-confirmed';
import { UserRegistered } from '../../events/user-registered';
import { AlertDigestRequested } from '../../events/alert-digest-requested';
import { AlertRaised } from '../../events/alert-raised';
import { sendAlertDigest, sendAlertEmail } from '../../shared/use-cases/alerts';
import { sendRegistrationNotice, sendWelcome } from '../../shared/use-cases/notifications';

/** `notifications` queue: emails people get because something happened (welcome, someone registering with their address, …). */
export const handler = queueConsumer(
  queueNamed('notifications'),
  on(UserConfirmed, async (e) => {
    await sendWelcome(e.id, e.data.userId);
  }),
  on(RegistrationAttempted, async (e) => {
    await sendRegistrationNotice(e.id, e.data.userId);
  }),
  // Registration no longer emails anyone (the address is not confirmed yet); events queued before that are drained.
  on(UserRegistered, async () => undefined),
  // An alert the user wants emailed at once (shared/use-cases/alerts.ts); once per alert.
  on(AlertRaised, async (e) => void (await sendAlertEmail(e.data.userId, e.data.alertId))),
  // The daily digest of one user's alerts of one day (the alerts-digest schedule); once per user and day.
  on(AlertDigestRequested, async (e) => void (await sendAlertDigest(e.data.userId, e.data.day))),
);
