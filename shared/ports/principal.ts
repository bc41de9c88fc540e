/**
 * Who a use case acts for, in domain terms: the verified user id and what identifies their sign-in. The HTTP layer's
 * `Caller` (shared/http/identity.ts) is one; use cases take this type so they never import shared/http.
 */
export interface Principal {
  /** The user id every key of the user's data derives from (Cognito `sub`, from the verified token only). */
  userId: string;
  /** The identity provider's user name. */
  username: string;
  /** Id of the access token in use (`jti`): names the session. */
  tokenId: string;
  /** The user's roles (identity-provider groups) as the verified token states them. */
  groups: string[];
}
