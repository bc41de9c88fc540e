import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  ResendConfirmationCodeCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateGroupCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { config } from '../config';
import { ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError, ValidationError } from '../domain/errors';
import { traced } from '../tracing';

/**
 * The Cognito user pool behind a small port. Cognito's exceptions become domain errors here, so nothing above
 * this file knows the SDK. The endpoint comes from the SDK's configuration (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER
 * points it at the local emulator).
 */
let client: CognitoIdentityProviderClient | undefined;
function idp(): CognitoIdentityProviderClient {
  client ??= traced(new CognitoIdentityProviderClient({ maxAttempts: 3 }));
  return client;
}

export interface AuthTokens {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
  expiresIn: number;
}

function nameOf(e: unknown): string {
  return (e as { name?: string } | null)?.name ?? '';
}

/** Maps Cognito errors that callers can act on; everything else stays an internal error. */
function mapError(e: unknown): never {
  const message = (e as Error).message;
  switch (nameOf(e)) {
    case 'UsernameExistsException':
      throw new ConflictError('An account with this email already exists.');
    case 'InvalidPasswordException':
      throw new ValidationError(`The password does not meet the policy: ${message}`, [{ path: 'body.password', message }]);
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      throw new UnauthorizedError('Incorrect email or password.');
    case 'UserNotConfirmedException':
      throw new ForbiddenError('This account is not confirmed yet: use the code sent by email with POST /auth/confirm.');
    case 'CodeMismatchException':
    case 'ExpiredCodeException':
      throw new ValidationError('The confirmation code is wrong or has expired.', [{ path: 'body.code', message: 'is wrong or expired' }]);
    case 'TooManyRequestsException':
    case 'LimitExceededException':
    case 'TooManyFailedAttemptsException':
      throw new TooManyRequestsError('Too many attempts; wait a moment and try again.');
    case 'ResourceNotFoundException':
      throw new NotFoundError('No such role.');
    default:
      throw e;
  }
}

/** Creates an unconfirmed user; returns Cognito's `sub`. */
export async function signUp(email: string, password: string, name: string | undefined): Promise<{ userId: string; confirmed: boolean }> {
  const out = await idp()
    .send(
      new SignUpCommand({
        ClientId: config().USER_POOL_CLIENT_ID,
        Username: email,
        Password: password,
        UserAttributes: [{ Name: 'email', Value: email }, ...(name ? [{ Name: 'name', Value: name }] : [])],
      }),
    )
    .catch(mapError);
  if (!out.UserSub) throw new Error('Cognito returned no UserSub');
  return { userId: out.UserSub, confirmed: out.UserConfirmed === true };
}

export async function adminConfirm(username: string): Promise<void> {
  await idp().send(new AdminConfirmSignUpCommand({ UserPoolId: config().USER_POOL_ID, Username: username })).catch((e: unknown) => {
    // Already confirmed is fine (a retried registration).
    if (nameOf(e) === 'NotAuthorizedException') return;
    mapError(e);
  });
}

const WRONG_CONFIRMATION_CODE = 'The code is wrong or has expired, or this address has nothing waiting for confirmation.';

/**
 * Confirms a sign-up with the emailed code. A wrong or expired code, an unknown address and an account confirmed
 * already answer the same, so the answer does not tell whether (or how) an account holds the address.
 */
export async function confirmSignUp(email: string, code: string): Promise<void> {
  await idp()
    .send(new ConfirmSignUpCommand({ ClientId: config().USER_POOL_CLIENT_ID, Username: email, ConfirmationCode: code }))
    .catch((e: unknown) => {
      if (['CodeMismatchException', 'ExpiredCodeException', 'UserNotFoundException', 'NotAuthorizedException'].includes(nameOf(e))) {
        throw new ValidationError(WRONG_CONFIRMATION_CODE, [{ path: 'body.code', message: 'is wrong or expired' }]);
      }
      return mapError(e);
    });
}

function tokensOf(result: { AccessToken?: string; IdToken?: string; RefreshToken?: string; ExpiresIn?: number } | undefined): AuthTokens {
  if (!result?.AccessToken || !result.IdToken) throw new UnauthorizedError('Incorrect email or password.');
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    ...(result.RefreshToken ? { refreshToken: result.RefreshToken } : {}),
    expiresIn: result.ExpiresIn ?? 3600,
  };
}

