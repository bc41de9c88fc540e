import { health } from '../../../shared/contracts/system';
import { httpHandler } from '../../../shared/http/handler';

export const handler = httpHandler(health, async () => ({ body: { status: 'ok' as const } }));
