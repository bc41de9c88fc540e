import { on, queueConsumer } from '../../shared/async/consumer';
import { UserRegistered } from '../../events/user-registered';
import { sendWelcome } from '../../shared/use-cases/notifications';

/** `notifications` queue: emails people get because something happened (welcome, …). */
export const handler = queueConsumer(on(UserRegistered, (e) => sendWelcome(e.id, e.data)));
