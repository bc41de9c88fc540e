import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache, type Jwks } from 'aws-jwt-verify/jwk';
import { stringifyClaims } from './claims';

/** Why a request was refused before reaching its function. */
export class AuthorizerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthorizerError';
  }
}

/**
 * What API Gateway's JWT authorizer does for a route: take the token from `Authorization` (with or without the
 * `Bearer ` prefix), verify signature (RS256 with a key of the pool's JWKS), issuer, `token_use` = access, client
 * id, expiry and not-before; and hand the claims on as strings.
 */
export class JwtAuthorizer {
  private readonly verifier;

  /**
   * `jwksUrl` is where the emulator publishes the pool's keys: the issuer's own JWKS address is on AWS, so a token
   * with an unknown key id makes the verifier refetch from the emulator, never from the internet.
   */
  constructor(o: { userPoolId: string; clientId: string; jwks: unknown; jwksUrl: string }) {
    const jwksCache = new SimpleJwksCache({
      fetcher: {
        fetch: async () => {
          const r = await fetch(o.jwksUrl);
          if (!r.ok) throw new Error(`JWKS request failed: ${r.status}`);
          return r.arrayBuffer();
        },
      },
    });
    this.verifier = CognitoJwtVerifier.create({ userPoolId: o.userPoolId, tokenUse: 'access', clientId: o.clientId }, { jwksCache });
    this.verifier.cacheJwks(o.jwks as Jwks);
  }

  /** The stringified claims of a valid token; throws AuthorizerError otherwise. */
  async authorize(authorization: string | undefined): Promise<Record<string, string>> {
    const header = authorization?.trim() ?? '';
    if (header === '') throw new AuthorizerError('A bearer access token is required (Authorization header).');
    const token = header.replace(/^Bearer\s+/i, '').trim();
    if (token === '' || token.split('.').length !== 3) throw new AuthorizerError('The Authorization header does not hold a JWT.');
    try {
      const payload = await this.verifier.verify(token);
      return stringifyClaims(payload as Record<string, unknown>);
    } catch (e) {
      throw new AuthorizerError(`The access token is not valid: ${(e as Error).message}`);
    }
  }
}
