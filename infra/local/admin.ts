import { randomInt } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Log } from './log';

export interface Credentials {
  email: string;
  password: string;
}

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/** A strong random password (20 characters, with upper- and lower-case letters and digits). */
export function generatePassword(length = 20): string {
  const all = LOWER + UPPER + DIGITS;
  const pick = (set: string) => set[randomInt(set.length)] ?? 'x';
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}

async function cognitoUsername(cognito: CognitoIdentityProviderClient, userPoolId: string, email: string): Promise<string | undefined> {
  try {
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
    return user.Username;
  } catch (e) {
    if ((e as Error).name === 'UserNotFoundException') return undefined;
    throw e;
  }
}

/**
 * Makes sure an administrator can sign in with `credentials`: registers the account through the API's own
 * `POST /auth/register` (falling back to Cognito's API while that route is not there yet), sets the password when
 * the account already existed, and puts it in the `admin` group.
 */
export async function ensureAdmin(o: {
  apiUrl: string;
  cognito: CognitoIdentityProviderClient;
  userPoolId: string;
  clientId: string;
  credentials: Credentials;
  log: Log;
}): Promise<{ username: string; created: 'api' | 'cognito' | 'existing' }> {
  const { email, password } = o.credentials;
  let created: 'api' | 'cognito' | 'existing' = 'existing';
  let username = await cognitoUsername(o.cognito, o.userPoolId, email);
  if (!username) {
    const r = await fetch(`${o.apiUrl}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, name: 'Administrator' }),
    }).catch((e: unknown) => ({ status: 0, text: () => Promise.resolve((e as Error).message) }));
    if (r.status === 201 || r.status === 200 || r.status === 409) {
      created = 'api';
      // Where sign-up needs the emailed code, the operator confirms the bootstrap admin (its first sign-in marks the
      // profile confirmed).
      const registered = r.status === 201 ? (JSON.parse(await r.text()) as { confirmed?: boolean }) : {};
      if (registered.confirmed === false) await o.cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: o.userPoolId, Username: email }));
    } else if (r.status >= 400 && r.status < 500 && r.status !== 404 && r.status !== 405) {
      throw new Error(`POST /auth/register refused the admin account (${r.status}): ${await r.text()}`);
    } else {
      o.log.warn(`POST /auth/register answered ${r.status}; creating the admin account through Cognito directly`);
      // A register that failed late (e.g. a 503 under load) may have created the Cognito user already.
      await o.cognito
        .send(new SignUpCommand({ ClientId: o.clientId, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] }))
        .catch((e: unknown) => {
          if ((e as Error).name !== 'UsernameExistsException') throw e;
        });
      await o.cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: o.userPoolId, Username: email })).catch((e: unknown) => {
        if ((e as Error).name !== 'NotAuthorizedException') throw e; // already confirmed
      });
      created = 'cognito';
    }
    username = await cognitoUsername(o.cognito, o.userPoolId, email);
    if (!username) throw new Error(`The admin account ${email} was not found in the user pool after registering it`);
  } else {
    // The printed password must work, also after TALLY_ADMIN_PASSWORD changed.
    await o.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: o.userPoolId, Username: username, Password: password, Permanent: true }));
  }
  for (const group of created === 'cognito' ? ['admin', 'user'] : ['admin']) {
    await o.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: o.userPoolId, Username: username, GroupName: group }));
  }
  return { username, created };
}
