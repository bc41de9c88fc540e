import { describe, expect, it } from 'vitest';
import { cognitoEmailOf, COGNITO_SENDER } from '../../infra/local/cognito-email';

describe('the local cloud’s Cognito code emails', () => {
  it('turns a delivery line of the Cognito preload into an outbox message with the pool’s template', () => {
    const line = `tally-cognito-email ${JSON.stringify({ source: 'ForgotPassword', to: 'ada@example.com', code: '123456', username: 'abc' })}`;
    const m = cognitoEmailOf(line, new Date('2026-01-02T03:04:05Z'));
    expect(m).toMatchObject({ from: COGNITO_SENDER, to: ['ada@example.com'], subject: 'Your Tally code', receivedAt: '2026-01-02T03:04:05.000Z', tags: { 'cognito-source': 'ForgotPassword' } });
    expect(m?.text).toContain('Your Tally code is 123456.');
    expect(m?.text).not.toContain('abc');
  });

  it('ignores every other line, and broken ones', () => {
    expect(cognitoEmailOf('Cognito Local running on http://127.0.0.1:9229')).toBeUndefined();
    expect(cognitoEmailOf('tally-cognito-email {not json')).toBeUndefined();
    expect(cognitoEmailOf('tally-cognito-email {"to":"a@example.com"}')).toBeUndefined();
  });
});
