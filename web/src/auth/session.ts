/**
 * The signed-in session: tokens from POST /auth/login, kept in this tab's sessionStorage (access and id token) and
 * localStorage (the refresh token, so a new tab stays signed in). Anything that changes it notifies subscribers.
 */
export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
}

const KEY = 'tally.session';
const REFRESH_KEY = 'tally.refresh';
type Listener = (t: Tokens | undefined) => void;
const listeners = new Set<Listener>();

function read(): Tokens | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    const refreshToken = localStorage.getItem(REFRESH_KEY) ?? undefined;
    if (raw) return { ...(JSON.parse(raw) as Tokens), ...(refreshToken ? { refreshToken } : {}) };
    return refreshToken ? { accessToken: '', idToken: '', refreshToken, expiresAt: 0 } : undefined;
  } catch {
    return undefined;
  }
}

let current: Tokens | undefined = read();

export function getTokens(): Tokens | undefined {
  return current;
}

export function setTokens(t: { accessToken: string; idToken: string; refreshToken?: string; expiresIn: number }): void {
  const refreshToken = t.refreshToken ?? current?.refreshToken;
  current = { accessToken: t.accessToken, idToken: t.idToken, expiresAt: Date.now() + t.expiresIn * 1000, ...(refreshToken ? { refreshToken } : {}) };
  sessionStorage.setItem(KEY, JSON.stringify({ accessToken: t.accessToken, idToken: t.idToken, expiresAt: current.expiresAt }));
  if (refreshToken) localStorage.setItem(REFRESH_KEY, refreshToken);
  for (const l of listeners) l(current);
}

export function clearTokens(): void {
  current = undefined;
  sessionStorage.removeItem(KEY);
  localStorage.removeItem(REFRESH_KEY);
  for (const l of listeners) l(undefined);
}

export function onTokens(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Claims of the id token (not verified here: the API verifies every request; this only shows names and roles). */
export function idClaims(): { email?: string; groups: string[] } {
  const token = current?.idToken;
  if (!token) return { groups: [] };
  try {
    const payload = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as string[]) : [];
    return { ...(typeof payload.email === 'string' ? { email: payload.email } : {}), groups };
  } catch {
    return { groups: [] };
  }
}
