import { openapi } from '../../../shared/contracts/system';
import { httpHandler } from '../../../shared/http/handler';
import { openApiDocument } from '../../../shared/http/openapi';

export const handler = httpHandler(openapi, async () => ({ body: openApiDocument(), headers: { 'cache-control': 'public, max-age=300' } }));
