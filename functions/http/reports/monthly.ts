import { monthlyReport } from '../../../shared/contracts/reports';
import { renderReportHtml } from '../../../shared/domain/reports';
import { httpHandler } from '../../../shared/http/handler';
import * as reports from '../../../shared/use-cases/reports';

/** The HTML part needs inline styles and nothing else: no script, no remote fetch, no framing. */
const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const handler = httpHandler(monthlyReport, async ({ caller, query }) => {
  const content = await reports.monthlyReport(caller.userId, query.month);
  const headers: Record<string, string> = { 'cache-control': 'private, no-store' };
  if (query.format === 'json') return { body: content, headers };
  return { body: renderReportHtml(content), headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': HTML_CSP, 'x-content-type-options': 'nosniff' } };
});