const SIGN_IN_REFUSED = 'Incorrect email or password, or the address is not confirmed yet (enter the emailed code with POST /auth/confirm).';

/**
 * Signs in with a password. A wrong password, an unknown address and an account not confirmed yet answer the same
 * 401: Cognito says "not confirmed" only to the right password, and whoever registered an address knows the
 * password they chose, so a distinct answer would tell a new (unconfirmed) registration from an existing account.
 */
export async function passwordLogin(email: string, password: string): Promise<AuthTokens> {
  const out = await idp()
    .send(
      new InitiateAuthCommand({
        ClientId: config().USER_POOL_CLIENT_ID,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    )
    .catch((e: unknown) => {
      // Cognito answers a wrong password with NotAuthorizedException; its local emulator with InvalidPasswordException.
      if (['NotAuthorizedException', 'UserNotFoundException', 'InvalidPasswordException', 'UserNotConfirmedException'].includes(nameOf(e))) {
        throw new UnauthorizedError(SIGN_IN_REFUSED);
      }
      return mapError(e);
    });
  if (out.ChallengeName) throw new ForbiddenError(`Sign-in needs the ${out.ChallengeName} step, which this API does not offer yet.`);
  return tokensOf(out.AuthenticationResult);
}

export async function refreshLogin(refreshToken: string): Promise<AuthTokens> {
  const out = await idp()
    .send(
      new InitiateAuthCommand({
        ClientId: config().USER_POOL_CLIENT_ID,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    )
    .catch((e: unknown) => {
      if (nameOf(e) === 'NotAuthorizedException') throw new UnauthorizedError('The refresh token is invalid, expired or signed out.');
      return mapError(e);
    });
  return tokensOf(out.AuthenticationResult);
}

/** Revokes a refresh token at Cognito (and, on AWS, the access tokens it issued for Cognito's own APIs). */
export async function revokeRefreshToken(refreshToken: string): Promise<void> {
  await idp()
    .send(new RevokeTokenCommand({ ClientId: config().USER_POOL_CLIENT_ID, Token: refreshToken }))
    .catch((e: unknown) => {
      // An unknown or already revoked token is already as revoked as it can be.
      if (['NotAuthorizedException', 'UnsupportedTokenTypeException', 'InvalidParameterException'].includes(nameOf(e))) return;
      throw e;
    });
}

export async function createGroup(name: string, description: string): Promise<'created' | 'exists'> {
  try {
    await idp().send(new CreateGroupCommand({ UserPoolId: config().USER_POOL_ID, GroupName: name, Description: description || undefined }));
    return 'created';
  } catch (e) {
    if (nameOf(e) === 'GroupExistsException') return 'exists';
    return mapError(e);
  }
}

export async function addToGroup(username: string, group: string): Promise<void> {
  await idp().send(new AdminAddUserToGroupCommand({ UserPoolId: config().USER_POOL_ID, Username: username, GroupName: group })).catch(mapError);
}

export async function removeFromGroup(username: string, group: string): Promise<void> {
  await idp()
    .send(new AdminRemoveUserFromGroupCommand({ UserPoolId: config().USER_POOL_ID, Username: username, GroupName: group }))
    .catch(mapError);
}

export async function deleteUser(username: string): Promise<void> {
  await idp()
    .send(new AdminDeleteUserCommand({ UserPoolId: config().USER_POOL_ID, Username: username }))
    .catch((e: unknown) => {
      if (nameOf(e) === 'UserNotFoundException') return;
      throw e;
    });
}

/** A user of the pool as the admin API shows it. */
export interface PoolUser {
  /** Cognito `sub`: the user id. */
  userId: string;
  username: string;
  /** UNCONFIRMED, CONFIRMED, RESET_REQUIRED, FORCE_CHANGE_PASSWORD, … */
  status: string;
  createdAt: Date | undefined;
}

/** The user signing in as `username` (email or sub), or undefined when there is none. */
export async function getUser(username: string): Promise<PoolUser | undefined> {
  try {
    const out = await idp().send(new AdminGetUserCommand({ UserPoolId: config().USER_POOL_ID, Username: username }));
    const sub = out.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
    if (!sub || !out.Username) return undefined;
    return { userId: sub, username: out.Username, status: out.UserStatus ?? 'UNKNOWN', createdAt: out.UserCreateDate };
  } catch (e) {
    if (nameOf(e) === 'UserNotFoundException') return undefined;
    throw e;
  }
}

/** Emails a new confirmation code to an unconfirmed user (Cognito sends it). */
export async function resendConfirmationCode(email: string): Promise<void> {
  await idp().send(new ResendConfirmationCodeCommand({ ClientId: config().USER_POOL_CLIENT_ID, Username: email })).catch(mapError);
}

/** Emails a password-reset code (Cognito sends it). */
export async function forgotPassword(email: string): Promise<void> {
  await idp().send(new ForgotPasswordCommand({ ClientId: config().USER_POOL_CLIENT_ID, Username: email })).catch(mapError);
}

const WRONG_RESET_CODE = 'The code is wrong or has expired, or no reset was asked for this address.';

/**
 * Sets a new password with the emailed reset code. A wrong code and an unknown address answer the same, so the
 * answer does not tell whether an account exists.
 */
export async function confirmForgotPassword(email: string, code: string, password: string): Promise<void> {
  await idp()
    .send(new ConfirmForgotPasswordCommand({ ClientId: config().USER_POOL_CLIENT_ID, Username: email, ConfirmationCode: code, Password: password }))
    .catch((e: unknown) => {
      if (['CodeMismatchException', 'ExpiredCodeException', 'UserNotFoundException', 'NotAuthorizedException'].includes(nameOf(e))) {
        throw new ValidationError(WRONG_RESET_CODE, [{ path: 'body.code', message: 'is wrong or expired' }]);
      }
      if (nameOf(e) === 'InvalidPasswordException') {
        throw new ValidationError(`The new password does not meet the policy: ${(e as Error).message}`, [{ path: 'body.newPassword', message: (e as Error).message }]);
      }
      return mapError(e);
    });
}

/**
 * Changes the password of the user an access token belongs to, given the current one. A wrong current password is
 * a 400 naming that field (not a 401: the caller's token is fine).
 */
export async function changePassword(accessToken: string, current: string, proposed: string): Promise<void> {
  await idp()
    .send(new ChangePasswordCommand({ AccessToken: accessToken, PreviousPassword: current, ProposedPassword: proposed }))
    .catch((e: unknown) => {
      // Cognito answers a wrong current password with NotAuthorizedException; its local emulator with InvalidPasswordException.
      if (nameOf(e) === 'NotAuthorizedException' || (nameOf(e) === 'InvalidPasswordException' && !/policy|length|must/i.test((e as Error).message))) {
        throw new ValidationError('The current password is incorrect.', [{ path: 'body.currentPassword', message: 'is incorrect' }]);
      }
      if (nameOf(e) === 'InvalidPasswordException') {
        throw new ValidationError(`The new password does not meet the policy: ${(e as Error).message}`, [{ path: 'body.newPassword', message: (e as Error).message }]);
      }
      return mapError(e);
    });
}

/**
 * Signs a user out everywhere at the identity provider (Cognito revokes all their refresh tokens). The local
 * emulator lacks this operation; there the project's own session records (revoked by the caller) are what ends
 * the sessions, so an unsupported operation is tolerated.
 */
export async function globalSignOut(username: string): Promise<'done' | 'unsupported'> {
  // The emulator answers 500 (retried by the SDK): ask once per process.
  if (globalSignOutUnsupported) return 'unsupported';
  try {
    await idp().send(new AdminUserGlobalSignOutCommand({ UserPoolId: config().USER_POOL_ID, Username: username }));
    return 'done';
  } catch (e) {
    if (nameOf(e) === 'UserNotFoundException') return 'done';
    if (nameOf(e) === 'Unsupported' || /unsupported/i.test((e as Error).message)) {
      globalSignOutUnsupported = true;
      return 'unsupported';
    }
    throw e;
  }
}
let globalSignOutUnsupported = false;
