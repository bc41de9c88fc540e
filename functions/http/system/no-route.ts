import { noRoute } from '../../../shared/contracts/system';
import { httpHandler } from '../../../shared/http/handler';
import { noRouteReply } from '../../../shared/http/no-route';

export const handler = httpHandler(noRoute, async ({ event }) => noRouteReply(event.requestContext.http.method, event.rawPath));
