import { config } from '../config';

/**
 * CORS response headers for a request's Origin, from the CORS_ORIGINS setting: a comma-separated list of origins
 * (the deployment's), `*` only when a deployment names it, or empty (no cross-origin browser caller). An origin not
 * on the list gets no CORS header, so the browser withholds the answer from that page.
 */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  const allowed = config()
    .CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
  if (allowed.includes('*')) return { 'access-control-allow-origin': '*' };
  if (origin && allowed.includes(origin)) return { 'access-control-allow-origin': origin, vary: 'Origin' };
  return {};
}
