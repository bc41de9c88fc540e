import { on, queueConsumer } from '../../shared/async/handler';
import { queueNamed } from '../queues';
import { UserConfirmed } from '../../events/user-confirmed';
import { UserRegistered } from '../../events/user-registered';
import { sendWelcome } from '../../shared/use-cases/notifications';

/** `notifications` queue: emails people get because something happened (welcome, …). */
export const handler = queueConsumer(
  queueNamed('notifications'),
  on(UserConfirmed, async (e) => {
    await sendWelcome(e.id, e.data.userId);
  }),
  // Registration no longer emails anyone (the address is not confirmed yet); events queued before that are drained.
  on(UserRegistered, async () => undefined),
);
