import { unsubscribePage } from '../../../shared/contracts/reports';
import { httpHandler } from '../../../shared/http/handler';
import * as reports from '../../../shared/use-cases/reports';

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** `GET /reports/unsubscribe?token=`: a confirmation page whose button POSTs (a link scanner's GET changes nothing). */
export const handler = httpHandler(unsubscribePage, async ({ query }) => ({
  body: await reports.unsubscribePage(query.token),
  headers: { 'content-security-policy': PAGE_CSP, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
}));
