import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { sessionIdOf } from '../../../shared/adapters/sessions';
import { call, newUser, type Answer } from '../../support/api';

/**
 * Session gaps: logout must kill the refresh token at the identity provider even when the client does not send it,
 * `everywhere` must end every session, and a token alone (stolen, or kept alive by refreshes) must not erase the
 * account without a recent sign-in or the password.
 */

let cognito: CognitoIdentityProviderClient;
let ddb: DynamoDBClient;

beforeAll(() => {
  Object.assign(process.env, inject('cloud').env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
  cognito = new CognitoIdentityProviderClient({ maxAttempts: 1 });
  ddb = new DynamoDBClient({});
});

/** Uses a refresh token at the identity provider itself, bypassing the API's own session records. */
async function cognitoRefresh(refreshToken: string): Promise<string> {
  try {
    const out = await cognito.send(
      new InitiateAuthCommand({ ClientId: inject('cloud').userPoolClientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }),
    );
    return out.AuthenticationResult?.AccessToken ? 'ok' : 'no tokens';
  } catch (e) {
    return (e as Error).name;
  }
}

/** Moves the sign-in of the session a refresh token belongs to `minutes` into the past (time passing, not an API call). */
async function ageSignIn(refreshToken: string, minutes: number): Promise<void> {
  await ddb.send(
    new UpdateItemCommand({
      TableName: inject('cloud').tableName,
      Key: { pk: { S: `SESSION#${sessionIdOf(refreshToken)}` }, sk: { S: 'SESSION' } },
      UpdateExpression: 'SET createdAt = :t',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':t': { S: new Date(Date.now() - minutes * 60_000).toISOString() } },
    }),
  );
}

function expectProblem(res: Answer, status: number, detail?: RegExp): void {
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({ status, type: 'application/problem+json' });
  if (detail) expect(res.body.detail).toMatch(detail);
}

describe('logout', () => {
  it('revokes the session’s refresh token at the identity provider although the client did not send it', async () => {
    const u = await newUser();
    expect(await cognitoRefresh(u.refreshToken)).toBe('ok');
    expect((await call('POST', '/auth/logout', { token: u.accessToken })).status).toBe(204);
    expectProblem(await call('POST', '/auth/refresh', { body: { refreshToken: u.refreshToken } }), 401);
    expect(await cognitoRefresh(u.refreshToken)).toBe('NotAuthorizedException');
  });

  it('does so also when signing out with a refreshed access token', async () => {
    const u = await newUser();
    const refreshed = await call('POST', '/auth/refresh', { body: { refreshToken: u.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect((await call('POST', '/auth/logout', { token: refreshed.body.accessToken, body: {} })).status).toBe(204);
    expect((await call('GET', '/me', { token: u.accessToken })).status).toBe(401);
    expect(await cognitoRefresh(u.refreshToken)).toBe('NotAuthorizedException');
  });

  it('with {"everywhere": true} ends every session of the user, and only theirs', async () => {
    const u = await newUser();
    const second = await call('POST', '/auth/login', { body: { email: u.email, password: u.password } });
    expect(second.status).toBe(200);
    const bystander = await newUser();
    expect((await call('GET', '/me', { token: second.body.accessToken })).status).toBe(200);

    expect((await call('POST', '/auth/logout', { token: u.accessToken, body: { everywhere: true } })).status).toBe(204);
    expectProblem(await call('GET', '/me', { token: u.accessToken }), 401);
    expectProblem(await call('GET', '/me', { token: second.body.accessToken }), 401);
    expectProblem(await call('POST', '/auth/refresh', { body: { refreshToken: second.body.refreshToken } }), 401);
    expectProblem(await call('POST', '/auth/refresh', { body: { refreshToken: u.refreshToken } }), 401);
    expect(await cognitoRefresh(u.refreshToken)).toBe('NotAuthorizedException');
    expect((await call('GET', '/me', { token: bystander.accessToken })).status).toBe(200);
    // Signing in again works.
    expect((await call('POST', '/auth/login', { body: { email: u.email, password: u.password } })).status).toBe(200);
  });
});

describe('DELETE /me needs a recent sign-in or the password', () => {
  it('refuses a token whose sign-in is older than 5 minutes; a wrong password too; the right one erases', async () => {
    const u = await newUser();
    await ageSignIn(u.refreshToken, 6);
    expectProblem(await call('DELETE', '/me', { token: u.accessToken }), 403, /sign in again|password/);
    expectProblem(await call('DELETE', '/me', { token: u.accessToken, body: { password: 'Wrong-Password-1' } }), 403, /incorrect/);
    expectProblem(await call('DELETE', '/me', { token: u.accessToken, body: { password: '' } }), 400);
    expect((await call('GET', '/me', { token: u.accessToken })).status).toBe(200);
    expect((await call('DELETE', '/me', { token: u.accessToken, body: { password: u.password } })).status).toBe(204);
    expect((await call('GET', '/me', { token: u.accessToken })).status).toBe(401);
  });

  it('counts wrong passwords with the failed sign-ins of the address: a stolen token cannot guess the password', async () => {
    const u = await newUser();
    await ageSignIn(u.refreshToken, 6);
    const answers: number[] = [];
    for (let i = 0; i < 11; i++) answers.push((await call('DELETE', '/me', { token: u.accessToken, body: { password: `Wrong-Password-${i}` } })).status);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(403));
    const limited = await call('DELETE', '/me', { token: u.accessToken, body: { password: u.password } });
    expectProblem(limited, 429, /failed sign-ins/);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await call('GET', '/me', { token: u.accessToken })).status).toBe(200);
  });

  it('does not count a refresh as a sign-in', async () => {
    const u = await newUser();
    await ageSignIn(u.refreshToken, 6);
    const refreshed = await call('POST', '/auth/refresh', { body: { refreshToken: u.refreshToken } });
    expect(refreshed.status).toBe(200);
    expectProblem(await call('DELETE', '/me', { token: refreshed.body.accessToken }), 403, /sign in again/);
    expect((await call('GET', '/me', { token: refreshed.body.accessToken })).status).toBe(200);
    // A fresh sign-in is enough on its own.
    const again = await call('POST', '/auth/login', { body: { email: u.email, password: u.password } });
    expect((await call('DELETE', '/me', { token: again.body.accessToken })).status).toBe(204);
  });
});
