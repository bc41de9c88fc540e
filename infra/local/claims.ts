/**
 * How API Gateway's JWT authorizer hands verified claims to the integration: every value becomes a string.
 * Numbers and booleans are printed plainly, arrays as a bracketed space-separated list (`["admin","user"]` →
 * `"[admin user]"`), objects as `map[key:value …]` with keys in order: the way its Go runtime prints them.
 */
export function stringifyClaim(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[${value.map(stringifyClaim).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${stringifyClaim(v)}`).join(' ')}]`;
  }
  return String(value);
}

/** Every claim of a verified token payload, stringified as API Gateway passes them. */
export function stringifyClaims(payload: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) out[k] = stringifyClaim(v);
  return out;
}
