import { describe, expect, it } from 'vitest';
import { sealRefreshToken, unsealRefreshToken } from '../../../shared/adapters/sessions';
import { isRecentSignIn, RECENT_SIGN_IN_SECONDS } from '../../../shared/use-cases/account-deletion';

describe('the refresh token sealed under an access token', () => {
  const refresh = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.refresh-token-body';
  const access = 'header.payload-of-access-token.signature';

  it('opens with the same access token and jti only', () => {
    const sealed = sealRefreshToken(refresh, access, 'jti-1');
    expect(sealed).not.toContain('refresh-token-body');
    expect(unsealRefreshToken(sealed, access, 'jti-1')).toBe(refresh);
    expect(unsealRefreshToken(sealed, `${access}x`, 'jti-1')).toBeUndefined();
    expect(unsealRefreshToken(sealed, access, 'jti-2')).toBeUndefined();
    expect(unsealRefreshToken('garbage', access, 'jti-1')).toBeUndefined();
    const tampered = Buffer.from(sealed, 'base64url');
    tampered.writeUInt8((tampered.readUInt8(tampered.length - 1) ^ 1) & 0xff, tampered.length - 1);
    expect(unsealRefreshToken(tampered.toString('base64url'), access, 'jti-1')).toBeUndefined();
  });

  it('differs each time (random IV)', () => {
    expect(sealRefreshToken(refresh, access, 'j')).not.toBe(sealRefreshToken(refresh, access, 'j'));
  });
});

describe('recent sign-in', () => {
  const now = new Date('2025-01-01T12:00:00Z');
  it('is a sign-in at most 5 minutes old', () => {
    expect(RECENT_SIGN_IN_SECONDS).toBe(300);
    expect(isRecentSignIn(new Date(now.getTime() - 299_000), now)).toBe(true);
    expect(isRecentSignIn(new Date(now.getTime() - 301_000), now)).toBe(false);
    expect(isRecentSignIn(new Date(now.getTime() + 60_000), now)).toBe(false);
    expect(isRecentSignIn(undefined, now)).toBe(false);
  });
});
