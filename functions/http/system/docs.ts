import { docs } from '../../../shared/contracts/system';
import { httpHandler } from '../../../shared/http/handler';
import { docsPage } from '../../../shared/http/docs-page';

export const handler = httpHandler(docs, async () => ({ body: docsPage(), headers: { 'cache-control': 'public, max-age=300' } }));
