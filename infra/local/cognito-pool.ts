import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  GetGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { BUILT_IN_GROUPS } from '../table';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws';

export function cognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
}

/**
 * Makes sure the pool has the app client (no secret; USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH; access and id
 * tokens 1 h, refresh 30 d) and the built-in groups; reuses `clientId` when it still exists. Returns the client id.
 */
export async function ensurePoolSetup(client: CognitoIdentityProviderClient, userPoolId: string, clientId: string | undefined): Promise<string> {
  const existing = clientId
    ? await client
        .send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }))
        .then((r) => r.UserPoolClient?.ClientId)
        .catch(() => undefined)
    : undefined;
  const id =
    existing ??
    (
      await client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientName: 'tally-local',
          GenerateSecret: false,
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          AccessTokenValidity: 1,
          IdTokenValidity: 1,
          RefreshTokenValidity: 30,
          TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
          EnableTokenRevocation: true,
          PreventUserExistenceErrors: 'ENABLED',
        }),
      )
    ).UserPoolClient?.ClientId;
  if (!id) throw new Error('cognito-local returned no client id');
  for (const group of BUILT_IN_GROUPS) {
    const found = await client
      .send(new GetGroupCommand({ UserPoolId: userPoolId, GroupName: group }))
      .then(() => true)
      .catch((e: unknown) => {
        if ((e as Error).name === 'ResourceNotFoundException') return false;
        throw e;
      });
    if (!found) await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group, Description: `Built-in role ${group}` }));
  }
  return id;
}

/** The pool's signing keys, as the emulator publishes them. */
export async function fetchJwks(endpoint: string, userPoolId: string): Promise<{ keys: Record<string, unknown>[] }> {
  const r = await fetch(`${endpoint}/${userPoolId}/.well-known/jwks.json`);
  if (!r.ok) throw new Error(`JWKS request failed: ${r.status}`);
  return (await r.json()) as { keys: Record<string, unknown>[] };
}
