import { config } from '../../../shared/config';
import { docs } from '../../../shared/contracts/system';
import { httpHandler } from '../../../shared/http/handler';
import { docsPage } from '../../../shared/http/docs-page';

const CACHE = { 'cache-control': 'public, max-age=300' };

export const handler = httpHandler(docs, async () => {
  const web = config().PUBLIC_WEB_URL;
  if (web) return { status: 302, body: undefined, headers: { ...CACHE, location: `${web.replace(/\/$/, '')}/docs/` } };
  return { body: docsPage(), headers: CACHE };
});
