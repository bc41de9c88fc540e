import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
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

/**
 * Leaves the signed-in screens for sign in; the sign-in screen then forgets the session ({@link useEndSessionOnArrival}).
 * Forgetting it here instead would let the signed-in screens, still shown while the router's transition to sign in
 * is pending, see no session and redirect to sign in themselves, with a `next` back to where the person was.
 */
export function useEndSession() {
  const navigate = useNavigate();
  return (notice: SignInNotice) => navigate(`/sign-in?notice=${notice}`, { replace: true, state: { endSession: true } });
}

/**
 * On the sign-in screen: drops the tokens and every cached answer when arriving from {@link useEndSession}. The flag
 * lives in the history entry's state, which only the app itself sets (a link cannot sign anyone out), and is removed
 * at once so that reloading the page later does not end a session signed in since.
 */
export function useEndSessionOnArrival() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const arriving = (location.state as { endSession?: unknown } | null)?.endSession === true;
  useEffect(() => {
    if (!arriving) return;
    clearTokens();
    queryClient.clear();
    void navigate(location.pathname + location.search, { replace: true, state: null });
  }, [arriving, location.pathname, location.search, navigate, queryClient]);
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
