/**
 * The web app's security headers, one definition for both places that serve it: CloudFront's response headers
 * policy (infra/stacks/web-stack.ts) and the local cloud's web server (infra/local/web.ts).
 *
 * The content-security policy allows scripts only from the app's own origin (no inline script, no eval), network
 * requests only to the app and the API, and no framing. Inline `style` attributes stay allowed: React's and Swagger
 * UI's computed styles use them, and styles cannot run code.
 */
export function contentSecurityPolicy(apiOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${apiOrigin}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Every header the app is served with (lower-case names). */
export function webSecurityHeaders(apiOrigin: string): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(apiOrigin),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'cross-origin-opener-policy': 'same-origin',
  };
}
