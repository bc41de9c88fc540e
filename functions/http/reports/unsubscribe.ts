import { unsubscribeReports } from '../../../shared/contracts/reports';
import { httpHandler } from '../../../shared/http/handler';
import * as reports from '../../../shared/use-cases/reports';

/** `POST /reports/unsubscribe?token=`: RFC 8058 one-click unsubscribe, public (the signed token is the credential). */
export const handler = httpHandler(unsubscribeReports, async ({ query }) => {
  await reports.unsubscribeReports(query.token);
  return { headers: { 'cache-control': 'no-store' } };
});
