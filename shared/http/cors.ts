import { config } from '../config';

/** CORS response headers for a request's Origin, from the CORS_ORIGINS setting (`*` or a comma-separated list). */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  const allowed = config().CORS_ORIGINS;
  if (allowed === '*') return { 'access-control-allow-origin': '*' };
  if (origin && allowed.split(',').map((o) => o.trim()).includes(origin)) {
    return { 'access-control-allow-origin': origin, vary: 'Origin' };
  }
  return {};
}
