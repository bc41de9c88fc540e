import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, ok } from '../api/client';
import { clearTokens, getTokens } from '../auth/session';

/** What the sign-in screen tells a person who just left a session or changed their account (`?notice=`). */
export const SIGN_IN_NOTICES = {
  'signed-out': 'You are signed out.',
  'signed-out-everywhere': 'You are signed out on every device and browser.',
  deleted: 'Your account and all its data were deleted.',
  erasing: 'Your account was deleted; the rest of its data is being erased in the background.',
  confirmed: 'Your email address is confirmed. Sign in to start.',
  reset: 'Your password was changed. Sign in with the new one; every other session was signed out.',
} as const;
export type SignInNotice = keyof typeof SIGN_IN_NOTICES;

/** Leaves the signed-in screens for sign in, then forgets the session and every cached answer. */
export function useEndSession() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (notice: SignInNotice) => {
    // Leave the signed-in screens first, so their guard does not send the person to sign in with a `next` back.
    await navigate(`/sign-in?notice=${notice}`, { replace: true });
    clearTokens();
    queryClient.clear();
  };
}

/**
 * Signing out: POST /auth/logout with this session's refresh token (and `everywhere` to end every session), then
 * the local session and every cached answer are dropped and the person lands on sign in.
 *
 * A plain sign-out always ends locally, even when the server could not be told (offline, or the session had already
 * ended): nobody keeps the tokens afterwards. Signing out everywhere only ends locally once the server agreed, so a
 * failure is shown instead of pretending the other sessions ended.
 */
export function useSignOut() {
  const finish = useEndSession();
  return useMutation({
    mutationFn: async ({ everywhere }: { everywhere: boolean }) => {
      const refreshToken = getTokens()?.refreshToken;
      const body = { ...(refreshToken ? { refreshToken } : {}), ...(everywhere ? { everywhere: true } : {}) };
      try {
        await ok(api.POST('/auth/logout', { body }));
      } catch (e) {
        if (everywhere) throw e;
      }
      return everywhere;
    },
    onSuccess: (everywhere) => finish(everywhere ? 'signed-out-everywhere' : 'signed-out'),
  });
}

/** The "Sign out" button of the signed-in frame, on every screen. */
export function SignOutButton() {
  const signOut = useSignOut();
  return (
    <button type="button" className="secondary" disabled={signOut.isPending} onClick={() => signOut.mutate({ everywhere: false })}>
      {signOut.isPending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
