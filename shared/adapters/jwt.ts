/**
 * Reads the payload of a JWT this process just received from Cognito over TLS (to learn its `jti`, `sub`, `exp`).
 * This is NOT verification: verified claims of a caller come only from API Gateway's authorizer.
 */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('Malformed JWT from the identity provider');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
