import { useSyncExternalStore } from 'react';
import { getTokens, onTokens, type Tokens } from './session';

/** The current tokens (undefined when signed out); re-renders on sign-in, refresh and sign-out. */
export function useSession(): Tokens | undefined {
  return useSyncExternalStore(onTokens, getTokens, getTokens);
}
